import { type HTMLElement, parse } from "node-html-parser";
import { CorpusError } from "../../errors.js";
import type { DocumentLoader, LoaderInput, LoadResult, MetadataValue } from "../types.js";
import { decodeText } from "./decode-text.js";
import { htmlToMarkdown, inlineText } from "./html-to-markdown.js";
import { idFromPath, titleFromPath } from "./metadata.js";

/** Page furniture and non-text elements, dropped before the main text is read (with their ARIA equivalents). */
const DROPPED = [
  "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "button", "select",
  "nav", "header", "footer", "aside",
  "[hidden]", "[aria-hidden=true]", "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=complementary]",
].join(", ");

/** The charset the page declares in its first bytes (`<meta charset>` or `http-equiv` content type), if any. */
function declaredCharset(content: Buffer): string | undefined {
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(content.subarray(0, 2048).toString("latin1"))?.[1];
}

/** The element holding the page's own content: <main>, else the only <article>, else <body>. */
function mainElement(root: HTMLElement): HTMLElement {
  const articles = root.querySelectorAll("article");
  return root.querySelector("main") ?? (articles.length === 1 ? articles[0]! : undefined) ?? root.querySelector("body") ?? root;
}

/**
 * HTML (.html, .htm): the main content as Markdown (headings, paragraphs, lists, pipe tables with their header
 * row); scripts, styles, nav, header, footer and aside are dropped. Title from <title>, else the first <h1>,
 * else the file name; a canonical URL, when the page declares one, becomes metadata `url`.
 */
export const htmlLoader: DocumentLoader = {
  format: "markdown",
  extensions: [".html", ".htm"],
  async load(input: LoaderInput): Promise<LoadResult> {
    const root = parse(decodeText(input.content, declaredCharset(input.content)), { comment: false });
    const titleElement = root.querySelector("title");
    const firstHeading = root.querySelector("h1");
    const title =
      (titleElement && inlineText(titleElement)) || (firstHeading && inlineText(firstHeading)) || titleFromPath(input.relativePath);
    const metadata: Record<string, MetadataValue> = {};
    const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute("href")?.trim();
    if (canonical) metadata.url = canonical;
    for (const element of root.querySelectorAll(DROPPED)) element.remove();
    const text = htmlToMarkdown(mainElement(root));
    if (!text) {
      throw new CorpusError(
        `${input.relativePath} has no readable text outside scripts, navigation, header and footer; if the page is rendered by JavaScript, save the rendered HTML instead.`,
      );
    }
    return {
      documents: [
        {
          id: idFromPath(input.relativePath),
          title,
          text,
          format: "markdown",
          sourcePath: input.relativePath,
          contentHash: input.contentHash,
          metadata,
        },
      ],
      problems: [],
    };
  },
};
