import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import MiniSearch, { type Options } from "minisearch";
import { z } from "zod";
import type { Chunk } from "../chunking/types.js";
import { STOP_WORDS, stem, tokenize } from "../text/tokenize.js";

export const SPARSE_FILE = "sparse-index.json";

/** BM25 settings of the sparse side; recorded in the manifest so a change forces a rebuild. */
export const SPARSE_SETTINGS = { engine: "minisearch-bm25", fields: ["heading", "text"], stopWords: "stopword-en+questions", stemmer: "porter" } as const;

const FIELDS = SPARSE_SETTINGS.fields;

/** A token as the index holds it: stop words dropped (null), the rest stemmed. */
const processTerm = (term: string): string | null => (STOP_WORDS.has(term) ? null : stem(term));

/** The question's terms as the index sees them (repeats kept, as MiniSearch does). */
function queryTerms(text: string): string[] {
  return tokenize(text).flatMap((term) => processTerm(term) || []);
}

/** MiniSearch's options for the index (building it, or reading its file back with `MiniSearch.loadJSON`). */
export const MINISEARCH_OPTIONS: Options<Chunk> = {
  idField: "id",
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm,
};

/** BM25+ parameters: MiniSearch's defaults, which the build uses (and `pgvector/pg-lexical-support.ts` copies). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** BM25 full-text index (MiniSearch) over the same chunks as the dense index; a result's id is the chunk's label. */
export function buildSparseIndex(chunks: readonly Chunk[]): MiniSearch<Chunk> {
  const labels = new Map(chunks.map((chunk, label) => [chunk, String(label)]));
  const index = new MiniSearch<Chunk>({
    ...MINISEARCH_OPTIONS,
    extractField: (chunk, field) => (field === "id" ? labels.get(chunk) : field === "heading" ? chunk.headingPath.join(" ") : chunk.text),
  });
  index.addAll(chunks);
  return index;
}

export async function saveSparseIndex(index: MiniSearch<Chunk>, directory: string): Promise<void> {
  await writeFile(path.join(directory, SPARSE_FILE), JSON.stringify(index));
}

/**
 * The parts of MiniSearch's saved index (serialization version 2) that searching reads. The large
 * parts (postings, lengths, ids) are checked entry by entry as they are read, not copied by the parse.
 */
const SavedSparseSchema = z.object({
  documentCount: z.number().int().nonnegative(),
  documentIds: z.record(z.string(), z.unknown()),
  fieldIds: z.record(z.string(), z.number().int().nonnegative()),
  fieldLength: z.record(z.string(), z.unknown()),
  averageFieldLength: z.array(z.number()),
  index: z.array(z.unknown()),
  serializationVersion: z.literal(2),
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function invalid(what: string): never {
  throw new Error(`the full-text index is damaged: ${what}`);
}

export interface SparseSearchOptions {
  /** Most hits returned (the best `k`). */
  k: number;
  /** Score factor of a match in the heading field (the text field's is 1). */
  headingBoost: number;
  /** Only chunks (by label) this accepts are hits. */
  filter?: (label: number) => boolean;
}

export interface SparseSearchResult {
  /** The best `k` chunks by BM25, best first; ties in the order MiniSearch gives them. */
  hits: Array<{ label: number; score: number }>;
  /** The best hit's score and how many distinct question terms it matched (for the lexical support). */
  best?: { score: number; terms: number };
}

/**
 * The saved MiniSearch index held as flat postings (typed arrays), searched for the best `k` only.
 * Scores are MiniSearch's BM25+ computed the same way, in the same order (heading then text within a
 * term, terms in question order, times the number of distinct terms matched), and ties keep
 * MiniSearch's order (first seen), so the top `k` equals the first `k` of `MiniSearch#search` with
 * the same options, while a question costs one pass over its terms' postings and a bounded heap,
 * instead of a result object per matching chunk and a sort of them all.
 */
export class SparseIndex {
  /** Chunks in the index. */
  readonly size: number;
  private readonly documentCount: number;
  private readonly labels: Int32Array;
  private readonly termIds: Map<string, number>;
  /** Postings of term t in field f are positions starts[t*F+f] .. starts[t*F+f+1] of `docs` and `frequencies`. */
  private readonly starts: Int32Array;
  private readonly docs: Int32Array;
  private readonly frequencies: Int32Array;
  /** `k * (1 - b + b * fieldLength / averageFieldLength)` per field and chunk, as MiniSearch computes it. */
  private readonly lengthNorms: Float64Array[];
  // Scratch space of one search (a search is synchronous, so one set serves them all).
  private readonly score: Float64Array;
  private readonly termScore: Float64Array;
  private readonly matched: Int32Array;
  private readonly order: Float64Array;
  private readonly seen: Int32Array;
  private readonly termSeen: Int32Array;
  private readonly touched: Int32Array;
  private readonly termTouched: Int32Array;
  private generation = 0;

  private constructor(saved: z.infer<typeof SavedSparseSchema>) {
    let size = 0;
    for (const shortId of Object.keys(saved.documentIds)) size = Math.max(size, Number(shortId) + 1);
    if (!Number.isInteger(size)) invalid("a document number is not an integer");
    this.size = size;
    this.documentCount = saved.documentCount;
    this.labels = new Int32Array(size).fill(-1);
    for (const [shortId, id] of Object.entries(saved.documentIds)) {
      const label = Number(id);
      if (!Number.isInteger(label)) invalid(`document ${shortId} has id ${String(id)}, not a chunk number`);
      this.labels[Number(shortId)] = label;
    }
    const fieldIds = FIELDS.map((field) => {
      const id = saved.fieldIds[field];
      if (id === undefined) throw new Error(`the full-text index has no field "${field}"`);
      return id;
    });
    this.lengthNorms = fieldIds.map((fieldId) => {
      const norms = new Float64Array(size);
      const average = saved.averageFieldLength[fieldId]!;
      for (const [shortId, lengths] of Object.entries(saved.fieldLength)) {
        const length = Array.isArray(lengths) ? lengths[fieldId] : undefined;
        if (typeof length !== "number") invalid(`document ${shortId} has no length for field ${fieldId}`);
        norms[Number(shortId)] = BM25.k * (1 - BM25.b + (BM25.b * length) / average);
      }
      return norms;
    });
    const entries = saved.index.map((entry): [string, Record<string, Record<string, unknown>>] => {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || !isRecord(entry[1])) invalid("a term entry is not [term, postings]");
      return entry as [string, Record<string, Record<string, unknown>>];
    });
    let total = 0;
    for (const [, fields] of entries) for (const fieldId of fieldIds) total += Object.keys(fields[String(fieldId)] ?? {}).length;
    this.termIds = new Map();
    this.starts = new Int32Array(entries.length * FIELDS.length + 1);
    this.docs = new Int32Array(total);
    this.frequencies = new Int32Array(total);
    let position = 0;
    entries.forEach(([term, fields], termId) => {
      this.termIds.set(term, termId);
      fieldIds.forEach((fieldId, field) => {
        this.starts[termId * FIELDS.length + field] = position;
        // Object key order (integer keys ascending) is the order MiniSearch's loaded postings iterate in.
        for (const [shortId, frequency] of Object.entries(fields[String(fieldId)] ?? {})) {
          if (typeof frequency !== "number" || !Number.isInteger(frequency)) invalid(`term "${term}" has a frequency that is not a whole number`);
          this.docs[position] = Number(shortId);
          this.frequencies[position] = frequency;
          position += 1;
        }
      });
    });
    this.starts[entries.length * FIELDS.length] = position;
    this.score = new Float64Array(size);
    this.termScore = new Float64Array(size);
    this.matched = new Int32Array(size);
    this.order = new Float64Array(size);
    this.seen = new Int32Array(size);
    this.termSeen = new Int32Array(size);
    this.touched = new Int32Array(size);
    this.termTouched = new Int32Array(size);
  }

  /** Reads an index saved by `saveSparseIndex` (MiniSearch's JSON). */
  static fromJSON(json: unknown): SparseIndex {
    return new SparseIndex(SavedSparseSchema.parse(json));
  }

  /** The best `k` chunks for the question's terms (OR), scored by BM25+; see the class comment. */
  search(query: string, options: SparseSearchOptions): SparseSearchResult {
    const terms = queryTerms(query);
    const fieldBoosts = FIELDS.map((field) => (field === "heading" ? options.headingBoost || 1 : 1));
    const { score, termScore, matched, order, seen, termSeen, touched, termTouched, size } = this;
    const search = ++this.generation;
    let touchedCount = 0;
    const asked = new Set<string>();
    terms.forEach((term, termIndex) => {
      const repeated = asked.has(term);
      asked.add(term);
      const termId = this.termIds.get(term);
      if (termId === undefined) return;
      const termGeneration = ++this.generation;
      let termCount = 0;
      for (let field = 0; field < FIELDS.length; field += 1) {
        const from = this.starts[termId * FIELDS.length + field]!;
        const to = this.starts[termId * FIELDS.length + field + 1]!;
        if (to === from) continue;
        const matching = to - from;
        const inverseFrequency = Math.log(1 + (this.documentCount - matching + 0.5) / (matching + 0.5));
        const norms = this.lengthNorms[field]!;
        const boost = fieldBoosts[field]!;
        for (let slot = from; slot < to; slot += 1) {
          const doc = this.docs[slot]!;
          const frequency = this.frequencies[slot]!;
          const weighted = boost * (inverseFrequency * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + norms[doc]!)));
          if (termSeen[doc] === termGeneration) {
            termScore[doc]! += weighted;
            continue;
          }
          termSeen[doc] = termGeneration;
          termScore[doc] = weighted;
          termTouched[termCount++] = doc;
          if (seen[doc] !== search) {
            seen[doc] = search;
            score[doc] = 0;
            matched[doc] = 0;
            // MiniSearch's result order before its (stable) sort: first term, then field, then posting order.
            order[doc] = (termIndex * FIELDS.length + field) * size + (slot - from);
            touched[touchedCount++] = doc;
          }
        }
      }
      for (let slot = 0; slot < termCount; slot += 1) {
        const doc = termTouched[slot]!;
        score[doc] = score[doc]! + termScore[doc]!;
        if (!repeated) matched[doc]! += 1;
      }
    });
    // MiniSearch's final score: the sum times the number of distinct question terms matched.
    for (let slot = 0; slot < touchedCount; slot += 1) {
      const doc = touched[slot]!;
      score[doc] = score[doc]! * (matched[doc]! || 1);
    }
    const heap = new TopK(options.k, (a, b) => score[a]! > score[b]! || (score[a] === score[b] && order[a]! < order[b]!));
    for (let slot = 0; slot < touchedCount; slot += 1) {
      const doc = touched[slot]!;
      if (options.filter && !options.filter(this.labels[doc]!)) continue;
      heap.offer(doc);
    }
    const ranked = heap.sorted();
    const hits = ranked.map((doc) => ({ label: this.labels[doc]!, score: score[doc]! }));
    const top = ranked[0];
    return { hits, best: top === undefined ? undefined : { score: hits[0]!.score, terms: matched[top]! } };
  }
}

/** The best `k` of a stream by `better`, in a bounded heap whose root is the worst kept. */
class TopK {
  private readonly items: number[] = [];
  constructor(
    private readonly k: number,
    private readonly better: (a: number, b: number) => boolean,
  ) {}

  offer(item: number): void {
    const { items, better } = this;
    if (this.k <= 0) return;
    if (items.length < this.k) {
      items.push(item);
      let child = items.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!better(items[parent]!, items[child]!)) break;
        [items[parent], items[child]] = [items[child]!, items[parent]!];
        child = parent;
      }
      return;
    }
    if (!better(item, items[0]!)) return;
    items[0] = item;
    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let worst = parent;
      if (left < items.length && better(items[worst]!, items[left]!)) worst = left;
      if (right < items.length && better(items[worst]!, items[right]!)) worst = right;
      if (worst === parent) break;
      [items[parent], items[worst]] = [items[worst]!, items[parent]!];
      parent = worst;
    }
  }

  /** The kept items, best first. */
  sorted(): number[] {
    return [...this.items].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }
}

export async function loadSparseIndex(directory: string): Promise<SparseIndex> {
  return SparseIndex.fromJSON(JSON.parse(await readFile(path.join(directory, SPARSE_FILE), "utf8")));
}
