import { describe, expect, it } from "vitest";
import { parseBlocks } from "../../chunking/markdown-blocks.js";
import { escapeMarkdownLine, renderPipeTable } from "./markdown-text.js";

describe("escapeMarkdownLine", () => {
  it("escapes only line starts the chunker would read as a heading, table row or code fence", () => {
    const lines = ["# 1 in sales", "#hashtag", "| a | b |", "```js", "  ~~~", "- a list item", "Price | $5"];
    expect(lines.map(escapeMarkdownLine)).toEqual(["\\# 1 in sales", "#hashtag", "\\| a | b |", "\\```js", "  \\~~~", "- a list item", "Price | $5"]);
    expect(parseBlocks(lines.slice(0, 3).map(escapeMarkdownLine).join("\n"))).toEqual([{ kind: "paragraph", text: "\\# 1 in sales #hashtag \\| a | b |" }]);
  });
});

describe("renderPipeTable", () => {
  it("pads short rows, escapes pipes and flattens line breaks in cells", () => {
    expect(renderPipeTable(["Plan", "Fee", "Notes"], [["Basic", "$5"], ["Plus", "$0 | waived", "with\ndirect deposit"]])).toBe(
      "| Plan | Fee | Notes |\n| --- | --- | --- |\n| Basic | $5 |  |\n| Plus | $0 \\| waived | with direct deposit |",
    );
  });

  it("is read back by the chunker as one table with its header", () => {
    expect(parseBlocks(renderPipeTable(["a", "b"], [["1", "2"]]))).toEqual([
      { kind: "table", caption: undefined, header: ["| a | b |", "| --- | --- |"], rows: ["| 1 | 2 |"] },
    ]);
  });
});
