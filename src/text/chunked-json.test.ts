import { describe, expect, it } from "vitest";
import { decodeChunkedJson, encodeChunkedJson } from "./chunked-json.js";

describe("chunked JSON", () => {
  const value = {
    format: 4,
    small: [1, 2, 3],
    nested: { pairs: Array.from({ length: 25 }, (_, index) => `pair ${index}`), count: 25 },
    entries: Array.from({ length: 11 }, (_, index) => [`term${index}`, { terms: ["a", "b"], n: index }]),
  };

  it("reads back what it wrote, long arrays lifted into lines of at most the given number of items", () => {
    const bytes = encodeChunkedJson(value, 10);
    const lines = bytes.toString("utf8").trimEnd().split("\n");
    // The head, then 3 lines for the 25 pairs and 2 for the 11 entries; the 3-item array stays in the head.
    expect(lines).toHaveLength(1 + 3 + 2);
    expect(JSON.parse(lines[0]!).small).toEqual([1, 2, 3]);
    expect(lines.slice(1).every((line) => (JSON.parse(line) as [number, unknown[]])[1].length <= 10)).toBe(true);
    expect(decodeChunkedJson(bytes)).toEqual(value);
  });

  it("reads a plain one-line JSON document as itself, and refuses a damaged continuation line", () => {
    expect(decodeChunkedJson(Buffer.from(JSON.stringify(value)))).toEqual(value);
    expect(() => decodeChunkedJson(Buffer.from('{"a":{"$lines":0}}\n{"not":"a line"}\n'))).toThrow(/not \[id, items\]/);
    expect(() => decodeChunkedJson(Buffer.from('{"a":{"$lines":3}}\n'))).toThrow(/no lines for lifted array 3/);
  });
});
