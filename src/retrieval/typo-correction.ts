import type { ScoringSettings } from "../config/scoring.js";
import { STOP_WORDS, tokenize } from "../text/tokenize.js";
import { isEnglishWord } from "../text/wordnet.js";

/** The corpus's words, for correcting question words it never uses. */
export interface TypoVocabulary {
  tokenFrequency: Map<string, number>;
  /** Alphabetic corpus words grouped by length, in first-seen order. */
  wordsByLength: Map<number, Array<[string, number]>>;
  /** Corrections already worked out (null: no corpus word is close enough); a scan of the vocabulary is the costly part. */
  corrections: Map<string, string | null>;
}

/** Corrections kept in the cache at most; past it, words are still corrected but not remembered. */
const CORRECTION_CACHE_LIMIT = 50_000;

export function buildTypoVocabulary(texts: Iterable<string>): TypoVocabulary {
  const tokenFrequency = new Map<string, number>();
  for (const text of texts) for (const token of tokenize(text)) tokenFrequency.set(token, (tokenFrequency.get(token) ?? 0) + 1);
  return typoVocabularyFrom(tokenFrequency);
}

/** The vocabulary from token frequencies in first-seen order (as built, or as stored with a build: the order decides ties). */
export function typoVocabularyFrom(tokenFrequency: Map<string, number>): TypoVocabulary {
  const wordsByLength = new Map<number, Array<[string, number]>>();
  for (const [token, frequency] of tokenFrequency) {
    if (token.length < 3 || !/^[a-z]+$/.test(token)) continue;
    const words = wordsByLength.get(token.length) ?? [];
    words.push([token, frequency]);
    wordsByLength.set(token.length, words);
  }
  return { tokenFrequency, wordsByLength, corrections: new Map() };
}

/** Damerau-Levenshtein distance (optimal string alignment), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const previous2 = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    for (let j = 0; j <= b.length; j += 1) previous2[j] = previous[j]!;
    previous = current;
  }
  return previous[b.length]!;
}

/** The most frequent corpus word within the edit limit of `token` (the nearest first), or null. */
function nearestWord(token: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"]): string | null {
  if (settings.keepEnglishWords && isEnglishWord(token)) return null;
  const limit = token.length >= settings.twoEditsFrom ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let bestFrequency = 0;
  for (let length = token.length - limit; length <= token.length + limit; length += 1) {
    for (const [candidate, frequency] of vocabulary.wordsByLength.get(length) ?? []) {
      const distance = editDistance(token, candidate, limit);
      if (distance < bestDistance || (distance === bestDistance && distance <= limit && frequency > bestFrequency)) {
        best = candidate;
        bestDistance = distance;
        bestFrequency = frequency;
      }
    }
  }
  return best !== undefined && bestDistance <= limit ? best : null;
}

export interface TypoCorrection {
  text: string;
  corrections: Array<{ from: string; to: string }>;
}

/**
 * Replaces words the corpus never uses with the most frequent corpus word one edit away (two for
 * long words). At most `maxScans` words per text are looked up in the vocabulary (cached words are
 * free), so a long question of random words costs about what a normal one does.
 */
export function correctTypos(text: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"]): TypoCorrection {
  const corrections: Array<{ from: string; to: string }> = [];
  let scans = 0;
  const corrected = text.replace(/[A-Za-z][A-Za-z']+/g, (word) => {
    const token = word.toLowerCase();
    if (token.length < settings.minLength || STOP_WORDS.has(token) || vocabulary.tokenFrequency.has(token)) return word;
    let found = vocabulary.corrections.get(token);
    if (found === undefined) {
      if (scans >= settings.maxScans) return word;
      scans += 1;
      found = nearestWord(token, vocabulary, settings);
      if (vocabulary.corrections.size < CORRECTION_CACHE_LIMIT) vocabulary.corrections.set(token, found);
    }
    if (found === null) return word;
    corrections.push({ from: word, to: found });
    return found;
  });
  return { text: corrected, corrections };
}

/** The corpus word one unknown word would be corrected to (undefined: the corpus knows it, or nothing is close). */
export function correctionOf(word: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"]): string | undefined {
  const token = word.toLowerCase();
  if (vocabulary.tokenFrequency.has(token)) return undefined;
  let found = vocabulary.corrections.get(token);
  if (found === undefined) {
    found = nearestWord(token, vocabulary, settings);
    if (vocabulary.corrections.size < CORRECTION_CACHE_LIMIT) vocabulary.corrections.set(token, found);
  }
  return found ?? undefined;
}
