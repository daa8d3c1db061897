import mammoth from "mammoth";
import { parse } from "node-html-parser";
import { CorpusError } from "../../errors.js";
import type { DocumentLoader, LoaderInput, LoadResult } from "../types.js";
import { htmlToMarkdown } from "./html-to-markdown.js";
import { idFromPath, titleFromPath } from "./metadata.js";

/** Word's own "Title" style is the document's level-1 heading; mammoth maps Heading 1-6 by default. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh"];

/** Images are not read: their bytes would otherwise be inlined as data URIs only to be dropped. */
const SKIP_IMAGES = mammoth.images.imgElement(async () => ({ src: "" }));

/**
 * Word (.docx): converted with mammoth to HTML, then to Markdown, so Word headings become `#` headings
 * (heading paths in chunks), lists `-`/`1.` items and tables pipe tables. One document per file, titled by
 * the first level-1 heading (Word's Title or Heading 1 style) or the file name.
 */
export const docxLoader: DocumentLoader = {
  format: "markdown",
  extensions: [".docx"],
  async load(input: LoaderInput): Promise<LoadResult> {
    let html: string;
    try {
      ({ value: html } = await mammoth.convertToHtml({ buffer: input.content }, { styleMap: STYLE_MAP, convertImage: SKIP_IMAGES }));
    } catch (error) {
      throw new CorpusError(
        `${input.relativePath} is not a readable .docx (${error instanceof Error ? error.message : String(error)}); an old binary .doc must be saved as .docx first.`,
        { cause: error },
      );
    }
    const text = htmlToMarkdown(parse(html));
    if (!text) throw new CorpusError(`${input.relativePath} has no text.`);
    const firstHeading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
    return {
      documents: [
        {
          id: idFromPath(input.relativePath),
          title: firstHeading ?? titleFromPath(input.relativePath),
          text,
          format: "markdown",
          sourcePath: input.relativePath,
          contentHash: input.contentHash,
          metadata: {},
        },
      ],
      problems: [],
    };
  },
};
