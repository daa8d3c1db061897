import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { ChunkFeatureTable } from "./chunk-features.js";
import { chunkFeatures } from "./rerank.js";

const chunks = [
  { text: "The wire transfer fee is $30 per outgoing wire.", headingPath: ["Fee Schedule", "Wires"] },
  { text: "Item | 2019 | 2018\nCapital expenditure | 1,200.50 | 150\nCable | 40 | 60", headingPath: ["Annual Report 2019"] },
  { text: "", headingPath: [] },
  { text: "Fees rose 4%, driven by higher wire volumes; disputes take 10 days and cost $5.", headingPath: ["Results"] },
  { text: "Overdraft protection moves money from savings; the overdraft fee is waived.", headingPath: ["Checking", "Overdraft"] },
];

/** Every term, pair and number any chunk has, plus some none has: what a question could ask about. */
function probes(): string[] {
  const terms = chunks.flatMap((chunk) => [...contentTerms(chunk.text), ...contentTerms(chunk.headingPath.join(" "))]);
  const pairs = terms.flatMap((term) => terms.map((other) => `${term}_${other}`));
  return [...new Set([...terms, ...pairs, "1200.50", "30", "2019", "unknown", "wire_unknown", "_", "wire_", ""])];
}

const KINDS = ["body", "heading", "title", "section", "pairs", "numbers"] as const;

describe("ChunkFeatureTable", () => {
  it("answers every membership question exactly as the chunk's own feature sets do", () => {
    const table = ChunkFeatureTable.build(chunks);
    expect(table.count).toBe(chunks.length);
    chunks.forEach((chunk, label) => {
      const sets = chunkFeatures(chunk);
      const stored = table.get(label);
      expect(stored.table).toBe(sets.table);
      expect(stored.reason).toBe(sets.reason);
      expect([...stored.values].sort()).toEqual([...sets.values].sort());
      for (const kind of KINDS) for (const probe of probes()) expect([kind, probe, stored[kind].has(probe)]).toEqual([kind, probe, sets[kind].has(probe)]);
    });
    expect(table.get(1).table).toBe(true);
    expect(table.get(3).reason).toBe(true);
    expect(table.get(1).reason).toBe(false);
    expect([...table.get(3).values].sort()).toEqual(["duration", "money", "percent"]);
    expect([...table.get(0).values]).toEqual(["money"]);
    expect([...table.get(1).values]).toEqual([]);
    chunks.forEach((chunk, label) => {
      const sequence = table.get(label).sequence;
      expect(Array.from({ length: sequence.length }, (_, index) => sequence.at(index))).toEqual(contentTerms(chunk.text));
      expect(sequence.at(sequence.length)).toBeUndefined();
    });
    expect(table.get(0).pairs.has("wire_transfer")).toBe(true);
    expect(table.get(4).pairs.has("wire_transfer")).toBe(false);
  });

  it("reads back what it wrote, from a buffer at any offset", () => {
    const table = ChunkFeatureTable.build(chunks);
    const encoded = table.encode();
    const shifted = Buffer.alloc(encoded.length + 3);
    encoded.copy(shifted, 3);
    const decoded = ChunkFeatureTable.decode(shifted.subarray(3))!;
    expect(decoded.count).toBe(chunks.length);
    chunks.forEach((_, label) => {
      for (const kind of KINDS) for (const probe of probes()) expect(decoded.get(label)[kind].has(probe)).toBe(table.get(label)[kind].has(probe));
      expect(decoded.get(label).table).toBe(table.get(label).table);
      expect(decoded.get(label).reason).toBe(table.get(label).reason);
      expect([...decoded.get(label).values]).toEqual([...table.get(label).values]);
      const [ours, theirs] = [decoded.get(label).sequence, table.get(label).sequence];
      expect(Array.from({ length: ours.length }, (_, index) => ours.at(index))).toEqual(Array.from({ length: theirs.length }, (_, index) => theirs.at(index)));
    });
  });

  it("stores each sequence term as a one-byte position in the chunk's body (format 4)", () => {
    const encoded = ChunkFeatureTable.build(chunks).encode();
    const header = JSON.parse(encoded.toString("utf8", 4, 4 + encoded.readUInt32LE(0))) as { format: number; sequenceBytes: number; lengths: { sequence: number } };
    expect(header.format).toBe(4);
    expect(header.sequenceBytes).toBe(1);
    expect(header.lengths.sequence).toBe(chunks.reduce((sum, chunk) => sum + contentTerms(chunk.text).length, 0));
  });

  it("still reads a format 3 file (term ids in the sequence), answering as a new build does", () => {
    // Written by the format 3 encoder (before format 4) from the chunks above.
    const decoded = ChunkFeatureTable.decode(readFileSync(new URL("./fixtures/chunk-features-format-3.bin", import.meta.url)))!;
    const table = ChunkFeatureTable.build(chunks);
    expect(decoded.count).toBe(chunks.length);
    chunks.forEach((chunk, label) => {
      const sequence = decoded.get(label).sequence;
      expect(Array.from({ length: sequence.length }, (_, index) => sequence.at(index))).toEqual(contentTerms(chunk.text));
      for (const kind of KINDS) for (const probe of probes()) expect(decoded.get(label)[kind].has(probe)).toBe(table.get(label)[kind].has(probe));
    });
    expect(() => decoded.encode()).toThrow(/format 3/);
  });

  it("gives undefined for another format, and an error for a truncated file", () => {
    const encoded = ChunkFeatureTable.build(chunks).encode();
    const headerLength = encoded.readUInt32LE(0);
    const header = JSON.parse(encoded.toString("utf8", 4, 4 + headerLength)) as { format: number };
    const other = Buffer.from(JSON.stringify({ ...header, format: header.format + 1 }));
    const otherFile = Buffer.alloc(4 + other.length);
    otherFile.writeUInt32LE(other.length, 0);
    other.copy(otherFile, 4);
    expect(ChunkFeatureTable.decode(otherFile)).toBeUndefined();
    expect(() => ChunkFeatureTable.decode(encoded.subarray(0, encoded.length - 16))).toThrow(/truncated/);
  });
});
