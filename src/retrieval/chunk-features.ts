import type { Chunk } from "../chunking/types.js";
import { sortedHas, sortedIndex, termIds } from "./sorted-ids.js";
import { ASKED_VALUE_KINDS, type AskedValueKind } from "../text/question-forms.js";
import { type ChunkFeatures, type ChunkFeatureSets, chunkFeatures, type TermSequence, type TermSet } from "./rerank.js";

/**
 * Bumped when the encoding below changes: a build with another format has its features computed at
 * load. Format 4 stores each sequence term as its position in the chunk's sorted body ids (one byte
 * for chunks of up to 256 distinct terms) where format 3, still read, stored the term id (four bytes).
 */
export const CHUNK_FEATURES_FORMAT = 4;
const SEQUENCE_AS_IDS_FORMAT = 3;

/** The term sets of a chunk's features, in the order they are stored. */
const SET_KINDS = ["body", "heading", "title", "section", "numbers"] as const;
type SetKind = (typeof SET_KINDS)[number];

/** Pairs are stored as `first * PAIR_BASE + second` (term ids), exact in a float64 while ids stay below 2^26. */
const PAIR_BASE = 2 ** 26;

/** Offsets into one flat list per chunk (CSR): chunk `label`'s values are `values[offsets[label]..offsets[label + 1]]`, sorted. */
interface Lists<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array> {
  offsets: Uint32Array;
  values: T;
}

interface Header {
  format: number;
  count: number;
  /** The term dictionary: a term's id is its position. */
  terms: string[];
  /** Values per list, in the order the arrays follow the header. */
  lengths: Record<SetKind | "pairs" | "sequence", number>;
  /** Bytes per sequence value (format 4; format 3 has 4-byte term ids). */
  sequenceBytes?: 1 | 2 | 4;
}

/** A chunk's sequence: positions into its sorted body ids (`body` given), or term ids (format 3 files). */
type SequenceLists = Lists<Uint8Array | Uint16Array | Uint32Array> & { body?: Lists<Uint32Array> };

/** One chunk's list of one kind: membership by the term's id, binary-searched in its sorted slice. */
class StoredTermSet implements TermSet {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly lists: Lists<Uint32Array>,
    private readonly label: number,
  ) {}

  has(term: string): boolean {
    const id = this.ids.get(term);
    return id !== undefined && sortedHas(this.lists.values, this.lists.offsets[this.label]!, this.lists.offsets[this.label + 1]!, id);
  }
}

/** One chunk's adjacent pairs ("first_second"), by the two terms' ids. */
class StoredPairSet implements TermSet {
  constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly lists: Lists<Float64Array>,
    private readonly label: number,
  ) {}

  has(pair: string): boolean {
    const split = pair.indexOf("_");
    if (split < 0) return false;
    const first = this.ids.get(pair.slice(0, split));
    const second = this.ids.get(pair.slice(split + 1));
    return first !== undefined && second !== undefined && sortedHas(this.lists.values, this.lists.offsets[this.label]!, this.lists.offsets[this.label + 1]!, first * PAIR_BASE + second);
  }
}

/** One chunk's content terms in reading order, by their position in the chunk's body ids (or by id). */
class StoredTermSequence implements TermSequence {
  readonly length: number;
  private readonly start: number;
  /** Where the chunk's sorted body ids start (positions are relative to it); -1: the values are term ids. */
  private readonly bodyStart: number;

  constructor(
    private readonly terms: readonly string[],
    private readonly lists: SequenceLists,
    label: number,
  ) {
    this.start = lists.offsets[label]!;
    this.length = lists.offsets[label + 1]! - this.start;
    this.bodyStart = lists.body ? lists.body.offsets[label]! : -1;
  }

  at(index: number): string | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const value = this.lists.values[this.start + index]!;
    return this.terms[this.bodyStart < 0 ? value : this.lists.body!.values[this.bodyStart + value]!];
  }
}

/** The per-chunk flags, one byte each: bit 0 a table, bit 1 states a reason, bits 2-4 state a value of each of `ASKED_VALUE_KINDS`. */
const TABLE = 1;
const REASON = 2;
const VALUE = 4;
/** The value-kind sets of the 8 combinations of bits 2-4, made once: `get` allocates no set per chunk. */
const VALUE_SETS: ReadonlyArray<ReadonlySet<AskedValueKind>> = Array.from({ length: 8 }, (_, bits) => new Set(ASKED_VALUE_KINDS.filter((_, index) => (bits & (1 << index)) !== 0)));

const align8 = (offset: number): number => (offset + 7) & ~7;

/**
 * The features of some consecutive chunks with the part's own term ids, in the order the terms are met
 * (not sorted): what `ChunkFeatureTable.merge` needs to number the terms as `build` does. Pairs are two
 * ids each (first, second).
 */
export interface FeaturePart {
  terms: string[];
  sets: Record<SetKind, Lists<Uint32Array>>;
  /** The content terms of each chunk in reading order (not sorted). */
  sequence: Lists<Uint32Array>;
  pairs: Lists<Uint32Array>;
  flags: Uint8Array;
}

/**
 * The features of some consecutive chunks (a part of `ChunkFeatureTable.build`, made in a worker
 * thread); `each` is shown every chunk's features as they are computed (the term statistics read the
 * same terms, so the text is not read twice).
 */
export function featurePart(chunks: readonly Pick<Chunk, "text" | "headingPath">[], each?: (features: ChunkFeatureSets) => void): FeaturePart {
  const { terms, idOf } = termIds();
  const collected = Object.fromEntries(SET_KINDS.map((kind) => [kind, { offsets: new Uint32Array(chunks.length + 1), values: [] as number[] }])) as Record<SetKind, { offsets: Uint32Array; values: number[] }>;
  const pairs = { offsets: new Uint32Array(chunks.length + 1), values: [] as number[] };
  const sequence = { offsets: new Uint32Array(chunks.length + 1), values: [] as number[] };
  const flags = new Uint8Array(chunks.length);
  chunks.forEach((chunk, label) => {
    const features = chunkFeatures(chunk);
    each?.(features);
    for (const term of features.sequence) sequence.values.push(idOf(term));
    sequence.offsets[label + 1] = sequence.values.length;
    for (const kind of SET_KINDS) {
      const list = collected[kind];
      for (const term of features[kind]) list.values.push(idOf(term));
      list.offsets[label + 1] = list.values.length;
    }
    for (const pair of features.pairs) {
      const split = pair.indexOf("_");
      pairs.values.push(idOf(pair.slice(0, split)), idOf(pair.slice(split + 1)));
    }
    pairs.offsets[label + 1] = pairs.values.length / 2;
    flags[label] = (features.table ? TABLE : 0) | (features.reason ? REASON : 0) | ASKED_VALUE_KINDS.reduce((bits, kind, index) => bits | (features.values.has(kind) ? VALUE << index : 0), 0);
  });
  const sets = Object.fromEntries(SET_KINDS.map((kind) => [kind, { offsets: collected[kind].offsets, values: Uint32Array.from(collected[kind].values) }])) as Record<SetKind, Lists<Uint32Array>>;
  return { terms, sets, sequence: { offsets: sequence.offsets, values: Uint32Array.from(sequence.values) }, pairs: { offsets: pairs.offsets, values: Uint32Array.from(pairs.values) }, flags };
}

/** The buffers of a part, moved (not copied) from a worker thread. */
export function featurePartBuffers(part: FeaturePart): ArrayBuffer[] {
  const arrays = [...SET_KINDS.flatMap((kind) => [part.sets[kind].offsets, part.sets[kind].values]), part.sequence.offsets, part.sequence.values, part.pairs.offsets, part.pairs.values, part.flags];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/**
 * Every chunk's reranking features (term sets, the content terms in order, adjacent pairs, numbers, table, reason and value-kind flags), computed once (at
 * ingest, stored with the build) and held as sorted term ids in flat typed arrays: a few bytes per term
 * instead of a string set per chunk, so no feature is computed per question and memory does not hold
 * one object per chunk. `get(label)` returns a view with the same answers as `chunkFeatures(chunk)`.
 */
export class ChunkFeatureTable {
  private readonly ids: Map<string, number>;

  private constructor(
    private readonly terms: string[],
    private readonly sets: Record<SetKind, Lists<Uint32Array>>,
    private readonly sequence: SequenceLists,
    private readonly pairs: Lists<Float64Array>,
    private readonly flags: Uint8Array,
  ) {
    this.ids = new Map(terms.map((term, id) => [term, id]));
  }

  /** Computes the features of every chunk (what `chunkFeatures` gives, chunk by chunk). */
  static build(chunks: readonly Pick<Chunk, "text" | "headingPath">[]): ChunkFeatureTable {
    return ChunkFeatureTable.merge([featurePart(chunks)]);
  }

  /**
   * The table of consecutive parts of the chunks (`featurePart` of each, in order; built apart, in
   * worker threads): term ids are given in the order `build` meets the terms, so the table is the
   * same as `build` of all the chunks at once.
   */
  static merge(parts: readonly FeaturePart[]): ChunkFeatureTable {
    const count = parts.reduce((sum, part) => sum + part.flags.length, 0);
    const { terms, idOf } = termIds();
    const collected = Object.fromEntries(SET_KINDS.map((kind) => [kind, { offsets: new Uint32Array(count + 1), values: [] as number[] }])) as Record<SetKind, { offsets: Uint32Array; values: number[] }>;
    const pairs = { offsets: new Uint32Array(count + 1), values: [] as number[] };
    const sequence = { offsets: new Uint32Array(count + 1), values: [] as number[] };
    const flags = new Uint8Array(count);
    let label = 0;
    let widest = 0;
    for (const part of parts) {
      // The part's own term ids, given their id in the table the first time they are met.
      const global = new Int32Array(part.terms.length).fill(-1);
      const globalOf = (local: number): number => (global[local]! >= 0 ? global[local]! : (global[local] = idOf(part.terms[local]!)));
      for (let row = 0; row < part.flags.length; row += 1, label += 1) {
        for (const kind of SET_KINDS) {
          const list = collected[kind];
          const { offsets, values } = part.sets[kind];
          const ids: number[] = [];
          for (let slot = offsets[row]!; slot < offsets[row + 1]!; slot += 1) ids.push(globalOf(values[slot]!));
          list.values.push(...ids.sort((a, b) => a - b));
          list.offsets[label + 1] = list.values.length;
        }
        // Each term of the sequence is in the body (its distinct terms), sorted just above: its position there.
        const body = collected.body;
        for (let slot = part.sequence.offsets[row]!; slot < part.sequence.offsets[row + 1]!; slot += 1) {
          // Each is there, so its first position not below it is its own.
          const from = body.offsets[label]!;
          const position = sortedIndex(body.values, from, body.offsets[label + 1]!, globalOf(part.sequence.values[slot]!)) - from;
          sequence.values.push(position);
          widest = Math.max(widest, position);
        }
        sequence.offsets[label + 1] = sequence.values.length;
        const pairIds: number[] = [];
        for (let slot = part.pairs.offsets[row]!; slot < part.pairs.offsets[row + 1]!; slot += 1) {
          const first = globalOf(part.pairs.values[2 * slot]!);
          pairIds.push(first * PAIR_BASE + globalOf(part.pairs.values[2 * slot + 1]!));
        }
        pairs.values.push(...pairIds.sort((a, b) => a - b));
        pairs.offsets[label + 1] = pairs.values.length;
        flags[label] = part.flags[row]!;
      }
    }
    if (terms.length >= PAIR_BASE) throw new Error(`${terms.length} distinct feature terms: more than the pair encoding holds`);
    const sets = Object.fromEntries(SET_KINDS.map((kind) => [kind, { offsets: collected[kind].offsets, values: Uint32Array.from(collected[kind].values) }])) as Record<SetKind, Lists<Uint32Array>>;
    const Positions = widest < 2 ** 8 ? Uint8Array : widest < 2 ** 16 ? Uint16Array : Uint32Array;
    return new ChunkFeatureTable(terms, sets, { offsets: sequence.offsets, values: Positions.from(sequence.values), body: sets.body }, { offsets: pairs.offsets, values: Float64Array.from(pairs.values) }, flags);
  }

  /** The table as one file: a length-prefixed JSON header (format, dictionary, list lengths), then the typed arrays, each 8-byte aligned. */
  encode(): Buffer {
    const header: Header = {
      format: CHUNK_FEATURES_FORMAT,
      count: this.count,
      terms: this.terms,
      lengths: { ...(Object.fromEntries(SET_KINDS.map((kind) => [kind, this.sets[kind].values.length])) as Record<SetKind, number>), sequence: this.sequence.values.length, pairs: this.pairs.values.length },
      sequenceBytes: this.sequence.values.BYTES_PER_ELEMENT as 1 | 2 | 4,
    };
    if (!this.sequence.body) throw new Error("a table read from a format 3 file is not written again");
    const json = Buffer.from(JSON.stringify(header), "utf8");
    const arrays: ArrayBufferView[] = [this.flags, ...SET_KINDS.flatMap((kind) => [this.sets[kind].offsets, this.sets[kind].values]), this.sequence.offsets, this.sequence.values, this.pairs.offsets, this.pairs.values];
    let size = align8(4 + json.length);
    for (const array of arrays) size = align8(size + array.byteLength);
    const out = Buffer.alloc(size);
    out.writeUInt32LE(json.length, 0);
    json.copy(out, 4);
    let offset = align8(4 + json.length);
    for (const array of arrays) {
      out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
      offset = align8(offset + array.byteLength);
    }
    return out;
  }

  /** Reads a table written by `encode`; undefined when it is of another format (the caller computes the features instead). */
  static decode(file: Buffer): ChunkFeatureTable | undefined {
    // Typed arrays need aligned offsets: a buffer that does not start on 8 bytes is copied once.
    const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString("utf8", 4, 4 + headerLength)) as Header;
    if (header.format !== CHUNK_FEATURES_FORMAT && header.format !== SEQUENCE_AS_IDS_FORMAT) return undefined;
    let offset = align8(4 + headerLength);
    const take = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(Type: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number }, length: number): T => {
      if (bytes.byteOffset + offset + length * Type.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.length) throw new Error("chunk features file is truncated");
      const array = new Type(bytes.buffer, bytes.byteOffset + offset, length);
      offset = align8(offset + length * Type.BYTES_PER_ELEMENT);
      return array;
    };
    const flags = take(Uint8Array, header.count);
    const sets = {} as Record<SetKind, Lists<Uint32Array>>;
    for (const kind of SET_KINDS) sets[kind] = { offsets: take(Uint32Array, header.count + 1), values: take(Uint32Array, header.lengths[kind]) };
    const sequenceOffsets = take(Uint32Array, header.count + 1);
    const length = header.lengths.sequence;
    const sequence: SequenceLists =
      header.format === SEQUENCE_AS_IDS_FORMAT
        ? { offsets: sequenceOffsets, values: take(Uint32Array, length) }
        : { offsets: sequenceOffsets, values: header.sequenceBytes === 1 ? take(Uint8Array, length) : header.sequenceBytes === 2 ? take(Uint16Array, length) : take(Uint32Array, length), body: sets.body };
    const pairs = { offsets: take(Uint32Array, header.count + 1), values: take(Float64Array, header.lengths.pairs) };
    return new ChunkFeatureTable(header.terms, sets, sequence, pairs, flags);
  }

  /** How many chunks the table describes. */
  get count(): number {
    return this.flags.length;
  }

  /** The features of one chunk, answering from the stored ids. */
  get(label: number): ChunkFeatures {
    // No closure here: this runs for every candidate of every question.
    const { ids, sets } = this;
    return {
      body: new StoredTermSet(ids, sets.body, label),
      sequence: new StoredTermSequence(this.terms, this.sequence, label),
      heading: new StoredTermSet(ids, sets.heading, label),
      title: new StoredTermSet(ids, sets.title, label),
      section: new StoredTermSet(ids, sets.section, label),
      numbers: new StoredTermSet(ids, sets.numbers, label),
      pairs: new StoredPairSet(this.ids, this.pairs, label),
      table: (this.flags[label]! & TABLE) !== 0,
      reason: (this.flags[label]! & REASON) !== 0,
      values: VALUE_SETS[(this.flags[label]! >> 2) & 7]!,
    };
  }
}
