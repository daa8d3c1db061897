import { contentTerms } from "../text/tokenize.js";
import type { TermStatistics } from "./term-statistics.js";

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

const numbersIn = (text: string): string[] => (text.match(NUMBER) ?? []).map((value) => value.replace(/,/g, ""));

/** What the reranker needs to know about a chunk; computed once per chunk and cached. */
export interface ChunkFeatures {
  body: Set<string>;
  heading: Set<string>;
  pairs: Set<string>;
  numbers: Set<string>;
}

export function chunkFeatures(text: string, headingPath: string[]): ChunkFeatures {
  const terms = contentTerms(text);
  const pairs = new Set<string>();
  for (let index = 1; index < terms.length; index += 1) pairs.add(`${terms[index - 1]} ${terms[index]}`);
  return { body: new Set(terms), heading: new Set(contentTerms(headingPath.join(" "))), pairs, numbers: new Set(numbersIn(text)) };
}

/** The question side of the features, computed once per query. */
export interface QueryFeatures {
  terms: string[];
  weights: number[];
  total: number;
  pairs: string[];
  numbers: string[];
}

export function queryFeatures(question: string, statistics: TermStatistics): QueryFeatures {
  const ordered = contentTerms(question);
  const terms = [...new Set(ordered)];
  const weights = terms.map((term) => statistics.idf(term));
  const pairs: string[] = [];
  for (let index = 1; index < ordered.length; index += 1) pairs.push(`${ordered[index - 1]} ${ordered[index]}`);
  return { terms, weights, total: weights.reduce((sum, weight) => sum + weight, 0), pairs, numbers: numbersIn(question) };
}

/**
 * Second-stage score for one candidate: the fused score (normalised to the best candidate) plus
 * features a first stage misses: idf-weighted coverage of the question's terms in the chunk and in
 * its heading path, exact phrase (adjacent term pair) matches, and numbers from the question found
 * in the chunk.
 */
export function rerankScore(fused: number, query: QueryFeatures, chunk: ChunkFeatures): number {
  if (query.terms.length === 0) return fused;
  let bodyCovered = 0;
  let headingCovered = 0;
  query.terms.forEach((term, index) => {
    if (chunk.body.has(term) || chunk.heading.has(term)) bodyCovered += query.weights[index]!;
    if (chunk.heading.has(term)) headingCovered += query.weights[index]!;
  });
  const phrases = query.pairs.filter((pair) => chunk.pairs.has(pair)).length;
  const numberHits = query.numbers.filter((value) => chunk.numbers.has(value)).length;
  return (
    fused +
    0.5 * (bodyCovered / query.total) +
    0.25 * (headingCovered / query.total) +
    0.05 * Math.min(phrases, 4) +
    (query.numbers.length > 0 ? 0.15 * (numberHits / query.numbers.length) : 0)
  );
}
