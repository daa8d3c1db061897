import { describe, expect, it } from "vitest";
import { type DisplayBlock, markdownToBlocks, type TextSpan } from "./markdown-to-blocks.js";

/** The blocks with each span shown as its source text (bold as **text**), to assert the exact result. */
function shown(source: string): unknown[] {
  const text = (spans: TextSpan[]) => spans.map((span) => (span.strong ? `**${source.slice(span.start, span.end)}**` : source.slice(span.start, span.end))).join("");
  const block = (displayBlock: DisplayBlock): unknown => {
    switch (displayBlock.kind) {
      case "paragraph":
        return { [displayBlock.heading ? "heading" : "p"]: text(displayBlock.content) };
      case "list":
        return { [displayBlock.ordered ? "ol" : "ul"]: displayBlock.items.map((item) => (item.children.length ? [text(item.content), ...item.children.map(block)] : text(item.content))) };
      case "table":
        return {
          header: displayBlock.header?.cells.map(text),
          rows: displayBlock.rows.map((row) => row.cells.map(text)),
          lines: displayBlock.rows.map((row) => source.slice(row.start, row.end)),
        };
    }
  };
  return markdownToBlocks(source).map(block);
}

describe("markdownToBlocks", () => {
  it("turns a caption and a table into a paragraph and a table with header and cells", () => {
    const source = "Table 8: Fees for other services\n\n| Service | Fee |\n|---|---|\n| Coin counting, non-customers | 5% of the amount counted |\n| Garnishment | $100 per order |";
    expect(shown(source)).toEqual([
      { p: "Table 8: Fees for other services" },
      {
        header: ["Service", "Fee"],
        rows: [["Coin counting, non-customers", "5% of the amount counted"], ["Garnishment", "$100 per order"]],
        lines: ["| Coin counting, non-customers | 5% of the amount counted |", "| Garnishment | $100 per order |"],
      },
    ]);
  });

  it("keeps a row cut short by a snippet's ellipsis, and an escaped pipe inside a cell", () => {
    const source = "| Item | Price |\n|---|---|\n| A \\| B | $1 |\n| Keyed or online card tra…";
    expect(shown(source)).toEqual([{ header: ["Item", "Price"], rows: [["A \\| B", "$1"], ["Keyed or online card tra…"]], lines: ["| A \\| B | $1 |", "| Keyed or online card tra…"] }]);
  });

  it("shows a table without a separator row as body rows, and never a stray separator", () => {
    expect(shown("|---|---|\n| a | b |")).toEqual([{ header: undefined, rows: [["a", "b"]], lines: ["| a | b |"] }]);
  });

  it("nests list items by indentation, joins continuation lines, keeps bold, and starts a new list when the marker kind changes", () => {
    const source = "The most significant include:\n\n- **Interest rate risk.** Changes in rates\n  affect our margin.\n- Compatible with:\n  - Trek 3\n  - Trek 4\n1. Withdraw.\n2. Add money.";
    expect(shown(source)).toEqual([
      { p: "The most significant include:" },
      { ul: ["**Interest rate risk.** Changes in rates\n  affect our margin.", ["Compatible with:", { ul: ["Trek 3", "Trek 4"] }]] },
      { ol: ["Withdraw.", "Add money."] },
    ]);
  });

  it("ends a paragraph at a list, a table or a blank line; lines of one paragraph stay together", () => {
    expect(shown("One line\nand the next.\n- item\n\nAfter.\n| a |")).toEqual([
      { p: "One line\nand the next." },
      { ul: ["item"] },
      { p: "After." },
      { header: undefined, rows: [["a"]], lines: ["| a |"] },
    ]);
  });

  it("shows a heading line as a bold paragraph without its hashes, and plain text as one paragraph", () => {
    expect(shown("## Fees\nWe charge $5 [1].")).toEqual([{ heading: "Fees" }, { p: "We charge $5 [1]." }]);
    expect(shown("")).toEqual([]);
  });

  it("points every span into the source, so highlight ranges line up", () => {
    const source = "Intro.\n\n| Status | Limit |\n|---|---|\n| Open 30 days | $2,500 |";
    const table = markdownToBlocks(source)[1]!;
    expect(table.kind).toBe("table");
    if (table.kind !== "table") return;
    const cell = table.rows[0]!.cells[1]![0]!;
    expect(source.slice(cell.start, cell.end)).toBe("$2,500");
    expect(source.slice(table.rows[0]!.start, table.rows[0]!.end)).toBe("| Open 30 days | $2,500 |");
  });
});
