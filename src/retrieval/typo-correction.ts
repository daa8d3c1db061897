import type { ScoringSettings } from "../config/scoring.js";
import { STOP_WORDS, stem, tokenize } from "../text/tokenize.js";
import { isEnglishWord } from "../text/wordnet.js";
import { OrderedUint32Set } from "../math/ordered-uint32-set.js";
import { sortedHas } from "./sorted-ids.js";
import { clippedWordOf, type ContextSupport } from "./clipped-words.js";

/** The corpus's words, for correcting question words it never uses. */
export interface TypoVocabulary {
  tokenFrequency: Map<string, number>;
  /** Alphabetic corpus words grouped by length, in first-seen order (hyphenated compounds under their joined spelling). */
  wordsByLength: Map<number, Array<[string, number]>>;
  /** Joined spelling of a hyphenated corpus compound -> the compound as the corpus writes it ("preapproval" -> "pre-approval") and how often. */
  compounds: Map<string, [string, number]>;
  /** Which content words the corpus uses near each other, to choose between corrections with the question's other words. */
  context: ContextPairs;
  /** Candidates already worked out per unknown word (a scan of the vocabulary is the costly part). */
  corrections: Map<string, Candidate[]>;
}

/** A corpus word within the edit limit of an unknown word. */
interface Candidate {
  word: string;
  distance: number;
  frequency: number;
}

/** Corrections kept in the cache at most; past it, words are still corrected but not remembered. */
const CORRECTION_CACHE_LIMIT = 50_000;
/** Content words this many positions apart or closer in a chunk count as used together. */
const CONTEXT_WINDOW = 5;
/** Most word pairs kept (4 bytes each); past it, further pairs are not recorded (a bounded file for any corpus). */
const MAX_CONTEXT_PAIRS = 4_000_000;
const COMPOUND_PATTERN = /\b([a-z]{2,})-([a-z]{2,})\b/g;

/**
 * Which content-word stems the corpus uses together: hashes of unordered pairs within CONTEXT_WINDOW
 * of each other and of ordered adjacent pairs, sorted for binary search.
 */
export class ContextPairs {
  constructor(readonly hashes: Uint32Array) {}

  static build(texts: Iterable<string>, limit = MAX_CONTEXT_PAIRS): ContextPairs {
    return ContextPairs.merge([ContextPairs.firstSeen(texts, limit)], limit);
  }

  /** The distinct pair hashes of texts in the order first seen, up to the most kept: a part of `build` for consecutive texts, merged in their order by `merge`. */
  static firstSeen(texts: Iterable<string>, limit = MAX_CONTEXT_PAIRS): Uint32Array {
    const seen = new OrderedUint32Set(1 << 16);
    for (const text of texts) addContextPairs(seen, tokenize(text), limit);
    return seen.toArray();
  }

  /** The pairs of consecutive parts (`firstSeen` of each, in order): the first MAX_CONTEXT_PAIRS distinct hashes of all, as `build` keeps them. */
  static merge(parts: readonly Uint32Array[], limit = MAX_CONTEXT_PAIRS): ContextPairs {
    if (parts.length === 1) return new ContextPairs(Uint32Array.from(parts[0]!).sort());
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    if (total <= limit) {
      // Under the bound every hash is kept: all of them sorted, duplicates dropped (no set of numbers).
      const all = new Uint32Array(total);
      let offset = 0;
      for (const part of parts) {
        all.set(part, offset);
        offset += part.length;
      }
      all.sort();
      let kept = 0;
      for (let index = 0; index < all.length; index += 1) if (index === 0 || all[index] !== all[index - 1]) all[kept++] = all[index]!;
      return new ContextPairs(all.slice(0, kept));
    }
    const seen = new OrderedUint32Set(limit);
    for (const part of parts) {
      for (let index = 0; index < part.length && seen.size < limit; index += 1) seen.add(part[index]!);
    }
    return new ContextPairs(seen.toArray().sort());
  }

  static decode(base64: string): ContextPairs {
    const bytes = Buffer.from(base64, "base64");
    const hashes = new Uint32Array(bytes.length / 4);
    for (let index = 0; index < hashes.length; index += 1) hashes[index] = bytes.readUInt32LE(index * 4);
    return new ContextPairs(hashes);
  }

  encode(): string {
    const bytes = Buffer.alloc(this.hashes.length * 4);
    this.hashes.forEach((hash, index) => bytes.writeUInt32LE(hash, index * 4));
    return bytes.toString("base64");
  }

  /** Whether the corpus uses the two stems near each other (a hash set: a rare false yes, never a false no). */
  near(a: string, b: string): boolean {
    return this.has(pairHash(a, b, false));
  }

  /** Whether the corpus writes content word `b` right after content word `a` (stop words between them do not count). */
  adjacent(a: string, b: string): boolean {
    return this.has(pairHash(a, b, true));
  }

  private has(hash: number): boolean {
    return sortedHas(this.hashes, 0, this.hashes.length, hash);
  }
}

/**
 * Adds the pairs of one text's tokens to those seen, up to `limit` exactly: a part stops where all the
 * texts in one thread would (a few past the limit would make a 1-thread build differ from a merged one).
 */
function addContextPairs(seen: OrderedUint32Set, tokens: readonly string[], limit = MAX_CONTEXT_PAIRS): void {
  if (seen.size >= limit) return;
  const stems = contextStems(tokens);
  for (let i = 0; i < stems.length; i += 1) {
    if (i + 1 < stems.length) seen.add(pairHash(stems[i]!, stems[i + 1]!, true));
    for (let j = i + 1; j <= i + CONTEXT_WINDOW && j < stems.length; j += 1) {
      if (seen.size >= limit) return;
      if (stems[i] !== stems[j]) seen.add(pairHash(stems[i]!, stems[j]!, false));
    }
    if (seen.size >= limit) return;
  }
}

/** Stems of the alphabetic content words (three letters or more, no stop words), in order. */
function contextStems(tokens: readonly string[]): string[] {
  return tokens.filter((token) => token.length >= 3 && /^[a-z]+$/.test(token) && !STOP_WORDS.has(token)).map(stem);
}

/**
 * FNV-1a of the two stems joined: `a>b` for an adjacent pair (text order), `a b` in sorted order for a
 * pair within the window. Hashed part by part, without building the joined string (it runs for every
 * pair of every chunk at ingest).
 */
export function pairHash(a: string, b: string, ordered: boolean): number {
  const inOrder = ordered || a < b;
  let hash = fnv1a(0x811c9dc5, inOrder ? a : b);
  hash = Math.imul(hash ^ (ordered ? 0x3e : 0x20), 0x01000193);
  return fnv1a(hash, inOrder ? b : a) >>> 0;
}

function fnv1a(start: number, text: string): number {
  let hash = start;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash;
}

export function buildTypoVocabulary(texts: Iterable<string>): TypoVocabulary {
  return mergeTypoParts([typoPart(texts)]);
}

/** What `buildTypoVocabulary` reads from some consecutive texts, each list in first-seen order: built apart (in worker threads) and merged in order by `mergeTypoParts`. */
export interface TypoPart {
  tokenFrequency: Array<[string, number]>;
  compounds: Array<[string, string, number]>;
  context: Uint32Array;
}

export function typoPart(texts: Iterable<string>): TypoPart {
  // Each text tokenized once, for the frequencies and the context pairs both.
  const all = [...texts];
  const tokenFrequency = new Map<string, number>();
  const context = new OrderedUint32Set(1 << 16);
  for (const text of all) {
    const tokens = tokenize(text);
    for (const token of tokens) tokenFrequency.set(token, (tokenFrequency.get(token) ?? 0) + 1);
    addContextPairs(context, tokens);
  }
  return { tokenFrequency: [...tokenFrequency], compounds: compoundsOf(all), context: context.toArray() };
}

/** The vocabulary of parts of consecutive texts, in their order: the same as `buildTypoVocabulary` of all the texts (first-seen orders and counts carry over). */
export function mergeTypoParts(parts: readonly TypoPart[]): TypoVocabulary {
  const tokenFrequency = new Map<string, number>();
  const compounds = new Map<string, [string, number]>();
  for (const part of parts) {
    for (const [token, frequency] of part.tokenFrequency) tokenFrequency.set(token, (tokenFrequency.get(token) ?? 0) + frequency);
    for (const [joined, compound, frequency] of part.compounds) {
      const entry = compounds.get(joined);
      if (entry) entry[1] += frequency;
      else compounds.set(joined, [compound, frequency]);
    }
  }
  const compoundList = [...compounds].map(([joined, [compound, frequency]]): [string, string, number] => [joined, compound, frequency]);
  return typoVocabularyFrom(tokenFrequency, compoundList, ContextPairs.merge(parts.map((part) => part.context)));
}

/** Hyphenated compounds the corpus writes ("pre-approval"), by their joined spelling, with how often, in first-seen order. */
export function compoundsOf(texts: Iterable<string>): Array<[string, string, number]> {
  const found = new Map<string, [string, number]>();
  for (const text of texts) {
    for (const match of text.toLowerCase().matchAll(COMPOUND_PATTERN)) {
      const joined = match[1]! + match[2]!;
      const entry = found.get(joined);
      if (entry) entry[1] += 1;
      else found.set(joined, [match[0], 1]);
    }
  }
  return [...found].map(([joined, [compound, frequency]]) => [joined, compound, frequency]);
}

/**
 * The vocabulary from token frequencies in first-seen order (as built, or as stored with a build: the
 * order decides ties), the corpus's hyphenated compounds and its context pairs.
 */
export function typoVocabularyFrom(
  tokenFrequency: Map<string, number>,
  compoundList: ReadonlyArray<[string, string, number]> = [],
  context: ContextPairs = new ContextPairs(new Uint32Array()),
): TypoVocabulary {
  const wordsByLength = new Map<number, Array<[string, number]>>();
  const add = (word: string, frequency: number): void => {
    const words = wordsByLength.get(word.length) ?? [];
    words.push([word, frequency]);
    wordsByLength.set(word.length, words);
  };
  for (const [token, frequency] of tokenFrequency) {
    if (token.length < 3 || !/^[a-z]+$/.test(token)) continue;
    add(token, frequency);
  }
  const compounds = new Map<string, [string, number]>();
  for (const [joined, compound, frequency] of compoundList) {
    if (tokenFrequency.has(joined)) continue;
    compounds.set(joined, [compound, frequency]);
    add(joined, frequency);
  }
  return { tokenFrequency, wordsByLength, compounds, context, corrections: new Map() };
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

/** Every corpus word within two edits of `token` (one for short words), the nearest first; empty for a word WordNet lists. */
function candidatesOf(token: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"]): Candidate[] {
  if (settings.keepEnglishWords && isEnglishWord(token)) return [];
  const limit = token.length >= Math.min(settings.twoEditsFrom, settings.contextTwoEditsFrom) ? 2 : 1;
  const found: Candidate[] = [];
  for (let length = token.length - limit; length <= token.length + limit; length += 1) {
    for (const [word, frequency] of vocabulary.wordsByLength.get(length) ?? []) {
      const distance = editDistance(token, word, limit);
      if (distance <= limit) found.push({ word, distance, frequency });
    }
  }
  // Stable: first-seen order breaks the remaining ties, as before.
  return found.sort((a, b) => a.distance - b.distance);
}

/** The cached candidates of an unknown word, or undefined when the scan budget is spent. */
function cachedCandidates(token: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"], scan: () => boolean): Candidate[] | undefined {
  let found = vocabulary.corrections.get(token);
  if (found === undefined) {
    if (!scan()) return undefined;
    found = candidatesOf(token, vocabulary, settings);
    if (vocabulary.corrections.size < CORRECTION_CACHE_LIMIT) vocabulary.corrections.set(token, found);
  }
  return found;
}

/** The question's words around an unknown word: the content stems before and after it, and all of them. */
export interface WordContext {
  previous?: string;
  next?: string;
  words: readonly string[];
}

/** How well the question's words support a candidate: content neighbours the corpus writes it next to, then words it uses it near. */
function supportOf(word: string, vocabulary: TypoVocabulary, context: WordContext): ContextSupport {
  const parts = (vocabulary.compounds.get(word)?.[0] ?? word).split("-").map(stem);
  const first = parts[0]!;
  const last = parts.at(-1)!;
  let adjacent = 0;
  if (context.previous !== undefined && vocabulary.context.adjacent(context.previous, first)) adjacent += 1;
  if (context.next !== undefined && vocabulary.context.adjacent(last, context.next)) adjacent += 1;
  let near = 0;
  for (const other of context.words) if (other !== last && vocabulary.context.near(last, other)) near += 1;
  return { adjacent, near };
}

/**
 * The correction of an unknown word among its candidates: the nearest, then the one the corpus writes
 * next to the question's neighbouring words, then the one it uses near more of the question's words,
 * then the most frequent. Two edits are allowed for words of twoEditsFrom letters, and from
 * contextTwoEditsFrom letters for a candidate the corpus writes next to a neighbouring word that
 * differs in two letters in place (swapped or mistyped letters, not letters dropped and added).
 */
export function chooseCorrection(token: string, candidates: readonly Candidate[], vocabulary: TypoVocabulary, settings: ScoringSettings["typos"], context: WordContext): string | null {
  let best: Candidate | undefined;
  let bestSupport = { adjacent: -1, near: -1 };
  for (const candidate of candidates) {
    if (best && candidate.distance > best.distance) break;
    if (!keepsFirstLetter(token, candidate.word, settings)) continue;
    const support = supportOf(candidate.word, vocabulary, context);
    // A short word with one letter replaced is a different word as often as a misspelling ("went", "want", "rent", "sent"): only with the question's words around it.
    if (token.length < settings.substitutionContextBelow && oneLetterReplaced(token, candidate.word) && support.adjacent + support.near === 0) continue;
    if (candidate.distance === 2 && token.length < settings.twoEditsFrom && !(support.adjacent > 0 && twoLettersWrong(token, candidate.word))) continue;
    const better =
      !best ||
      support.adjacent > bestSupport.adjacent ||
      (support.adjacent === bestSupport.adjacent && (support.near > bestSupport.near || (support.near === bestSupport.near && candidate.frequency > best.frequency)));
    if (better) {
      best = candidate;
      bestSupport = support;
    }
  }
  if (!best) return null;
  return vocabulary.compounds.get(best.word)?.[0] ?? best.word;
}

/**
 * An ordinary English word (WordNet) that the unknown word is with two adjacent letters swapped back
 * ("wiegh" -> "weigh"), the first from the left; undefined when none is. The corpus may not use the
 * word itself but a form of it ("weighs", "weight"), two edits away, too far for a short word's scan:
 * the swapped-back word is what was meant, and its stem finds those forms.
 */
export function swappedEnglishWord(token: string, from = 0): string | undefined {
  for (let index = from; index + 1 < token.length; index += 1) {
    if (token[index] === token[index + 1]) continue;
    const swapped = token.slice(0, index) + token[index + 1] + token[index] + token.slice(index + 2);
    if (isEnglishWord(swapped)) return swapped;
  }
  return undefined;
}

/** The correction of an unknown word: a corpus word (`chooseCorrection`), else an English word it is with two letters swapped (`swappedEnglishWord`, when `swapToEnglish`). */
function correctionFor(token: string, candidates: readonly Candidate[], vocabulary: TypoVocabulary, settings: ScoringSettings["typos"], context: WordContext): string | null {
  const found = chooseCorrection(token, candidates, vocabulary, settings, context);
  // An English word is no misspelling, even with no corpus word near it ("sign" is not "sing").
  if (found !== null || !settings.swapToEnglish || isEnglishWord(token)) return found;
  return swappedEnglishWord(token, token.length < settings.sameFirstLetterBelow ? 1 : 0) ?? null;
}

/**
 * Whether a correction may be `word`: for a word shorter than sameFirstLetterBelow, only one that starts
 * with its first letter. Typists rarely get the first letter wrong, and a short English word WordNet
 * does not list ("went", "ours") is one edit from many corpus words ("sent", "hours").
 */
export function keepsFirstLetter(token: string, word: string, settings: Pick<ScoringSettings["typos"], "sameFirstLetterBelow">): boolean {
  return token.length >= settings.sameFirstLetterBelow || token[0] === word[0];
}

/** Whether two words of the same length differ in exactly one letter in place ("went", "want"). */
export function oneLetterReplaced(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) differences += 1;
  return differences === 1;
}

/** Whether two words of the same length differ in two letters in place ("lisence", "license"): a shorter word's second edit. */
export function twoLettersWrong(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) differences += 1;
  return differences === 2;
}

/** The lookup form of a written word: lower case, without a possessive "'s" (as the corpus's tokens are). */
function lookupToken(word: string): string {
  return word.toLowerCase().replace(/'s$/, "");
}

/** Whether the question's words support one reading more than another: more neighbours the corpus writes it next to, then more words it uses it near. */
function moreSupported(a: ContextSupport, b: ContextSupport): boolean {
  return a.adjacent > b.adjacent || (a.adjacent === b.adjacent && a.near > b.near);
}

/** Whether a word is no candidate for reading as another: a stop word, a word the corpus uses, or one with an apostrophe. */
function known(token: string, vocabulary: TypoVocabulary): boolean {
  return STOP_WORDS.has(token) || vocabulary.tokenFrequency.has(token) || token.includes("'");
}

/** Whether a word may be a clipped corpus word: long enough for a clipping and not `known`. */
function mayClip(token: string, vocabulary: TypoVocabulary, clipped: ScoringSettings["clipped"]): boolean {
  return clipped.enabled && token.length >= clipped.minLength && !known(token, vocabulary);
}

/**
 * A short word the corpus never uses ("fe"), read as the corpus word it is with one letter dropped,
 * when the corpus writes that word next to a neighbouring question word ("overdraft fe" -> "fee": the
 * corpus writes "overdraft fee"); undefined otherwise. Only lower-case words from `droppedLetterFrom`
 * letters (a short capitalised word, "HR" or "Fe", is a code or a name), and no English word of three
 * letters ("red"). A short word has too many near words to choose one without the words around it,
 * so one beside it must say which. For a word `mayHaveDroppedLetter` lets through.
 */
function droppedLetterOf(written: string, token: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"], context: WordContext): string | undefined {
  if (written !== written.toLowerCase()) return undefined;
  // An English word is kept ("into the red" is not "read"); WordNet's two-letter entries are abbreviations ("fe", "yr", "mo"), no reason to keep one.
  if (settings.keepEnglishWords && token.length > 2 && isEnglishWord(token)) return undefined;
  let best: { word: string; frequency: number; support: ContextSupport } | undefined;
  for (const [word, frequency] of vocabulary.wordsByLength.get(token.length + 1) ?? []) {
    if (STOP_WORDS.has(word) || !keepsFirstLetter(token, word, settings) || editDistance(token, word, 1) !== 1) continue;
    const support = supportOf(word, vocabulary, context);
    if (support.adjacent === 0) continue;
    if (!best || moreSupported(support, best.support) || (!moreSupported(best.support, support) && frequency > best.frequency)) best = { word, frequency, support };
  }
  return best?.word;
}

/** Whether a word is short enough to be read only by a dropped letter (`droppedLetterFrom` up to `minLength`) and not `known`. */
function mayHaveDroppedLetter(token: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"]): boolean {
  return token.length >= settings.droppedLetterFrom && token.length < settings.minLength && !known(token, vocabulary);
}

/** Whether a written word is left as it is: short, or `known`. */
function keeps(token: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"]): boolean {
  return token.length < settings.minLength || known(token, vocabulary);
}

/** A word of a question read as another: a misspelling corrected ("garantee" -> "guarantee"), a clipped word completed ("max" -> "maximum"). */
export interface Correction {
  /** The word as written. */
  from: string;
  /** The corpus word it was read as. */
  to: string;
}

export interface TypoCorrection {
  text: string;
  corrections: Correction[];
}

/**
 * Replaces words the corpus never uses with the nearest corpus word, chosen with the question's other
 * words (see chooseCorrection); a hyphenated corpus compound written as one word gets its hyphen back.
 * At most `maxScans` words per text are looked up in the vocabulary (cached words are free), so a
 * long question of random words costs about what a normal one does.
 */
export function correctTypos(
  text: string,
  vocabulary: TypoVocabulary,
  settings: ScoringSettings["typos"],
  clipped?: ScoringSettings["clipped"],
  /** Whether the documents write a word right before a number in a name ("Severity 3"): a clipped word before that number abbreviates it. */
  numberedName?: (word: string, number: string) => boolean,
): TypoCorrection {
  const corrections: Correction[] = [];
  const words = [...text.matchAll(/[A-Za-z][A-Za-z']+/g)].map((match) => ({ written: match[0], start: match.index, token: lookupToken(match[0]) }));
  // Content stems of the words the corpus or WordNet knows (a misspelt word has none until corrected).
  const stems = words.map(({ token }) => (vocabulary.tokenFrequency.has(token) || isEnglishWord(token) ? contextStems([token]) : []));
  let scans = 0;
  const scan = () => (scans < settings.maxScans ? ((scans += 1), true) : false);
  let out = "";
  let copied = 0;
  words.forEach(({ written, start, token }, index) => {
    const mayBeClipped = clipped !== undefined && mayClip(token, vocabulary, clipped);
    const short = mayHaveDroppedLetter(token, vocabulary, settings);
    if (keeps(token, vocabulary, settings) && !mayBeClipped && !short) return;
    const before = stems.slice(0, index).flat();
    const after = stems.slice(index + 1).flat();
    const context: WordContext = { previous: before.at(-1), next: after[0], words: [...before, ...after] };
    const read = (found: string) => {
      corrections.push({ from: written, to: found });
      // A correction is context for the words after it ("preaproval leter": "pre-approval" helps choose "letter").
      stems[index] = contextStems(tokenize(found));
      out += text.slice(copied, start) + found + written.slice(token.length);
      copied = start + written.length;
    };
    if (short) {
      const found = scan() ? droppedLetterOf(written, token, vocabulary, settings, context) : undefined;
      if (found !== undefined) return read(found);
      // Not a word with a dropped letter: it may still be clipped ("sev 3", "pen test").
      if (!mayBeClipped) return;
    }
    const typo = () => {
      if (keeps(token, vocabulary, settings)) return null;
      const candidates = cachedCandidates(token, vocabulary, settings, scan);
      return candidates ? correctionFor(token, candidates, vocabulary, settings, context) : null;
    };
    // A misspelling, unless the question's words support reading the word as clipped more ("cust service": "customer", not "cost"); else the clipped reading ("info", "auto-renew").
    const preceding = text.slice(0, start).trimEnd();
    const numberAfter = /^\s+(\d[\d,]*(?:\.\d+)?)/.exec(text.slice(start + written.length))?.[1];
    const place = { written, compoundPart: text[start + written.length] === "-", startsSentence: preceding === "" || /[.!?:]$/.test(preceding), ...(numberAfter ? { numberAfter } : {}) };
    const misspelt = typo();
    const clip = mayBeClipped && scan() ? clippedWordOf(token, place, vocabulary.tokenFrequency, clipped, (word) => supportOf(word, vocabulary, context), numberedName) : null;
    const found = misspelt !== null && clip !== null && !moreSupported(supportOf(clip, vocabulary, context), supportOf(misspelt.replace(/-/g, ""), vocabulary, context)) ? misspelt : (clip ?? misspelt);
    if (found !== null) read(found);
  });
  return { text: out + text.slice(copied), corrections };
}

/** The corpus word one unknown word would be corrected to without context (undefined: the corpus knows it, or nothing is close). */
export function correctionOf(word: string, vocabulary: TypoVocabulary, settings: ScoringSettings["typos"]): string | undefined {
  const token = lookupToken(word);
  if (vocabulary.tokenFrequency.has(token) || token.includes("'")) return undefined;
  // A short word written with a possessive ("REI's") is a name, as correctTypos leaves short words.
  if (token !== word.toLowerCase() && token.length < settings.minLength) return undefined;
  const candidates = cachedCandidates(token, vocabulary, settings, () => true)!;
  return correctionFor(token, candidates, vocabulary, settings, { words: [] }) ?? undefined;
}
