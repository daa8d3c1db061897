import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChunkTextFile, ChunkTextWriter, encodeChunkTexts, writeChunkTexts } from "./chunk-texts.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), "rag-texts-"));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe("chunk text file", () => {
  it("reads back each text on its own, multi-byte characters and empty texts included", async () => {
    const texts = ["The wire fee is $30.", "", "Überweisung — 30 € · 日本語", "Item | 2019\\nCable | 40", "last"];
    const file = path.join(directory, "texts.bin");
    await writeFile(file, encodeChunkTexts(texts));
    const opened = ChunkTextFile.open(file);
    try {
      expect(opened.count).toBe(texts.length);
      expect([4, 0, 2, 1, 3].map((label) => opened.read(label))).toEqual([4, 0, 2, 1, 3].map((label) => texts[label]));
      expect(() => opened.read(5)).toThrow(RangeError);
    } finally {
      opened.close();
    }
  });

  it("says so when the file ends inside a text", async () => {
    const file = path.join(directory, "texts.bin");
    const bytes = encodeChunkTexts(["first text", "second text"]);
    await writeFile(file, bytes.subarray(0, bytes.length - 3));
    const opened = ChunkTextFile.open(file);
    expect(opened.read(0)).toBe("first text");
    expect(() => opened.read(1)).toThrow(/ends inside chunk 1/);
    opened.close();
  });

  it("writes, one text at a time, the same file as the whole-array encoder", async () => {
    const texts = ["The wire fee is $30.", "", "Überweisung — 30 € · 日本語", "last"];
    const file = path.join(directory, "streamed.bin");
    const writer = ChunkTextWriter.create(file, texts.length);
    for (const text of texts) writer.append(text);
    writer.finish();
    expect(await readFile(file)).toEqual(encodeChunkTexts(texts));
  });

  it("refuses to finish a file with fewer texts than announced, and to take more", () => {
    const short = ChunkTextWriter.create(path.join(directory, "short.bin"), 2);
    short.append("only one");
    expect(() => short.finish()).toThrow(/1 chunk texts written, 2 announced/);
    const full = ChunkTextWriter.create(path.join(directory, "full.bin"), 1);
    full.append("one");
    expect(() => full.append("two")).toThrow(RangeError);
    full.finish();
  });

  it("writes through a small buffer exactly the bytes it encodes in one piece, texts longer than the buffer included", async () => {
    const texts = ["The wire fee is $30.", "", "Überweisung — 30 € · 日本語", "x".repeat(50), "last", "日本語".repeat(9)];
    const file = path.join(directory, "streamed.bin");
    for (const bufferBytes of [1, 16, 40, 1 << 20]) {
      writeChunkTexts(file, texts, bufferBytes);
      expect((await readFile(file)).equals(encodeChunkTexts(texts))).toBe(true);
    }
    const opened = ChunkTextFile.open(file);
    expect(texts.map((_, label) => opened.read(label))).toEqual(texts);
    opened.close();
  });
});
