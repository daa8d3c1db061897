import type { Chunk } from "../chunking/types.js";
import type { ScoringSettings } from "../config/scoring.js";
import { adjacentPairs, contentTerms } from "../text/tokenize.js";
import { ASKED_VALUE_KINDS, type AskedValueKind, askedValueKind } from "../text/question-forms.js";
import { valueKinds } from "../text/values.js";
import type { Query } from "./query.js";
import { asksForReason, statesReason } from "./reasons.js";
import type { TermStatistics } from "./term-statistics.js";

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

const numbersIn = (text: string): string[] => (text.match(NUMBER) ?? []).map((value) => value.replace(/,/g, ""));

/** A set of terms as the features are read: only membership is asked. */
export interface TermSet {
  has(term: string): boolean;
}

/** A chunk's content terms in reading order, read by position (a plain `string[]` is one). */
export interface TermSequence {
  readonly length: number;
  at(index: number): string | undefined;
}

/** What the reranker (and the support check) needs to know about a chunk. */
export interface ChunkFeatures {
  body: TermSet;
  /** The body's content terms in reading order (`contentTerms` of the text): where the question's terms sit near each other. */
  sequence: TermSequence;
  /** Most of the chunk's lines are table rows ("a | b | c"). */
  table: boolean;
  /** The chunk gives a reason ("due to", "driven by", "as a result of", "because"...). */
  reason: boolean;
  /** Which of the value kinds a question's form can ask for (a duration, a percentage, money) the chunk states. */
  values: ReadonlySet<AskedValueKind>;
  heading: TermSet;
  /** Terms of the document's title (the first entry of the heading path)... */
  title: TermSet;
  /** ...and of the headings below it. */
  section: TermSet;
  /** Adjacent body-term pairs, joined by "_" (`adjacentPairs`). */
  pairs: TermSet;
  numbers: TermSet;
}

/** The features of one chunk as plain sets (what `ChunkFeatureTable` stores compactly for every chunk). */
export type ChunkFeatureSets = { [K in keyof ChunkFeatures]: K extends "values" ? Set<AskedValueKind> : K extends "sequence" ? string[] : ChunkFeatures[K] extends TermSet ? Set<string> : ChunkFeatures[K] };

export function chunkFeatures(chunk: Pick<Chunk, "text" | "headingPath">): ChunkFeatureSets {
  const terms = contentTerms(chunk.text);
  return {
    body: new Set(terms),
    sequence: terms,
    table: isTable(chunk.text),
    reason: statesReason(chunk.text),
    values: statedValueKinds(chunk.text),
    heading: new Set(contentTerms(chunk.headingPath.join(" "))),
    title: new Set(contentTerms(chunk.headingPath[0] ?? "")),
    section: new Set(contentTerms(chunk.headingPath.slice(1).join(" "))),
    pairs: new Set(adjacentPairs(terms)),
    numbers: new Set(numbersIn(chunk.text)),
  };
}

/** The kinds among those a question's form can ask for (`askedValueKind`) that the text states. */
export function statedValueKinds(text: string): Set<AskedValueKind> {
  return new Set([...valueKinds(text)].filter((kind): kind is AskedValueKind => ASKED_VALUE_KINDS.includes(kind as AskedValueKind)));
}

/** True when at least half of the text's non-empty lines are table rows (cells separated by "|"). */
export function isTable(text: string): boolean {
  const lines = text.split("\n").filter((line) => line.trim().length > 0);
  return lines.length > 1 && lines.filter((line) => line.includes(" | ") || /^\|.*\|$/.test(line.trim())).length * 2 >= lines.length;
}

// A question that asks for a reason, a cause, a definition, what something includes or is made of, or how a figure is arrived at: prose answers it, a table of figures does not.
const EXPLANATION =
  /^(?:why|for what reason|what (?:was|is|were|are) the (?:main )?(?:reasons?|causes?|drivers?|definition|meaning|purpose)|what (?:caused|drove|led to|explains|was behind|accounts? for)|(?:what|which) (?:factors?|reasons?)|how (?:is|are|was|were|does|do|did)\b.*\b(?:calculated|computed|determined|measured|recogni[sz]ed|defined|derived|estimated)|what (?:does|do|did)\b.{1,80}\b(?:include|represent|consist of|comprise|mean|refer to|relate to)|what (?:constitutes|makes up|is included in|are included in)|what (?:are|were|is|was) (?:the )?(?:main |key )?(?:components|elements|constituents) of)\b/i;

/** True when the question asks for an explanation (a reason, a meaning, what something includes or is made of, a method) rather than a figure. */
export function asksForExplanation(question: string): boolean {
  return EXPLANATION.test(question.trim());
}

/** The question side of the features, computed once per query. */
export interface QueryFeatures {
  terms: string[];
  weights: number[];
  total: number;
  pairs: string[];
  numbers: string[];
  /** The question asks why, what caused, what X means or how X is calculated. */
  explanation: boolean;
  /** The question asks why, what caused, drove or led to something. */
  reason: boolean;
  /** The kind of value the question's form asks for ("how long": a duration), if any. */
  value: AskedValueKind | undefined;
  /** The question's distinct terms that do not say which document is meant (names, years), by position in `nearWeights`: what proximity looks for. */
  near: Map<string, number>;
  /** Their idf, and its sum. */
  nearWeights: number[];
  nearTotal: number;
}

export function queryFeatures(query: Pick<Query, "text" | "terms"> & Partial<Pick<Query, "documentTerms">>, statistics: TermStatistics): QueryFeatures {
  const terms = [...new Set(query.terms)];
  const weights = terms.map((term) => statistics.idf(term));
  const nearTerms = terms.filter((term) => !query.documentTerms?.has(term));
  const nearWeights = nearTerms.map((term) => statistics.idf(term));
  return {
    terms,
    weights,
    total: weights.reduce((sum, weight) => sum + weight, 0),
    pairs: adjacentPairs(query.terms),
    numbers: numbersIn(query.text),
    explanation: asksForExplanation(query.text),
    reason: asksForReason(query.text),
    value: askedValueKind(query.text),
    near: new Map(nearTerms.map((term, index) => [term, index])),
    nearWeights,
    nearTotal: nearWeights.reduce((sum, weight) => sum + weight, 0),
  };
}

/**
 * Proximity: the largest idf-weighted share of the question's terms (names and years that pick the
 * document left out, as `nearTerms`) found together within `width` consecutive content terms of the
 * chunk, counting only windows that hold at least two different ones. A chunk that says "the fee for
 * an outgoing wire" scores higher than one that mentions "fee" in one paragraph and "wire" in another.
 */
export function proximity(query: Pick<QueryFeatures, "near" | "nearWeights" | "nearTotal">, sequence: TermSequence, width: number): number {
  if (query.near.size < 2 || query.nearTotal === 0) return 0;
  // Where the question's terms occur, in order: the windows need only these.
  const positions: number[] = [];
  const indexes: number[] = [];
  for (let position = 0; position < sequence.length; position += 1) {
    const index = query.near.get(sequence.at(position)!);
    if (index === undefined) continue;
    positions.push(position);
    indexes.push(index);
  }
  let best = 0;
  const seenIn = new Int32Array(query.nearWeights.length).fill(-1);
  for (let start = 0; start < positions.length; start += 1) {
    let covered = 0;
    let distinct = 0;
    for (let next = start; next < positions.length && positions[next]! < positions[start]! + width; next += 1) {
      const index = indexes[next]!;
      if (seenIn[index] === start) continue;
      seenIn[index] = start;
      covered += query.nearWeights[index]!;
      distinct += 1;
    }
    if (distinct >= 2 && covered > best) best = covered;
  }
  return best / query.nearTotal;
}

/**
 * Second-stage score for one candidate: the fused score (normalised to the best candidate) plus
 * features a first stage misses: idf-weighted coverage of the question's terms in the chunk and in
 * its heading path, exact phrase (adjacent term pair) matches, and numbers from the question found
 * in the chunk; for a question asking why, a chunk that states a cause gains, and for one asking for
 * an explanation, a table loses; a chunk stating the kind of value the question asks for (a duration
 * for "how long") gains; a chunk where the question's terms stand close together gains (`proximity`).
 */
export function rerankScore(fused: number, query: QueryFeatures, chunk: ChunkFeatures, weights: ScoringSettings["rerank"]): number {
  if (query.terms.length === 0) return fused;
  let bodyCovered = 0;
  let headingCovered = 0;
  for (let index = 0; index < query.terms.length; index += 1) {
    const term = query.terms[index]!;
    const inHeading = chunk.heading.has(term);
    if (inHeading || chunk.body.has(term)) bodyCovered += query.weights[index]!;
    if (inHeading) headingCovered += query.weights[index]!;
  }
  let phrases = 0;
  for (const pair of query.pairs) if (chunk.pairs.has(pair)) phrases += 1;
  let numberHits = 0;
  for (const value of query.numbers) if (chunk.numbers.has(value)) numberHits += 1;
  return (
    fused +
    weights.coverage * (bodyCovered / query.total) +
    weights.headingCoverage * (headingCovered / query.total) +
    weights.phrase * Math.min(phrases, weights.maxPhrases) +
    (query.numbers.length > 0 ? weights.numbers * (numberHits / query.numbers.length) : 0) -
    (query.explanation && chunk.table ? weights.tableForExplanation : 0) +
    (query.reason && chunk.reason ? weights.statedReason : 0) +
    (query.value !== undefined && chunk.values.has(query.value) ? weights.valueFit : 0) +
    (weights.proximity > 0 ? weights.proximity * proximity(query, chunk.sequence, weights.proximityWindow) : 0)
  );
}
