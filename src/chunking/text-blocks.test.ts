import { describe, expect, it } from "vitest";
import { textBlocks } from "./text-blocks.js";

describe("textBlocks", () => {
  it("joins the lines of a prose paragraph", () => {
    expect(textBlocks("First line\nsecond line.\n\nNext paragraph.")).toEqual([
      { kind: "paragraph", text: "First line second line." },
      { kind: "paragraph", text: "Next paragraph." },
    ]);
  });

  it("reads lines of ` | `-separated cells as a table with the first line as header", () => {
    expect(textBlocks(" | 2019 | 2018\nRevenue | 10 | 9\nCost | 4 | 3")).toEqual([
      { kind: "table", header: ["|  | 2019 | 2018 |", "| --- | --- | --- |"], rows: ["| Revenue | 10 | 9 |", "| Cost | 4 | 3 |"] },
    ]);
  });

  it("reads `Name: value` lines as a list of fields", () => {
    expect(textBlocks("name: Aurora X1\nprice_usd: 199.00")).toEqual([{ kind: "list", items: ["- name: Aurora X1", "- price_usd: 199.00"] }]);
  });

  it("keeps a paragraph when only some lines look like fields", () => {
    expect(textBlocks("Note: read this.\nIt matters because of reasons")).toEqual([{ kind: "paragraph", text: "Note: read this. It matters because of reasons" }]);
  });
});
