/** Options for a hand-built test PDF: each page is a list of lines; an empty line leaves a blank line (a paragraph gap). */
export interface TestPdfOptions {
  pages: string[][];
  title?: string;
}

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (character) => `\\${character}`);
}

/**
 * A minimal valid PDF (Helvetica, one text line per entry, 16 pt leading) built byte by byte, so tests
 * need no fixture files and no PDF writer.
 */
export function buildPdf(options: TestPdfOptions): Buffer {
  const objects: string[] = [];
  const fontId = 3;
  const firstPageId = 4;
  const pageIds = options.pages.map((_, index) => firstPageId + index * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;
  objects[fontId] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  options.pages.forEach((lines, index) => {
    const pageId = pageIds[index]!;
    const operations = lines.map((line) => (line === "" ? "T*" : `(${escapePdfString(line)}) Tj T*`)).join("\n");
    const stream = `BT\n/F1 12 Tf\n16 TL\n72 720 Td\n${operations}\nET`;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`;
  });
  const infoId = objects.length;
  if (options.title !== undefined) objects[infoId] = `<< /Title (${escapePdfString(options.title)}) >>`;

  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(body, "latin1");
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(body, "latin1");
  const entries = offsets.slice(1).map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`);
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n${entries.join("")}`;
  const info = options.title !== undefined ? ` /Info ${infoId} 0 R` : "";
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R${info} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
