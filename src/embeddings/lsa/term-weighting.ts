import { adjacentPairs, contentTerms } from "../../text/tokenize.js";

/** Unigrams and adjacent-pair bigrams of a text's content terms (stop words removed, stemmed). */
export function extractTerms(text: string, bigrams: boolean): string[] {
  const unigrams = contentTerms(text);
  if (!bigrams) return unigrams;
  return [...unigrams, ...adjacentPairs(unigrams)];
}

/** A vocabulary with smoothed inverse document frequencies, fitted on a collection of texts. */
export interface Vocabulary {
  terms: string[];
  idf: Float64Array;
  index: Map<string, number>;
}

export interface VocabularyOptions {
  minDf: number;
  maxFeatures: number;
  bigrams: boolean;
}

/** Fits the vocabulary: terms in at least minDf texts, the maxFeatures most frequent kept, ties broken alphabetically. */
export function fitVocabulary(termLists: string[][], options: VocabularyOptions): Vocabulary {
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const minDf = termLists.length >= 50 ? options.minDf : 1;
  const kept = [...documentFrequency.entries()]
    .filter(([, df]) => df >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxFeatures)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const count = termLists.length;
  return vocabularyFrom(
    kept.map(([term]) => term),
    Float64Array.from(kept, ([, df]) => Math.log((1 + count) / (1 + df)) + 1),
  );
}

export function vocabularyFrom(terms: string[], idf: Float64Array): Vocabulary {
  return { terms, idf, index: new Map(terms.map((term, position) => [term, position])) };
}

/** Sparse TF-IDF row: sublinear term frequency times idf, L2-normalised. Unknown terms are ignored. */
export function weightTerms(terms: string[], vocabulary: Vocabulary): { indices: Int32Array; values: Float64Array } {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const position = vocabulary.index.get(term);
    if (position !== undefined) counts.set(position, (counts.get(position) ?? 0) + 1);
  }
  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float64Array(indices.length);
  let norm = 0;
  indices.forEach((position, slot) => {
    const weight = (1 + Math.log(counts.get(position)!)) * vocabulary.idf[position]!;
    values[slot] = weight;
    norm += weight * weight;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let slot = 0; slot < values.length; slot += 1) values[slot]! /= norm;
  return { indices, values };
}
