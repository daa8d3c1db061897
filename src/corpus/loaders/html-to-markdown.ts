import { HTMLElement, TextNode, type Node } from "node-html-parser";
import { collapseWhitespace, escapeMarkdownLine, renderPipeTable } from "./markdown-text.js";

/** Elements whose content starts a new block; anything else is inline and joins the running paragraph. */
const BLOCK_TAGS = new Set([
  "address", "article", "blockquote", "body", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
  "figure", "hr", "html", "li", "main", "p", "section", "summary",
]);
const HEADING_TAG = /^h([1-6])$/;

function tagOf(element: HTMLElement): string {
  return element.rawTagName?.toLowerCase() ?? "";
}

/**
 * The text of an element as one line: block boundaries and <br> become spaces, so
 * `<td><p>a</p><p>b</p></td>` reads "a b", not "ab".
 */
export function inlineText(node: Node, skip: (element: HTMLElement) => boolean = () => false): string {
  const parts: string[] = [];
  const walk = (current: Node): void => {
    if (current instanceof TextNode) {
      parts.push(current.text);
      return;
    }
    if (!(current instanceof HTMLElement) || skip(current)) return;
    const tag = tagOf(current);
    const separate = tag === "br" || BLOCK_TAGS.has(tag) || HEADING_TAG.test(tag) || tag === "td" || tag === "th" || tag === "tr";
    if (separate) parts.push(" ");
    current.childNodes.forEach(walk);
    if (separate) parts.push(" ");
  };
  walk(node);
  return collapseWhitespace(parts.join(""));
}

/** Collects Markdown blocks; inline text accumulates until a block element flushes it as a paragraph. */
class MarkdownWriter {
  readonly blocks: string[] = [];
  private inline = "";

  text(text: string): void {
    this.inline += text;
  }

  lineBreak(): void {
    this.inline += "\n";
  }

  flush(): void {
    const lines = this.inline
      .split("\n")
      .map(collapseWhitespace)
      .filter(Boolean)
      .map(escapeMarkdownLine);
    if (lines.length > 0) this.blocks.push(lines.join("\n"));
    this.inline = "";
  }

  block(markdown: string): void {
    this.flush();
    if (markdown.trim()) this.blocks.push(markdown);
  }
}

function renderList(list: HTMLElement, depth: number): string[] {
  const ordered = tagOf(list) === "ol";
  const lines: string[] = [];
  let number = 0;
  for (const item of list.childNodes) {
    if (!(item instanceof HTMLElement) || tagOf(item) !== "li") continue;
    number += 1;
    const nested = nestedLists(item);
    const ownText = inlineText(item, isList);
    const marker = ordered ? `${number}.` : "-";
    if (ownText) lines.push(`${"  ".repeat(depth)}${marker} ${ownText}`);
    for (const child of nested) lines.push(...renderList(child, ownText ? depth + 1 : depth));
  }
  return lines;
}

function isList(element: HTMLElement): boolean {
  const tag = tagOf(element);
  return tag === "ul" || tag === "ol";
}

/** The lists inside a list item, not counting lists nested inside those. */
function nestedLists(item: HTMLElement): HTMLElement[] {
  const found: HTMLElement[] = [];
  const walk = (element: HTMLElement): void => {
    for (const child of element.childNodes) {
      if (!(child instanceof HTMLElement)) continue;
      if (isList(child)) found.push(child);
      else walk(child);
    }
  };
  walk(item);
  return found;
}

function tableRows(table: HTMLElement): { header: HTMLElement | undefined; rows: HTMLElement[] } {
  const rows: HTMLElement[] = [];
  let header: HTMLElement | undefined;
  for (const child of table.childNodes) {
    if (!(child instanceof HTMLElement)) continue;
    const tag = tagOf(child);
    if (tag === "tr") rows.push(child);
    if (tag === "thead" || tag === "tbody" || tag === "tfoot") {
      const sectionRows = child.childNodes.filter((row): row is HTMLElement => row instanceof HTMLElement && tagOf(row) === "tr");
      if (tag === "thead" && !header) {
        header = sectionRows[0];
        rows.push(...sectionRows.slice(1));
      } else {
        rows.push(...sectionRows);
      }
    }
  }
  // Without a <thead>, the first row is the header (whether it uses <th> or <td>): a pipe table needs one.
  return header ? { header, rows } : { header: rows[0], rows: rows.slice(1) };
}

function rowCells(row: HTMLElement): string[] {
  const cells: string[] = [];
  for (const cell of row.childNodes) {
    if (!(cell instanceof HTMLElement) || !["td", "th"].includes(tagOf(cell))) continue;
    cells.push(inlineText(cell));
    const span = Number.parseInt(cell.getAttribute("colspan") ?? "1", 10);
    for (let extra = 1; extra < Math.min(Number.isFinite(span) ? span : 1, 50); extra += 1) cells.push("");
  }
  return cells;
}

function renderTable(table: HTMLElement, writer: MarkdownWriter): void {
  const caption = table.childNodes.find((child): child is HTMLElement => child instanceof HTMLElement && tagOf(child) === "caption");
  const { header, rows } = tableRows(table);
  if (!header) return;
  // A caption is a one-line paragraph right above the table, which the chunker keeps with every piece of it.
  if (caption && inlineText(caption)) writer.block(escapeMarkdownLine(inlineText(caption)));
  writer.block(renderPipeTable(rowCells(header), rows.map(rowCells)));
}

function renderNode(node: Node, writer: MarkdownWriter): void {
  if (node instanceof TextNode) {
    writer.text(node.text);
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = tagOf(node);
  const heading = HEADING_TAG.exec(tag);
  if (heading) {
    const text = inlineText(node);
    if (text) writer.block(`${"#".repeat(Number(heading[1]))} ${text}`);
    else writer.flush();
    return;
  }
  switch (tag) {
    case "br":
      writer.lineBreak();
      return;
    case "img":
      return;
    case "ul":
    case "ol":
      writer.block(renderList(node, 0).join("\n"));
      return;
    case "table":
      renderTable(node, writer);
      return;
    case "pre":
      writer.block(`\`\`\`\n${node.text.replace(/^\n+|\s+$/g, "")}\n\`\`\``);
      return;
  }
  const isBlock = BLOCK_TAGS.has(tag);
  if (isBlock) writer.flush();
  node.childNodes.forEach((child) => renderNode(child, writer));
  if (isBlock) writer.flush();
}

/**
 * Markdown for the readable content of an HTML element: headings as `#` lines, paragraphs, lists as `-`/`1.`
 * items, tables as pipe tables with their header row (and <caption> on the line above), <pre> as fenced code.
 * Inline markup (links, emphasis) is reduced to its text. Remove what should not be read before calling.
 */
export function htmlToMarkdown(root: HTMLElement): string {
  const writer = new MarkdownWriter();
  renderNode(root, writer);
  writer.flush();
  return writer.blocks.join("\n\n");
}
