import { stemmer } from "stemmer";
import { eng } from "stopword";

/** English stop words: the stopword package's list plus the question words users type. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...eng,
  "when", "does", "will", "us", "it's", "its", "s", "t", "the", "a", "an", "please", "tell", "know",
  "there", "am", "i'm", "i've", "i'd", "i'll", "we're", "you're", "whats", "what's", "doe", "don't", "doesn't",
  // Conversational filler: common in questions, says nothing about what is asked.
  "actually", "just", "really", "want", "wanted", "need", "needs", "anything", "something", "thing", "things",
  "guys", "hey", "hi", "hello", "thanks", "thank", "supposed", "kind", "sort", "lot", "maybe", "exactly",
  "somebody", "someone", "anyone", "everyone", "wondering", "wonder", "okay", "ok", "yes", "no", "yeah",
]);

// Words, and numbers with their decimal part ("4.10", "1,500" -> "1500").
const TOKEN_PATTERN = /\d[\d,]*(?:\.\d+)?|[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Lower-cased word and number tokens, in order, with thousands separators removed from numbers. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(TOKEN_PATTERN)) tokens.push(normalizeToken(match[0]));
  return tokens;
}

/** One lower-cased match of the token pattern as `tokenize` gives it: "1,500.0" -> "1500", "bank's" -> "bank". */
export function normalizeToken(match: string): string {
  return /^\d/.test(match) ? match.replace(/,/g, "").replace(/\.0+$/, "") : match.replace(/'s$/, "");
}

const stemCache = new Map<string, string>();

/** Porter stem of one token, cached (numbers are kept as they are). */
export function stem(token: string): string {
  if (/^\d/.test(token)) return token;
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = stemmer(token);
    if (stemCache.size < 200_000) stemCache.set(token, stemmed);
  }
  return stemmed;
}

/** The tokens that carry meaning: stop words dropped, the rest stemmed. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    if (STOP_WORDS.has(token)) continue;
    terms.push(stem(token));
  }
  return terms;
}

/** Adjacent pairs of terms, joined by "_": ["net", "incom"] -> ["net_incom"]. Phrase matches compare these. */
export function adjacentPairs(terms: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let index = 1; index < terms.length; index += 1) pairs.push(`${terms[index - 1]}_${terms[index]}`);
  return pairs;
}
