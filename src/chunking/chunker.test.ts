import { describe, expect, it } from "vitest";
import type { SourceDocument } from "../corpus/types.js";
import { chunkDocument } from "./chunker.js";

const MARKDOWN = `# Fee Guide

Intro paragraph about fees.

## Checking

The monthly fee is $12. It is waived with a $1,500 balance.

### Waivers

- Direct deposit of $500
- Age 18 to 24

## Wires

Table 1: Wire fees

| type | fee |
|---|---|
| incoming | $15 |
| outgoing | $30 |
| international | $45 |
`;

function document(text: string, overrides: Partial<SourceDocument> = {}): SourceDocument {
  return {
    id: "fee-guide",
    title: "Fee Guide",
    text,
    format: "markdown",
    sourcePath: "fee-guide.md",
    contentHash: "hash",
    metadata: { doc_type: "guide" },
    ...overrides,
  };
}

describe("chunkDocument", () => {
  it("cuts at headings, keeps the heading path, and gives stable ids", () => {
    const chunks = chunkDocument(document(MARKDOWN), { maxWords: 200, minWords: 0 });
    expect(chunks.map((chunk) => [chunk.id, chunk.headingPath, chunk.text])).toEqual([
      ["fee-guide#fe86e31ec3f5", ["Fee Guide"], "Intro paragraph about fees."],
      ["fee-guide#f7a22eb2a6aa", ["Fee Guide", "Checking"], "The monthly fee is $12. It is waived with a $1,500 balance."],
      ["fee-guide#c16e130fd5c4", ["Fee Guide", "Checking", "Waivers"], "- Direct deposit of $500\n- Age 18 to 24"],
      [
        "fee-guide#d369a4a11790",
        ["Fee Guide", "Wires"],
        "Table 1: Wire fees\n\n| type | fee |\n|---|---|\n| incoming | $15 |\n| outgoing | $30 |\n| international | $45 |",
      ],
    ]);
    expect(chunks[2]!.metadata).toEqual({
      doc_type: "guide",
      docId: "fee-guide",
      title: "Fee Guide",
      section: "Checking > Waivers",
      sourcePath: "fee-guide.md",
    });
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual([0, 1, 2, 3]);
  });

  it("splits a long table by rows, each piece keeping its caption and header row", () => {
    const chunks = chunkDocument(document(MARKDOWN), { maxWords: 12, minWords: 0 });
    const tablePieces = chunks.filter((chunk) => chunk.headingPath[1] === "Wires").map((chunk) => chunk.text);
    expect(tablePieces).toEqual([
      "Table 1: Wire fees\n\n| type | fee |\n|---|---|\n| incoming | $15 |",
      "Table 1: Wire fees\n\n| type | fee |\n|---|---|\n| outgoing | $30 |",
      "Table 1: Wire fees\n\n| type | fee |\n|---|---|\n| international | $45 |",
    ]);
  });

  it("keeps the id of unchanged text when other sections change", () => {
    const before = chunkDocument(document(MARKDOWN), { maxWords: 200, minWords: 0 });
    const after = chunkDocument(document(MARKDOWN.replace("$45", "$50")), { maxWords: 200, minWords: 0 });
    expect(after.slice(0, 3).map((chunk) => chunk.id)).toEqual(before.slice(0, 3).map((chunk) => chunk.id));
    expect(after[3]!.id).not.toBe(before[3]!.id);
  });

  it("merges a too-small last piece of a section into the previous one", () => {
    const text = "## Rules\n\nOne two three four five six seven eight.\n\nNine ten eleven twelve thirteen fourteen.\n\nTiny end.";
    const chunks = chunkDocument(document(text), { maxWords: 10, minWords: 3 });
    expect(chunks.map((chunk) => chunk.text)).toEqual([
      "One two three four five six seven eight.",
      "Nine ten eleven twelve thirteen fourteen.\n\nTiny end.",
    ]);
  });

  it("chunks plain text by paragraphs under the document title", () => {
    const chunks = chunkDocument(document("First para\nwraps here.\n\nSecond para.", { format: "text" }), { maxWords: 3, minWords: 0 });
    expect(chunks.map((chunk) => [chunk.headingPath, chunk.text])).toEqual([
      [["Fee Guide"], "First para wraps here."],
      [["Fee Guide"], "Second para."],
    ]);
  });
});
