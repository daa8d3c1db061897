import type { ScoringSettings } from "../config/scoring.js";
import { stem } from "../text/tokenize.js";
import { isEnglishWord } from "../text/wordnet.js";

/** What the question's words say for a corpus word: content neighbours the corpus writes it next to, and words it uses it near. */
export interface ContextSupport {
  adjacent: number;
  near: number;
}

/** Where a clipped word stands in the question. */
export interface ClipPlace {
  /** The word as written ("Info", "auto"). */
  written: string;
  /** Written joined to the next word by a hyphen ("auto-renew"). */
  compoundPart: boolean;
  /** The first word of its sentence (a capital there says nothing about a name). */
  startsSentence: boolean;
  /** The number written right after it ("Sev 3", "Sec 5.3"), if one is. */
  numberAfter?: string;
}

/** The stems of a vocabulary's tokens, worked out once per vocabulary. */
const stemCache = new WeakMap<ReadonlyMap<string, number>, Set<string>>();

function corpusStems(tokenFrequency: ReadonlyMap<string, number>): Set<string> {
  let stems = stemCache.get(tokenFrequency);
  if (!stems) {
    stems = new Set([...tokenFrequency.keys()].map(stem));
    stemCache.set(tokenFrequency, stems);
  }
  return stems;
}

/** A vocabulary's tokens in sorted order, worked out once per vocabulary: the words starting with a prefix are one run of it. */
const sortedCache = new WeakMap<ReadonlyMap<string, number>, string[]>();

/** The corpus words starting with a prefix (itself included), found by binary search rather than a scan of the vocabulary. */
export function wordsStartingWith(prefix: string, tokenFrequency: ReadonlyMap<string, number>): string[] {
  let sorted = sortedCache.get(tokenFrequency);
  if (!sorted) {
    sorted = [...tokenFrequency.keys()].sort();
    sortedCache.set(tokenFrequency, sorted);
  }
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let index = low; index < sorted.length && sorted[index]!.startsWith(prefix); index += 1) found.push(sorted[index]!);
  return found;
}

/** The part of a word a clipping keeps: without a plural "s" ("docs" -> "doc", "stats" -> "stat"; not "ss"), else the word. */
export function clippedPrefix(token: string): string {
  return token.length > 3 && token.endsWith("s") && !token.endsWith("ss") ? token.slice(0, -1) : token;
}

/** Whether a corpus word is the clipped word's stem followed by another English word ("wire" + "less", "opt" + "ions"): a compound or derivation of it, not what a clipping cuts. */
export function compoundOf(prefix: string, word: string): boolean {
  return isEnglishWord(word.slice(prefix.length));
}

/**
 * The corpus word a clipped word most likely stands for ("info" -> "information", "auto" -> "automatically"):
 * corpus words that start with it, grouped by stem; the group holding at least `dominantShare` of their
 * occurrences (and `minFrequency` of them) wins, written as its most frequent word. A compound of the
 * word (`compoundOf`) or a word fewer than `minAdded` letters longer is never chosen but counts among the
 * occurrences. Undefined when no
 * group dominates or the corpus already uses the word's stem (retrieval finds it as written).
 */
export function dominantCompletion(token: string, tokenFrequency: ReadonlyMap<string, number>, settings: ScoringSettings["clipped"]): string | undefined {
  const prefix = clippedPrefix(token);
  if (prefix.length < settings.minLength || corpusStems(tokenFrequency).has(stem(token))) return undefined;
  const groups = new Map<string, { total: number; word: string; frequency: number }>();
  let total = 0;
  for (const word of wordsStartingWith(prefix, tokenFrequency)) {
    const frequency = tokenFrequency.get(word)!;
    if (word.length <= prefix.length || !/^[a-z]+$/.test(word)) continue;
    total += frequency;
    // A word barely longer or a compound of the word counts against the others ("options" makes "opt" less likely a clipped "optional") but is no candidate.
    if (word.length < prefix.length + settings.minAdded || compoundOf(prefix, word)) continue;
    const key = stem(word);
    const group = groups.get(key);
    if (!group) groups.set(key, { total: frequency, word, frequency });
    else {
      group.total += frequency;
      if (frequency > group.frequency) Object.assign(group, { word, frequency });
    }
  }
  let best: { total: number; word: string } | undefined;
  for (const group of groups.values()) if (!best || group.total > best.total) best = group;
  if (!best || best.total < settings.minFrequency || best.total < settings.dominantShare * total) return undefined;
  return best.word;
}

/**
 * Whether a clipped word may be read as `completion`: never a word written in capitals ("AUTO", a code)
 * or capitalised inside a sentence (a name); only with the question's other words for it. A word of
 * `nearFrom` letters that WordNet does not list ("admin") needs a question word the corpus uses the
 * completion near; an English word ("auto", "info", "max") or a shorter one needs one the corpus writes
 * next to it ("account info"), or near it when the word is the first part of a hyphenated compound
 * ("auto-renew"): "ten days" does not become "tenant days". A word right before a number that the
 * documents write after the completion in a name (`numbered`: "Sev 3" where they write "Severity 3")
 * abbreviates that name, capitalised or not.
 */
export function mayReadAsClipped(token: string, place: ClipPlace, support: ContextSupport, settings: Pick<ScoringSettings["clipped"], "nearFrom">, numbered = false): boolean {
  const { written } = place;
  if (written.length > 1 && written === written.toUpperCase()) return false;
  // A clipped word before a number the documents write after its completion abbreviates their numbered name ("Sev 3" for "Severity 3", "Sec 5.3" for "Section 5.3"), capitalised or not.
  if (numbered) return true;
  if (!place.startsSentence && written[0] !== written[0]!.toLowerCase()) return false;
  if (support.adjacent > 0) return true;
  const nearEnough = place.compoundPart || (token.length >= settings.nearFrom && !isEnglishWord(token));
  return nearEnough && support.near > 0;
}

/** The corpus word a clipped question word stands for (see `dominantCompletion`, `mayReadAsClipped`), or null. */
export function clippedWordOf(
  token: string,
  place: ClipPlace,
  tokenFrequency: ReadonlyMap<string, number>,
  settings: ScoringSettings["clipped"],
  support: (word: string) => ContextSupport,
  /** Whether the documents write a word right before a number in a name. */
  numberedName: (word: string, number: string) => boolean = () => false,
): string | null {
  if (!settings.enabled) return null;
  const completion = dominantCompletion(token, tokenFrequency, settings);
  if (completion === undefined) return null;
  const numbered = place.numberAfter !== undefined && numberedName(completion, place.numberAfter);
  return mayReadAsClipped(token, place, support(completion), settings, numbered) ? completion : null;
}
