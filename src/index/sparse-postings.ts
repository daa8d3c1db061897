import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { z } from "zod";
import type { Chunk } from "../chunking/types.js";
import { STOP_WORDS, stem, tokenize } from "../text/tokenize.js";
import { writeFully } from "./write-fully.js";

/** The fields of the full-text index, in the order the postings hold them. */
export const SPARSE_FIELDS = ["heading", "text"] as const;

/** The embedded backend's BM25 postings file (written since the index stopped being one MiniSearch JSON string). */
export const SPARSE_POSTINGS_FILE = "sparse-postings.bin";

/** Version of the postings file's layout; a reader refuses any other (the build must be redone). */
export const SPARSE_POSTINGS_FORMAT = 1;

const MAGIC = "RAGBM25\n";

/** A token as the index holds it: stop words dropped (null), the rest stemmed. */
export const processTerm = (term: string): string | null => (STOP_WORDS.has(term) ? null : stem(term));

/** The text of a chunk's field as the index reads it. */
export function fieldText(chunk: Chunk, field: (typeof SPARSE_FIELDS)[number]): string {
  return field === "heading" ? chunk.headingPath.join(" ") : chunk.text;
}

/**
 * BM25 postings as flat typed arrays: what `SparseIndex` searches and what the postings file holds.
 * Postings of term t in field f are positions `starts[t*F+f] .. starts[t*F+f+1]` of `docs` and
 * `frequencies`, by ascending document number (MiniSearch's order, which tie-breaking depends on).
 */
export interface SparsePostings {
  documentCount: number;
  /** Chunk label of each document number (-1: none). */
  labels: Int32Array;
  terms: string[];
  starts: Int32Array;
  docs: Int32Array;
  frequencies: Int32Array;
  /** Per field: each document's length (distinct tokens, as MiniSearch counts it). */
  fieldLengths: Int32Array[];
  /** Per field: the mean length, computed as MiniSearch does (a running mean), so scores match to the bit. */
  averageFieldLength: number[];
}

/** An Int32Array that grows as values are appended. */
class GrowingInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const larger = new Int32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    this.data[this.length++] = value;
  }
}

/** Postings of a block of consecutive documents, sorted by term and field key. */
interface Block {
  starts: Int32Array;
  docs: Int32Array;
  frequencies: Int32Array;
}

/**
 * Builds the postings document by document, exactly as MiniSearch's `add` counts terms and lengths,
 * without MiniSearch's per-term maps: each block of documents is sorted by term into two flat arrays
 * (about 8 bytes a posting), and the blocks are joined term by term only when written.
 */
export class SparsePostingsBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly blocks: Block[] = [];
  private readonly keys = new GrowingInt32();
  private readonly docs = new GrowingInt32();
  private readonly frequencies = new GrowingInt32();
  private readonly fieldLengths = SPARSE_FIELDS.map(() => new GrowingInt32());
  private readonly averageFieldLength = SPARSE_FIELDS.map(() => 0);
  private documentCount = 0;

  constructor(private readonly blockSize = 65_536) {}

  /** Adds the next document (its number is the count of documents added before). */
  add(chunk: Chunk): void {
    const doc = this.documentCount++;
    SPARSE_FIELDS.forEach((field, fieldIndex) => {
      const tokens = tokenize(fieldText(chunk, field));
      const length = new Set(tokens).size;
      this.fieldLengths[fieldIndex]!.push(length);
      // MiniSearch's running mean, in its order of operations.
      this.averageFieldLength[fieldIndex] = (this.averageFieldLength[fieldIndex]! * doc + length) / (doc + 1);
      const counts = new Map<number, number>();
      for (const token of tokens) {
        const term = processTerm(token);
        if (!term) continue;
        let termId = this.termIds.get(term);
        if (termId === undefined) {
          termId = this.terms.length;
          this.terms.push(term);
          this.termIds.set(term, termId);
        }
        counts.set(termId, (counts.get(termId) ?? 0) + 1);
      }
      for (const [termId, frequency] of counts) {
        this.keys.push(termId * SPARSE_FIELDS.length + fieldIndex);
        this.docs.push(doc);
        this.frequencies.push(frequency);
      }
    });
    if (this.documentCount % this.blockSize === 0) this.closeBlock();
  }

  /** Sorts the pending postings by key (stable, so documents stay ascending) into a block. */
  private closeBlock(): void {
    const count = this.keys.length;
    if (count === 0) return;
    const keyCount = this.terms.length * SPARSE_FIELDS.length;
    const starts = new Int32Array(keyCount + 1);
    const keys = this.keys.data;
    for (let slot = 0; slot < count; slot += 1) starts[keys[slot]! + 1]! += 1;
    for (let key = 0; key < keyCount; key += 1) starts[key + 1]! += starts[key]!;
    const cursor = starts.slice(0, keyCount);
    const docs = new Int32Array(count);
    const frequencies = new Int32Array(count);
    for (let slot = 0; slot < count; slot += 1) {
      const position = cursor[keys[slot]!]!++;
      docs[position] = this.docs.data[slot]!;
      frequencies[position] = this.frequencies.data[slot]!;
    }
    this.blocks.push({ starts, docs, frequencies });
    this.keys.length = 0;
    this.docs.length = 0;
    this.frequencies.length = 0;
  }

  /** Ends the build: what `writeSparsePostings` writes (or `toPostings` holds in memory). */
  finish(): BuiltSparsePostings {
    this.closeBlock();
    // Small once a build is done; drop the pending arrays' capacity.
    this.keys.data = this.docs.data = this.frequencies.data = new Int32Array(0);
    return new BuiltSparsePostings(
      this.documentCount,
      this.terms,
      this.blocks,
      this.fieldLengths.map((lengths) => lengths.data.slice(0, lengths.length)),
      [...this.averageFieldLength],
    );
  }
}

/** Postings built in blocks, joined term by term as they are copied out. */
export class BuiltSparsePostings {
  /** Where each key's postings start in the joined arrays (the last entry is the total). */
  readonly starts: Int32Array;

  constructor(
    readonly documentCount: number,
    readonly terms: string[],
    private readonly blocks: Block[],
    readonly fieldLengths: Int32Array[],
    readonly averageFieldLength: number[],
  ) {
    const keyCount = terms.length * SPARSE_FIELDS.length;
    const starts = new Int32Array(keyCount + 1);
    let total = 0;
    for (let key = 0; key < keyCount; key += 1) {
      starts[key] = total;
      for (const block of blocks) if (key + 1 < block.starts.length) total += block.starts[key + 1]! - block.starts[key]!;
      if (total > 0x7fffffff) throw new RangeError("the full-text index has more than 2^31 postings");
    }
    starts[keyCount] = total;
    this.starts = starts;
  }

  get postings(): number {
    return this.starts[this.starts.length - 1]!;
  }

  /** Calls `visit` with each key's postings of each block, in the joined order (key, then block). */
  forEachSlice(which: "docs" | "frequencies", visit: (slice: Int32Array) => void): void {
    const keyCount = this.starts.length - 1;
    for (let key = 0; key < keyCount; key += 1) {
      for (const block of this.blocks) {
        if (key + 1 >= block.starts.length) continue;
        const from = block.starts[key]!;
        const to = block.starts[key + 1]!;
        if (to > from) visit(block[which].subarray(from, to));
      }
    }
  }

  /** The postings joined in memory (labels are the document numbers). */
  toPostings(): SparsePostings {
    const joined = (which: "docs" | "frequencies") => {
      const out = new Int32Array(this.postings);
      let position = 0;
      this.forEachSlice(which, (slice) => {
        out.set(slice, position);
        position += slice.length;
      });
      return out;
    };
    return {
      documentCount: this.documentCount,
      labels: identityLabels(this.documentCount),
      terms: this.terms,
      starts: this.starts,
      docs: joined("docs"),
      frequencies: joined("frequencies"),
      fieldLengths: this.fieldLengths,
      averageFieldLength: this.averageFieldLength,
    };
  }
}

function identityLabels(count: number): Int32Array {
  const labels = new Int32Array(count);
  for (let label = 0; label < count; label += 1) labels[label] = label;
  return labels;
}

/** Builds the postings of chunks in order; a chunk's document number is its label. */
export function buildSparsePostings(chunks: readonly Chunk[], blockSize?: number): BuiltSparsePostings {
  const builder = new SparsePostingsBuilder(blockSize);
  for (const chunk of chunks) builder.add(chunk);
  return builder.finish();
}

const HeaderSchema = z.object({
  format: z.number().int(),
  fields: z.array(z.string()),
  documentCount: z.number().int().nonnegative(),
  documents: z.number().int().nonnegative(),
  terms: z.number().int().nonnegative(),
  termBytes: z.number().int().nonnegative(),
  postings: z.number().int().nonnegative(),
  averageFieldLength: z.array(z.number()),
});

type Header = z.infer<typeof HeaderSchema>;

/** Bytes of the sections after the header, in file order. */
function sectionBytes(header: Header): number {
  const int32s = header.documents * (1 + header.fields.length) + header.terms * header.fields.length + 1 + header.terms + 1 + header.postings * 2;
  return int32s * 4 + header.termBytes;
}

const WRITE_SLICE = 1 << 22; // int32 values (16 MiB) copied out per write

const bytesOf = (array: Int32Array): Uint8Array => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/**
 * Writes the postings file: `RAGBM25\n`, the header's byte length (uint32 LE) and the header (JSON:
 * format, fields, counts, mean field lengths), then int32 LE sections: labels, each field's lengths,
 * starts, term byte offsets, then the terms (UTF-8, one after another), docs and frequencies. The
 * postings are copied out block by block through a 16 MiB buffer: nothing the size of the index is
 * made twice, and no string of it at all.
 */
export function writeSparsePostings(file: string, built: BuiltSparsePostings, options: { sliceValues?: number } = {}): void {
  const termBytes = built.terms.map((term) => Buffer.from(term, "utf8"));
  const termOffsets = new Int32Array(built.terms.length + 1);
  termBytes.forEach((bytes, termId) => (termOffsets[termId + 1] = termOffsets[termId]! + bytes.length));
  const header: Header = {
    format: SPARSE_POSTINGS_FORMAT,
    fields: [...SPARSE_FIELDS],
    documentCount: built.documentCount,
    documents: built.documentCount,
    terms: built.terms.length,
    termBytes: termOffsets[built.terms.length]!,
    postings: built.postings,
    averageFieldLength: built.averageFieldLength,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const descriptor = openSync(file, "w");
  try {
    const lead = Buffer.alloc(MAGIC.length + 4);
    lead.write(MAGIC, 0, "latin1");
    lead.writeUInt32LE(headerBytes.length, MAGIC.length);
    writeFully(descriptor, lead);
    writeFully(descriptor, headerBytes);
    writeFully(descriptor, bytesOf(identityLabels(built.documentCount)));
    for (const lengths of built.fieldLengths) writeFully(descriptor, bytesOf(lengths));
    writeFully(descriptor, bytesOf(built.starts));
    writeFully(descriptor, bytesOf(termOffsets));
    writeFully(descriptor, Buffer.concat(termBytes));
    const buffer = new Int32Array(options.sliceValues ?? WRITE_SLICE);
    for (const which of ["docs", "frequencies"] as const) {
      let filled = 0;
      built.forEachSlice(which, (slice) => {
        let from = 0;
        while (from < slice.length) {
          const taken = Math.min(slice.length - from, buffer.length - filled);
          buffer.set(slice.subarray(from, from + taken), filled);
          filled += taken;
          from += taken;
          if (filled === buffer.length) {
            writeFully(descriptor, bytesOf(buffer));
            filled = 0;
          }
        }
      });
      writeFully(descriptor, bytesOf(buffer.subarray(0, filled)));
    }
  } finally {
    closeSync(descriptor);
  }
}

/** Why a postings file cannot be read: the loader turns it into "damaged, rebuild with ...". */
function unreadable(file: string, problem: string): never {
  throw new Error(`${file} ${problem}`);
}

/** Reads a file written by `writeSparsePostings` straight into typed arrays (no JSON but the small header). */
export function readSparsePostings(file: string): SparsePostings {
  const descriptor = openSync(file, "r");
  try {
    const fileBytes = fstatSync(descriptor).size;
    let position = 0;
    const readInto = (target: Uint8Array): void => {
      let read = 0;
      while (read < target.length) {
        const got = readSync(descriptor, target, read, Math.min(target.length - read, WRITE_SLICE * 4), position + read);
        if (got === 0) unreadable(file, `ends at byte ${position + read}, before its ${fileBytes > 0 ? "sections" : "header"} do`);
        read += got;
      }
      position += target.length;
    };
    const int32s = (count: number): Int32Array => {
      const array = new Int32Array(count);
      readInto(bytesOf(array));
      return array;
    };
    const lead = Buffer.alloc(MAGIC.length + 4);
    if (fileBytes < lead.length) unreadable(file, "is too short to be a BM25 postings file");
    readInto(lead);
    if (lead.toString("latin1", 0, MAGIC.length) !== MAGIC) unreadable(file, "is not a BM25 postings file");
    const headerBytes = Buffer.alloc(lead.readUInt32LE(MAGIC.length));
    if (position + headerBytes.length > fileBytes) unreadable(file, "ends inside its header");
    readInto(headerBytes);
    let header: Header;
    try {
      header = HeaderSchema.parse(JSON.parse(headerBytes.toString("utf8")));
    } catch (error) {
      unreadable(file, `has an unreadable header (${(error as Error).message.slice(0, 200)})`);
    }
    if (header.format !== SPARSE_POSTINGS_FORMAT) {
      unreadable(file, `is postings format ${header.format}, made by another version of this project (this one reads format ${SPARSE_POSTINGS_FORMAT})`);
    }
    if (header.fields.join(",") !== SPARSE_FIELDS.join(",") || header.averageFieldLength.length !== SPARSE_FIELDS.length) {
      unreadable(file, `indexes the fields ${header.fields.join(", ")}, not ${SPARSE_FIELDS.join(", ")}`);
    }
    const expected = position + sectionBytes(header);
    if (fileBytes !== expected) unreadable(file, `is ${fileBytes} bytes, its header describes ${expected}`);
    const labels = int32s(header.documents);
    const fieldLengths = SPARSE_FIELDS.map(() => int32s(header.documents));
    const starts = int32s(header.terms * SPARSE_FIELDS.length + 1);
    const termOffsets = int32s(header.terms + 1);
    const termBytes = Buffer.alloc(header.termBytes);
    readInto(termBytes);
    const docs = int32s(header.postings);
    const frequencies = int32s(header.postings);
    if (starts[0] !== 0 || starts[starts.length - 1] !== header.postings) unreadable(file, "has postings starts that do not span its postings");
    for (let key = 1; key < starts.length; key += 1) if (starts[key]! < starts[key - 1]!) unreadable(file, "has postings starts out of order");
    for (let slot = 0; slot < docs.length; slot += 1) {
      if (!(docs[slot]! >= 0 && docs[slot]! < header.documents)) unreadable(file, `has a posting of document ${docs[slot]}, beyond its ${header.documents}`);
    }
    if (termOffsets[header.terms] !== header.termBytes) unreadable(file, "has term offsets that do not span its terms");
    const terms = Array.from({ length: header.terms }, (_, termId) => termBytes.toString("utf8", termOffsets[termId]!, termOffsets[termId + 1]!));
    return { documentCount: header.documentCount, labels, terms, starts, docs, frequencies, fieldLengths, averageFieldLength: header.averageFieldLength };
  } finally {
    closeSync(descriptor);
  }
}
