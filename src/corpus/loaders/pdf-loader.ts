import { extractTextItems, getDocumentProxy, getMeta } from "unpdf";
import { CorpusError } from "../../errors.js";
import type { DocumentLoader, LoaderInput, LoadResult, SourceDocument } from "../types.js";
import { collapseWhitespace, escapeMarkdownLine } from "./markdown-text.js";
import { idFromPath, titleFromPath } from "./metadata.js";

/** The fields of a pdf.js text item this loader reads. */
export interface PdfTextItem {
  str: string;
  y: number;
  fontSize: number;
  hasEOL: boolean;
}

interface PdfLine {
  text: string;
  y: number;
  fontSize: number;
}

/** A vertical gap wider than this many font sizes between two lines is a paragraph break. */
const PARAGRAPH_GAP = 1.8;

function toLines(items: readonly PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let current: PdfLine | undefined;
  for (const item of items) {
    const startsNewLine = current !== undefined && Math.abs(item.y - current.y) > Math.max(item.fontSize, current.fontSize) / 2;
    if (!current || startsNewLine) {
      if (current) lines.push(current);
      current = { text: "", y: item.y, fontSize: item.fontSize };
    }
    current.text += item.str;
    current.fontSize = Math.max(current.fontSize, item.fontSize);
    if (item.hasEOL) {
      lines.push(current);
      current = undefined;
    }
  }
  if (current) lines.push(current);
  return lines.map((line) => ({ ...line, text: collapseWhitespace(line.text) })).filter((line) => line.text !== "");
}

/**
 * The text of one page as Markdown paragraphs: lines of a paragraph stay on their own lines (the chunker joins
 * them), and a wide vertical gap or a jump back up the page (a new column) starts a new paragraph.
 */
export function pageText(items: readonly PdfTextItem[]): string {
  const lines = toLines(items);
  let text = "";
  lines.forEach((line, index) => {
    const previous = lines[index - 1];
    if (previous) {
      const gap = previous.y - line.y;
      const fontSize = Math.max(previous.fontSize, line.fontSize, 1);
      text += gap > PARAGRAPH_GAP * fontSize || gap < -fontSize ? "\n\n" : "\n";
    }
    text += escapeMarkdownLine(line.text);
  });
  return text;
}

async function readPdf(input: LoaderInput): Promise<{ title: string | undefined; pages: PdfTextItem[][] }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    // A copy: pdf.js takes ownership of (and may detach) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(input.content), { verbosity: 0 });
    const { info } = await getMeta(pdf);
    const { items } = await extractTextItems(pdf);
    const title: unknown = info.Title;
    return { title: typeof title === "string" && title.trim() ? title.trim() : undefined, pages: items };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    const reason =
      name === "PasswordException"
        ? "is password-protected: save an unprotected copy"
        : `is not a readable PDF (${(error instanceof Error ? error.message : String(error)).replace(/\.$/, "")})`;
    throw new CorpusError(`${input.relativePath} ${reason}.`, { cause: error });
  } finally {
    await pdf?.destroy();
  }
}

/**
 * PDF: one document per page that has text, id `<file id>/page-<n>`, titled by the PDF's Title (or the file
 * name), text `## Page <n>` then the page's paragraphs as Markdown, metadata `{page, pageCount}` so every chunk
 * and citation knows its page. Pages never share a chunk.
 */
export const pdfLoader: DocumentLoader = {
  format: "markdown",
  extensions: [".pdf"],
  async load(input: LoaderInput): Promise<LoadResult> {
    const { title, pages } = await readPdf(input);
    const fileId = idFromPath(input.relativePath);
    const documents: SourceDocument[] = [];
    pages.forEach((items, index) => {
      const page = index + 1;
      const body = pageText(items);
      if (!body) return;
      documents.push({
        id: `${fileId}/page-${page}`,
        title: title ?? titleFromPath(input.relativePath),
        text: `## Page ${page}\n\n${body}\n`,
        format: "markdown",
        sourcePath: input.relativePath,
        contentHash: input.contentHash,
        metadata: { page, pageCount: pages.length },
      });
    });
    if (documents.length === 0) {
      throw new CorpusError(
        `${input.relativePath} has no extractable text in its ${pages.length} page(s); it is probably scanned images: run OCR on it (e.g. ocrmypdf) and add the result.`,
      );
    }
    return { documents, problems: [] };
  },
};
