import type { ScoringSettings } from "../config/scoring.js";
import { STOP_WORDS, contentTerms, stem, tokenize } from "../text/tokenize.js";
import { synonyms } from "../text/wordnet.js";
import type { TermStatistics } from "./term-statistics.js";

/**
 * Everyday wording: WordNet synonyms of the question's words that the corpus never uses ("couch" -> "sofa"), kept only when every
 * word of the synonym occurs in the corpus and is not already in the question. They are searched as a
 * list of their own, fused below the question's own words.
 */
export function synonymTerms(text: string, questionTerms: readonly string[], statistics: TermStatistics, settings: ScoringSettings["expansion"]): string[] {
  const asked = new Set(questionTerms);
  const found: string[] = [];
  const seen = new Set<string>();
  for (const word of new Set(tokenize(text))) {
    // A word the corpus uses finds its chunks itself; only a word the corpus never uses needs another wording.
    if (STOP_WORDS.has(word) || /^\d/.test(word) || word.length < 3 || statistics.knows(stem(word))) continue;
    for (const synonym of synonyms(word, settings.synonymSenses)) {
      const terms = contentTerms(synonym);
      if (terms.length === 0 || terms.some((term) => asked.has(term) || !statistics.knows(term))) continue;
      const key = terms.join(" ");
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(synonym);
      if (found.length === settings.maxSynonyms) return found;
    }
  }
  return found;
}

/**
 * Pseudo-relevance feedback (RM3-like): the words that carry most weight in the top chunks of a first
 * search (term frequency share in each chunk times idf, summed over the chunks), not already in the
 * question. They are searched as a list of their own, fused below the question's own words.
 */
export function feedbackTerms(texts: readonly string[], questionTerms: readonly string[], statistics: TermStatistics, settings: ScoringSettings["expansion"]): string[] {
  const asked = new Set(questionTerms);
  const weights = new Map<string, { word: string; weight: number }>();
  for (const text of texts) {
    const words = tokenize(text).filter((word) => !STOP_WORDS.has(word) && !/^\d/.test(word) && word.length > 2);
    if (words.length === 0) continue;
    const counts = new Map<string, { word: string; count: number }>();
    for (const word of words) {
      const term = stem(word);
      if (asked.has(term)) continue;
      const entry = counts.get(term) ?? { word, count: 0 };
      entry.count += 1;
      counts.set(term, entry);
    }
    for (const [term, { word, count }] of counts) {
      const entry = weights.get(term) ?? { word, weight: 0 };
      entry.weight += (count / words.length) * statistics.idf(term);
      weights.set(term, entry);
    }
  }
  return [...weights.values()]
    .sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
    .slice(0, settings.feedbackTerms)
    .map((entry) => entry.word);
}
