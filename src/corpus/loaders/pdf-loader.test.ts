import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../chunking/chunker.js";
import { CorpusError } from "../../errors.js";
import { pageText, pdfLoader } from "./pdf-loader.js";
import { buildPdf } from "./testing/build-pdf.js";
import { loaderInput } from "./testing/loader-input.js";

const MANUAL = buildPdf({
  title: "Owner Manual",
  pages: [
    ["Battery care", "Charge the battery fully", "before first use.", "", "# 1 tip: keep it cool."],
    [],
    ["Warranty: two years (parts and labour)."],
  ],
});

describe("pdfLoader", () => {
  it("emits one Markdown document per page with text, headed `## Page n`, with the page in its metadata", async () => {
    const { documents, problems } = await pdfLoader.load(loaderInput("manuals/x1.pdf", MANUAL));
    expect(problems).toEqual([]);
    expect(documents.map(({ id, title, text, format, sourcePath, metadata }) => ({ id, title, text, format, sourcePath, metadata }))).toEqual([
      {
        id: "manuals/x1/page-1",
        title: "Owner Manual",
        text: "## Page 1\n\nBattery care\nCharge the battery fully\nbefore first use.\n\n\\# 1 tip: keep it cool.\n",
        format: "markdown",
        sourcePath: "manuals/x1.pdf",
        metadata: { page: 1, pageCount: 3 },
      },
      {
        id: "manuals/x1/page-3",
        title: "Owner Manual",
        text: "## Page 3\n\nWarranty: two years (parts and labour).\n",
        format: "markdown",
        sourcePath: "manuals/x1.pdf",
        metadata: { page: 3, pageCount: 3 },
      },
    ]);
  });

  it("gives every chunk its page number and a heading path that shows the page", async () => {
    const { documents } = await pdfLoader.load(loaderInput("manuals/x1.pdf", MANUAL));
    const chunks = documents.flatMap((document) => chunkDocument(document, { maxWords: 200, minWords: 0 }));
    expect(chunks.map((chunk) => [chunk.headingPath, chunk.text, chunk.metadata.page, chunk.metadata.section])).toEqual([
      [["Owner Manual", "Page 1"], "Battery care Charge the battery fully before first use.\n\n\\# 1 tip: keep it cool.", 1, "Page 1"],
      [["Owner Manual", "Page 3"], "Warranty: two years (parts and labour).", 3, "Page 3"],
    ]);
  });

  it("titles a PDF without a Title entry by its file name", async () => {
    const { documents } = await pdfLoader.load(loaderInput("owner-manual.pdf", buildPdf({ pages: [["Hello."]] })));
    expect(documents.map((document) => document.title)).toEqual(["Owner manual"]);
  });

  it("rejects a file that is not a PDF with a CorpusError naming the file", async () => {
    const load = pdfLoader.load(loaderInput("broken.pdf", "this is not a PDF"));
    await expect(load).rejects.toThrow(CorpusError);
    await expect(load).rejects.toThrow("broken.pdf is not a readable PDF (Invalid PDF structure).");
  });

  it("rejects a PDF without any text and says to run OCR", async () => {
    await expect(pdfLoader.load(loaderInput("scan.pdf", buildPdf({ pages: [[], []] })))).rejects.toThrow(
      "scan.pdf has no extractable text in its 2 page(s); it is probably scanned images: run OCR on it (e.g. ocrmypdf) and add the result.",
    );
  });
});

describe("pageText", () => {
  const item = (str: string, y: number, hasEOL = true) => ({ str, y, fontSize: 10, hasEOL });

  it("keeps lines, breaks paragraphs at wide gaps and at a jump up the page (a new column)", () => {
    const items = [item("Left column", 700), item("continues.", 688), item("New paragraph.", 650), item("Right", 700, false), item(" column.", 700)];
    expect(pageText(items)).toBe("Left column\ncontinues.\n\nNew paragraph.\n\nRight column.");
  });
});
