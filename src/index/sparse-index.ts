import { readFile } from "node:fs/promises";
import path from "node:path";
import { tokenize } from "../text/tokenize.js";
import { postingsFromMiniSearchJSON } from "./sparse-minisearch-json.js";
import { TopK } from "./top-k.js";
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

/** MiniSearch's idf of a term in a field that `matching` of `documentCount` chunks have. */
const inverseDocumentFrequency = (documentCount: number, matching: number): number => Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));

/** The part of `termWeight` that varies by posting: `d + f(k+1)/(f+norm)`. */
const weightFactor = (frequency: number, lengthNorm: number): number => BM25.d + (frequency * (BM25.k + 1)) / (frequency + lengthNorm);

/** The BM25+ part of a chunk's score for one term in one field, as MiniSearch computes it (same operations, same order). */
const termWeight = (boost: number, inverseFrequency: number, frequency: number, lengthNorm: number): number =>
  boost * (inverseFrequency * weightFactor(frequency, lengthNorm));

/** Relative margin on score bounds, so float rounding in a bound never prunes a chunk that could tie. */
const BOUND_MARGIN = 1e-9;

/** Below this many postings for a question, the full pass is cheap and MaxScore's bookkeeping is not worth it. */
const PRUNE_FROM_POSTINGS = 20_000;

export interface SparseIndexOptions {
  /** Fewest postings of a question's terms for MaxScore to be tried (default 20,000; tests use 0). */
  pruneFromPostings?: number;
}

export interface SparseSearchOptions {
  /** Most hits returned (the best `k`). */
  k: number;
  /** Score factor of a match in the heading field (the text field's is 1). */
  headingBoost: number;
  /** Only chunks (by label) this accepts are hits. */
  filter?: (label: number) => boolean;
  /** Score every posting of the question's terms (no pruning); the same hits, for tests and benchmarks. */
  exhaustive?: boolean;
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
  /** Per term and field: the largest `weightFactor` of its postings (MaxScore's bound). */
  private readonly maxFactor: Float64Array;
  /** How the last search ran: pruned (MaxScore) or over every posting, and how many chunks it scored one by one. */
  lastSearch: { pruned: boolean; scored: number } = { pruned: false, scored: 0 };

  private readonly pruneFromPostings: number;

  constructor(postings: SparsePostings, options: SparseIndexOptions = {}) {
    this.pruneFromPostings = options.pruneFromPostings ?? PRUNE_FROM_POSTINGS;
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
    this.maxFactor = new Float64Array(this.starts.length - 1);
    for (let key = 0; key < this.maxFactor.length; key += 1) {
      const norms = this.lengthNorms[key % FIELDS.length]!;
      let most = 0;
      for (let slot = this.starts[key]!; slot < this.starts[key + 1]!; slot += 1) most = Math.max(most, weightFactor(this.frequencies[slot]!, norms[this.docs[slot]!]!));
      this.maxFactor[key] = most;
    }
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
    if (!options.exhaustive && options.k > 0) {
      const pruned = this.searchPruned(terms, fieldBoosts, options);
      if (pruned) return pruned;
    }
    this.lastSearch = { pruned: false, scored: 0 };
    return this.searchExhaustive(terms, fieldBoosts, options);
  }

  /** Term at a time over every posting of the question's terms into one score array, then a bounded heap. */
  private searchExhaustive(terms: string[], fieldBoosts: number[], options: SparseSearchOptions): SparseSearchResult {
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
        const inverseFrequency = inverseDocumentFrequency(this.documentCount, matching);
        const norms = this.lengthNorms[field]!;
        const boost = fieldBoosts[field]!;
        for (let slot = from; slot < to; slot += 1) {
          const doc = this.docs[slot]!;
          const frequency = this.frequencies[slot]!;
          const weighted = termWeight(boost, inverseFrequency, frequency, norms[doc]!);
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

  /**
   * MaxScore, document at a time: the question's distinct terms ordered by the most they can add to
   * a score (`maxFactor`), and chunks visited in number order from the postings of the "essential"
   * terms only: those whose bounds are needed to reach the k-th best score found so far. A chunk's
   * remaining terms are found by galloping forward in their postings, and it is scored exactly as
   * `searchExhaustive` scores it (same terms in question order, same fields, same operations), so
   * scores, ties and order are the same to the bit. The postings of the other terms are only jumped
   * through, never read in full. Undefined (the caller makes the full pass) when a search has
   * scored more chunks one by one than a full pass would be worth.
   */
  private searchPruned(terms: string[], fieldBoosts: number[], options: SparseSearchOptions): SparseSearchResult | undefined {
    const F = FIELDS.length;
    const { starts, docs, frequencies, score, order, matched, size } = this;
    const distinct = new Map<number, { termId: number; bound: number; postings: number }>();
    const termIdsAt = new Int32Array(terms.length).fill(-1);
    const repeatedAt = new Uint8Array(terms.length);
    const idfAt = new Float64Array(terms.length * F);
    const asked = new Set<string>();
    terms.forEach((term, termIndex) => {
      repeatedAt[termIndex] = asked.has(term) ? 1 : 0;
      asked.add(term);
      const termId = this.termIds.get(term);
      if (termId === undefined) return;
      termIdsAt[termIndex] = termId;
      let most = 0;
      let postings = 0;
      for (let field = 0; field < F; field += 1) {
        const matching = starts[termId * F + field + 1]! - starts[termId * F + field]!;
        if (matching === 0) continue;
        const inverseFrequency = inverseDocumentFrequency(this.documentCount, matching);
        idfAt[termIndex * F + field] = inverseFrequency;
        most += fieldBoosts[field]! * (inverseFrequency * this.maxFactor[termId * F + field]!);
        postings += matching;
      }
      const entry = distinct.get(termId);
      // A repeated term adds its score once per occurrence.
      if (entry) entry.bound += most;
      else distinct.set(termId, { termId, bound: most, postings });
    });
    if (distinct.size < 2) return undefined;
    // Lists by bound, smallest first: lists below `essential` cannot lift a chunk to the k-th score alone.
    const lists = [...distinct.values()].sort((a, b) => a.bound - b.bound);
    const count = lists.length;
    const listOf = new Map(lists.map((list, index) => [list.termId, index]));
    const listAt = Int32Array.from(termIdsAt, (termId) => (termId < 0 ? -1 : listOf.get(termId)!));
    const below = new Float64Array(count + 1);
    for (let index = 0; index < count; index += 1) below[index + 1] = below[index]! + lists[index]!.bound;
    const occurrencesOf = new Int32Array(count);
    for (const list of listAt) if (list >= 0) occurrencesOf[list]! += 1;
    const idfOf = new Float64Array(count * F);
    lists.forEach((list, index) => {
      for (let field = 0; field < F; field += 1) {
        const matching = starts[list.termId * F + field + 1]! - starts[list.termId * F + field]!;
        if (matching > 0) idfOf[index * F + field] = inverseDocumentFrequency(this.documentCount, matching);
      }
    });
    const cursor = new Int32Array(count * F);
    const end = new Int32Array(count * F);
    const at = new Int32Array(count * F);
    lists.forEach((list, index) => {
      for (let field = 0; field < F; field += 1) {
        cursor[index * F + field] = starts[list.termId * F + field]!;
        end[index * F + field] = starts[list.termId * F + field + 1]!;
      }
    });
    const allPostings = lists.reduce((sum, list) => sum + list.postings, 0);
    if (allPostings < this.pruneFromPostings) return undefined;
    // Each chunk scored one by one costs a look at every list; past this many, one pass is cheaper.
    const budget = allPostings / 4;
    const heap = new TopK(options.k, (a, b) => score[a]! > score[b]! || (score[a] === score[b] && order[a]! < order[b]!));
    let essential = 0;
    let scored = 0;
    for (;;) {
      let doc = Number.MAX_SAFE_INTEGER;
      for (let key = essential * F; key < count * F; key += 1) if (cursor[key]! < end[key]! && docs[cursor[key]!]! < doc) doc = docs[cursor[key]!]!;
      if (doc === Number.MAX_SAFE_INTEGER) break;
      scored += 1;
      if (scored > budget) return undefined;
      // The essential lists' part first: if even every other list at its bound cannot lift the chunk to
      // the k-th score, it is passed over without looking it up in the other lists.
      let partial = 0;
      let partialLists = 0;
      for (let list = essential; list < count; list += 1) {
        let inList = false;
        for (let field = 0; field < F; field += 1) {
          const key = list * F + field;
          if (cursor[key]! < end[key]! && docs[cursor[key]!] === doc) {
            at[key] = cursor[key]!;
            cursor[key]! += 1;
            partial += occurrencesOf[list]! * fieldBoosts[field]! * (idfOf[key]! * weightFactor(frequencies[at[key]!]!, this.lengthNorms[field]![doc]!));
            inList = true;
          } else at[key] = -1;
        }
        if (inList) partialLists += 1;
      }
      const worstNow = heap.size === options.k ? heap.worst() : undefined;
      if (worstNow !== undefined && (partial + below[essential]!) * (partialLists + essential) * (1 + BOUND_MARGIN) < score[worstNow]!) continue;
      for (let key = 0; key < essential * F; key += 1) {
        cursor[key] = gallop(docs, cursor[key]!, end[key]!, doc);
        at[key] = cursor[key]! < end[key]! && docs[cursor[key]!] === doc ? cursor[key]! : -1;
      }
      if (options.filter && !options.filter(this.labels[doc]!)) continue;
      let total = 0;
      let matchedTerms = 0;
      let first = -1;
      for (let termIndex = 0; termIndex < terms.length; termIndex += 1) {
        const list = listAt[termIndex]!;
        if (list < 0) continue;
        let termTotal = 0;
        let found = false;
        for (let field = 0; field < F; field += 1) {
          const slot = at[list * F + field]!;
          if (slot < 0) continue;
          const weighted = termWeight(fieldBoosts[field]!, idfAt[termIndex * F + field]!, frequencies[slot]!, this.lengthNorms[field]![doc]!);
          if (found) termTotal += weighted;
          else termTotal = weighted;
          found = true;
          if (first < 0) first = (termIndex * F + field) * size + (slot - starts[termIdsAt[termIndex]! * F + field]!);
        }
        if (!found) continue;
        total = total + termTotal;
        if (!repeatedAt[termIndex]) matchedTerms += 1;
      }
      score[doc] = total * (matchedTerms || 1);
      order[doc] = first;
      matched[doc] = matchedTerms;
      heap.offer(doc);
      const worst = heap.worst();
      if (heap.size < options.k || worst === undefined) continue;
      // A chunk in none of the essential lists matches at most `essential` lists, each at most its bound.
      while (essential < count && below[essential + 1]! * (essential + 1) * (1 + BOUND_MARGIN) < score[worst]!) essential += 1;
    }
    this.lastSearch = { pruned: true, scored };
    const ranked = heap.sorted();
    const hits = ranked.map((doc) => ({ label: this.labels[doc]!, score: score[doc]! }));
    const top = ranked[0];
    return { hits, best: top === undefined ? undefined : { score: hits[0]!.score, terms: matched[top]! } };
  }
}

/** The first position at or after `from` (below `to`) whose doc is at least `doc`, found by galloping then halving. */
function gallop(docs: Int32Array, from: number, to: number, doc: number): number {
  if (from >= to || docs[from]! >= doc) return from;
  let low = from;
  let step = 1;
  while (low + step < to && docs[low + step]! < doc) {
    low += step;
    step *= 2;
  }
  let high = Math.min(low + step, to);
  low += 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (docs[middle]! < doc) low = middle + 1;
    else high = middle;
  }
  return low;
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
