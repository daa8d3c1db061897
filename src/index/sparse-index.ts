import { readFile } from "node:fs/promises";
import path from "node:path";
import { tokenize } from "../text/tokenize.js";
import { postingsFromMiniSearchJSON } from "./sparse-minisearch-json.js";
import { processTerm, readSparsePostings, SPARSE_FIELDS, SPARSE_POSTINGS_FILE, type SparsePostings } from "./sparse-postings.js";

/** The full-text index file of older builds: MiniSearch's saved index as one JSON document (read, no longer written). */
export const LEGACY_SPARSE_FILE = "sparse-index.json";

/** BM25 settings of the sparse side; recorded in the manifest so a change forces a rebuild. */
export const SPARSE_SETTINGS = { engine: "minisearch-bm25", fields: [...SPARSE_FIELDS], stopWords: "stopword-en+questions", stemmer: "porter" } as const;

const FIELDS = SPARSE_FIELDS;

/** The question's terms as the index sees them (repeats kept, as MiniSearch does). */
function queryTerms(text: string): string[] {
  return tokenize(text).flatMap((term) => processTerm(term) || []);
}

/** BM25+ parameters: MiniSearch's defaults, which the build uses (and `pgvector/pg-lexical-support.ts` copies). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

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
 * The BM25 postings held as flat typed arrays (`SparsePostings`), searched for the best `k` only.
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

  constructor(postings: SparsePostings) {
    const size = postings.labels.length;
    this.size = size;
    this.documentCount = postings.documentCount;
    this.labels = postings.labels;
    this.lengthNorms = postings.fieldLengths.map((lengths, field) => {
      const norms = new Float64Array(size);
      const average = postings.averageFieldLength[field]!;
      for (let doc = 0; doc < size; doc += 1) norms[doc] = BM25.k * (1 - BM25.b + (BM25.b * lengths[doc]!) / average);
      return norms;
    });
    this.termIds = new Map(postings.terms.map((term, termId) => [term, termId]));
    this.starts = postings.starts;
    this.docs = postings.docs;
    this.frequencies = postings.frequencies;
    this.score = new Float64Array(size);
    this.termScore = new Float64Array(size);
    this.matched = new Int32Array(size);
    this.order = new Float64Array(size);
    this.seen = new Int32Array(size);
    this.termSeen = new Int32Array(size);
    this.touched = new Int32Array(size);
    this.termTouched = new Int32Array(size);
  }

  /** Reads MiniSearch's saved index (the JSON of older builds). */
  static fromJSON(json: unknown): SparseIndex {
    return new SparseIndex(postingsFromMiniSearchJSON(json));
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

/**
 * Reads the full-text index of a build: `file` is the manifest's `sparse.file`, absent (the older
 * MiniSearch JSON, `LEGACY_SPARSE_FILE`) in builds made before the postings file.
 */
export async function loadSparseIndex(directory: string, file: string = LEGACY_SPARSE_FILE): Promise<SparseIndex> {
  if (file === SPARSE_POSTINGS_FILE) return new SparseIndex(readSparsePostings(path.join(directory, file)));
  if (file === LEGACY_SPARSE_FILE) return SparseIndex.fromJSON(JSON.parse(await readFile(path.join(directory, file), "utf8")));
  throw new Error(`the manifest names the full-text index file "${file}", which this version cannot read`);
}
