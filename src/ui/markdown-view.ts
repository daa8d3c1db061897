import { element } from "./dom.js";
import { splitByRanges, type TextRange } from "./highlight.js";
import { type DisplayBlock, markdownToBlocks, type TableRow, type TextSpan } from "./markdown-to-blocks.js";

export interface MarkdownViewOptions {
  /** Ranges of the source to wrap in <mark class="evidence"> (from findHighlights). */
  highlights?: TextRange[];
  /** Turns a piece of plain text into nodes, e.g. [n] markers into buttons; plain text by default. */
  renderText?: (text: string) => Array<Node | string>;
}

/**
 * Renders Markdown paragraphs, lists and tables as DOM nodes. Document text only ever goes in as text
 * nodes (textContent), never as HTML, so a document cannot inject markup.
 */
export function renderMarkdown(source: string, options: MarkdownViewOptions = {}): HTMLElement[] {
  const highlights = options.highlights ?? [];
  const renderText = options.renderText ?? ((text: string) => [text]);

  const inline = (spans: TextSpan[], into: HTMLElement): HTMLElement => {
    for (const span of spans) {
      const target = span.strong ? into.appendChild(element("strong")) : into;
      for (const piece of splitByRanges(span.start, span.end, highlights)) {
        const nodes = renderText(source.slice(piece.start, piece.end));
        if (piece.marked) {
          const mark = element("mark", "evidence");
          mark.append(...nodes);
          target.append(mark);
        } else {
          target.append(...nodes);
        }
      }
    }
    return into;
  };

  const rowIsHighlighted = (row: TableRow) => highlights.some((range) => range.start <= row.start && range.end >= row.end);
  const tableRow = (row: TableRow, cellTag: "th" | "td", columns: number): HTMLTableRowElement => {
    const tr = element("tr");
    if (rowIsHighlighted(row)) tr.className = "evidence-row";
    for (let column = 0; column < Math.max(columns, row.cells.length); column += 1) tr.append(inline(row.cells[column] ?? [], element(cellTag)));
    return tr;
  };

  const block = (displayBlock: DisplayBlock): HTMLElement => {
    switch (displayBlock.kind) {
      case "paragraph":
        return inline(displayBlock.content, element("p", displayBlock.heading ? "md-heading" : undefined));
      case "list": {
        const list = element(displayBlock.ordered ? "ol" : "ul");
        for (const item of displayBlock.items) {
          const listItem = inline(item.content, element("li"));
          for (const child of item.children) listItem.append(block(child));
          list.append(listItem);
        }
        return list;
      }
      case "table": {
        const columns = displayBlock.header?.cells.length ?? 0;
        const table = element("table");
        if (displayBlock.header) {
          const head = element("thead");
          head.append(tableRow(displayBlock.header, "th", columns));
          table.append(head);
        }
        const body = element("tbody");
        for (const row of displayBlock.rows) body.append(tableRow(row, "td", columns));
        table.append(body);
        // Wide tables scroll on their own instead of widening the page.
        const scroll = element("div", "table-scroll");
        scroll.append(table);
        return scroll;
      }
    }
  };
  return markdownToBlocks(source).map(block);
}
