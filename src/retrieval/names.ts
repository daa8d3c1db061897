import { normalizeToken, STOP_WORDS, stem, tokenize } from "../text/tokenize.js";
import { askedText } from "../text/asked-text.js";
import { YEAR_TOKEN, yearsIn } from "../text/periods.js";
import { PackedStringSet } from "../text/packed-strings.js";

/**
 * The names a corpus uses and the word pairs it contains, to tell whether a name in a question
 * (a product, a plan, a company, a model number, a period such as "Q1 2027") occurs anywhere in the
 * documents. Built from the chunks' text at load; pairs are kept up to a bound, then only pairs that
 * hold a capitalised word or a number.
 */
export interface NameIndex {
  terms: Set<string>;
  /** Adjacent word pairs (`pairKey`), packed: at 100k chunks a `Set` of them took over 100 MiB. */
  pairs: PackedStringSet;
  /** Years and quarters the documents mention ("2026", "2026-Q3"). */
  periods: Set<string>;
  /** Numbers the documents use with each unit of time ("month" -> 3, 6, 12, 24...). */
  unitNumbers: Map<string, Set<number>>;
  /** How a pair is written in the documents ("ember 20" -> "Ember 20"), by its first term, for naming what is close. */
  spellings: Map<string, Map<string, string>>;
  /**
   * The terms of the documents (or texts) that state each number with a unit of time ("48-month" -> terms
   * of the loan rate sheet), so a 48-month CD can be told apart from a 48-month loan. Undefined for a
   * number-unit stated so widely that it says nothing.
   */
  unitTerms: Map<string, Set<string> | undefined>;
  /** Slash codes written before a name ("arm" -> "7/6" -> "7/6 ARM"), for a code the documents do not have ("5/1 ARM"). */
  codes: Map<string, Map<string, string>>;
}

/** Pairs kept from all text; past this, only pairs that hold a name-like word. */
const MAX_PAIRS = 2_000_000;
const MAX_SPELLINGS_PER_TERM = 50;
/** Past this many distinct terms beside one number-unit ("30-day"), it is stated too widely to scope a question. */
const MAX_UNIT_TERMS = 5_000;
/** Terms after a number-unit that say what it qualifies ("48-month personal loan"). */
const QUALIFIED_TERMS = 2;

interface Word {
  term: string;
  raw: string;
  /** Where the word starts and ends in the text. */
  start: number;
  end: number;
  /** Capitalised mid-sentence, all capitals, or a letters-and-digits code ("Q3", "R8"). */
  capitalised: boolean;
  number: boolean;
  /** A stop word or punctuation came right before it: it starts a new run. */
  breakBefore: boolean;
}

/** ISO 4217 currency codes ("USD", "EUR"), from the runtime's Intl data: a unit of money, not a name ("send it in USD" beside "U.S. dollars"). */
let currencyCodes: Set<string> | undefined;
const isCurrencyCode = (raw: string): boolean => /^[A-Z]{3}$/.test(raw) && (currencyCodes ??= new Set(Intl.supportedValuesOf("currency"))).has(raw);

// Months and weekdays are dates, not names: the period check looks at them.
const CALENDAR = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

// The tokenizer's pattern, on text that keeps its case.
const TOKEN = /\d[\d,]*(?:\.\d+)?|[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

const NON_ASCII = /[^\x00-\x7f]/;

// "No. 2", "Number 2" and "#2" after a capitalised word number that name ("Amendment No. 2" is the numbered name "Amendment 2").
const NUMBERING = /(?<=\p{Lu}\p{L}*\s)(?:No\.\s?|Number\s|#)(?=\d)/gu;

/** A word's token as the name index reads it: an ASCII match lower-cases to one match of the same span, its token without a second tokenize. */
const tokenOf = (raw: string): string | undefined => (NON_ASCII.test(raw) ? tokenize(raw)[0] : normalizeToken(raw.toLowerCase()));

/** The content words of a text with their stems, in order, each marked when a stop word or punctuation separates it from the one before. */
function words(written: string): Word[] {
  // Blanked to the same length, so positions still point into the text as written.
  const text = written.replace(NUMBERING, (numbering) => " ".repeat(numbering.length));
  const result: Word[] = [];
  let last = 0;
  let sentenceStart = true;
  let breakNext = true;
  for (const match of text.matchAll(TOKEN)) {
    const gap = text.slice(last, match.index);
    last = match.index + match[0].length;
    if (/[.!?:;]\s|[.!?:;]$|\n\s*\n/.test(gap)) sentenceStart = true;
    if (/[^\s\-/]/.test(gap)) breakNext = true;
    const raw = match[0];
    const token = tokenOf(raw);
    if (token === undefined || STOP_WORDS.has(token)) {
      breakNext = true;
      sentenceStart = sentenceStart && token === undefined;
      continue;
    }
    // "5x10", "8x42": the "x10" of a size written without spaces is a number, as in "5 x 10".
    const number = /^\d/.test(raw) || (gap === "" && /^x\d/i.test(raw) && result.at(-1)?.number === true);
    const capitalised = !number && !CALENDAR.has(token) && !YEAR_TOKEN.test(raw) && !isCurrencyCode(raw) && ((/^\p{Lu}/u.test(raw) && !sentenceStart) || /^\p{Lu}{2,}/u.test(raw) || (/\p{L}/u.test(raw) && /\d/.test(raw)));
    result.push({ term: stem(token), raw, start: match.index, end: match.index + raw.length, capitalised, number, breakBefore: breakNext });
    breakNext = false;
    sentenceStart = false;
  }
  return result;
}

const pairKey = (a: string, b: string) => `${a} ${b}`;

/** Whether the documents write a word right before a number in a name ("Severity 3", "Section 5.3"). */
export function namesWithNumber(index: Pick<NameIndex, "pairs">, word: string, number: string): boolean {
  const [first, second] = [tokenOf(word), tokenOf(number)];
  return first !== undefined && second !== undefined && index.pairs.has(pairKey(stem(first), stem(second)));
}

const QUARTER = /\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)(?:,?\s+of)?\s+(?:fiscal\s+(?:year\s+)?)?((?:19|20)\d\d)\b/gi;

const ORDINAL: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4 };
const NUMBER_UNIT = /\b(\d{1,3})[- ](month|year|week|day)s?\b/gi;
const HYPHENATED_UNIT = /\b(\d{1,3})-(month|year|week|day)\b/gi;

/** The years and quarters a text mentions: "Q3 2026" and "third quarter of 2026" -> "2026-Q3". */
export function periodKeysIn(text: string): { years: string[]; quarters: string[] } {
  const quarters = [...text.matchAll(QUARTER)].map((match) => `${match[3]}-Q${match[1] ?? ORDINAL[match[2]!.toLowerCase()]}`);
  return { years: yearsIn(text), quarters };
}

/**
 * Builds the name index from the chunks' texts; with `document` given, the terms beside a number-unit
 * are those of its whole document (a rate table's row and the prose that says what the table is about
 * often sit in different chunks). Chunks of one document are expected one after another.
 */
export function buildNameIndex(texts: Iterable<string | { text: string; document: string }>): NameIndex {
  const terms = new Set<string>();
  const pairs = new Set<string>();
  const periods = new Set<string>();
  const unitNumbers = new Map<string, Set<number>>();
  const spellings = new Map<string, Map<string, string>>();
  const unitTerms = new Map<string, Set<string> | undefined>();
  const codes = new Map<string, Map<string, string>>();
  // The number-units of the current document and its terms, added to `unitTerms` when the document ends.
  let current: { document: string | undefined; units: Set<string>; terms: Set<string> } = { document: undefined, units: new Set(), terms: new Set() };
  const flush = () => {
    for (const key of current.units) {
      if (unitTerms.has(key) && unitTerms.get(key) === undefined) continue;
      const known = unitTerms.get(key) ?? new Set<string>();
      for (const term of current.terms) known.add(term);
      unitTerms.set(key, known.size > MAX_UNIT_TERMS ? undefined : known);
    }
  };
  for (const entry of texts) {
    const text = typeof entry === "string" ? entry : entry.text;
    const document = typeof entry === "string" ? undefined : entry.document;
    if (document === undefined || document !== current.document) {
      flush();
      current = { document, units: new Set(), terms: new Set() };
    }
    const found = periodKeysIn(text);
    for (const period of [...found.years, ...found.quarters]) periods.add(period);
    const list = words(text);
    for (const match of text.matchAll(NUMBER_UNIT)) {
      const unit = match[2]!.toLowerCase();
      unitNumbers.set(unit, (unitNumbers.get(unit) ?? new Set()).add(Number(match[1])));
      current.units.add(unitKey(Number(match[1]), unit));
    }
    for (const word of list) current.terms.add(word.term);
    for (const code of slashCodes(text, list)) {
      const forTerm = codes.get(code.term) ?? new Map<string, string>();
      if (forTerm.size < MAX_SPELLINGS_PER_TERM && !forTerm.has(code.key)) forTerm.set(code.key, code.written);
      codes.set(code.term, forTerm);
    }
    list.forEach((word, index) => {
      terms.add(word.term);
      const next = list[index + 1];
      if (!next || next.breakBefore) return;
      const nameLike = word.capitalised || next.capitalised;
      if (pairs.size >= MAX_PAIRS && !nameLike && !word.number && !next.number) return;
      const key = pairKey(word.term, next.term);
      pairs.add(key);
      if (nameLike) {
        const forTerm = spellings.get(word.term) ?? new Map<string, string>();
        if (forTerm.size < MAX_SPELLINGS_PER_TERM && !forTerm.has(key)) forTerm.set(key, `${word.raw} ${next.raw}`);
        spellings.set(word.term, forTerm);
      }
    });
  }
  flush();
  return { terms, pairs: PackedStringSet.from(pairs), periods, unitNumbers, spellings, unitTerms, codes };
}

/** Numbers joined by slashes right before a capitalised word ("7/6 ARM", "10/6 ARMs"): a code that names a variant of the thing. */
function slashCodes(text: string, list: Word[]): Array<{ term: string; key: string; written: string }> {
  const found: Array<{ term: string; key: string; written: string }> = [];
  list.forEach((word, index) => {
    const last = list[index - 1];
    if (!word.capitalised || !last?.number || text.slice(last.end, word.start) !== " ") return;
    let first = index - 1;
    while (first > 0 && list[first - 1]!.number && text.slice(list[first - 1]!.end, list[first]!.start) === "/") first -= 1;
    if (index - first < 2) return;
    const numbers = list.slice(first, index);
    found.push({ term: word.term, key: numbers.map((number) => number.raw).join("/"), written: text.slice(numbers[0]!.start, word.end) });
  });
  return found;
}

const unitKey = (value: number, unit: string) => `${value}-${unit}`;

/** A name of the question the documents never use, and the names they use that start the same way. */
export interface MissingName {
  name: string;
  close: string[];
}

/** What a question names that the documents do not have, and names whose words they have but never together. */
export interface NameCheck {
  /** Names, variants ("Ember 15", "48-month") and periods ("Q1 2027") the documents never mention: the question cannot be answered from them. */
  missing: MissingName[];
  /** Runs of known words the documents never use together ("Harbor Send Plus"): a weaker sign. */
  unfamiliar: string[];
}

/** Runs of capitalised words, with the numbers right after them ("Ember 15", "Q1 2027"); a stop word, punctuation, hyphen or possessive ends a run ("Kestrel's Relay" is Kestrel's Relay, not a name "Kestrel Relay"). */
function nameRuns(question: string): Word[][] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  for (const word of words(question)) {
    const continues = run.length > 0 && !word.breakBefore && (word.capitalised || word.number) && !/['’]s$/i.test(run.at(-1)!.raw);
    if (continues) run.push(word);
    else {
      if (run.length > 0) runs.push(run);
      run = word.capitalised ? [word] : [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Checks the names in a question against the corpus: a capitalised name with a word the documents
 * never use (not a place name: questions name places the documents cover by region), a numbered
 * variant the documents do not have while they have others ("Ember 15" beside "Ember 0" and "Ember 20";
 * "48-month" beside "12-month" and "60-month"), and a year or quarter they never mention in the part that asks (`askedText`).
 */
export function checkNames(
  question: string,
  index: NameIndex,
  isPlace: (name: string) => boolean,
  /** The corpus word a misspelt word would be corrected to, if any ("Harbour" -> "harbor"). */
  corrected: (word: string) => string | undefined = () => undefined,
  /** Whether a term is a word of some document's name (a title, a product, a party). */
  namesDocument: (term: string) => boolean = () => false,
): NameCheck {
  const missing: MissingName[] = [];
  const unfamiliar: string[] = [];
  for (const name of nameRuns(question)) {
    const written = question.slice(name[0]!.start, name.at(-1)!.end);
    // Names the documents use that start with the same word and go on with a capitalised one ("Harbor Secured").
    const close = () =>
      [...(index.spellings.get(name[0]!.term)?.values() ?? [])]
        .filter((spelling) => spelling.toLowerCase() !== written.toLowerCase() && /^\S+ \p{Lu}/u.test(spelling))
        .slice(0, 3);
    // A misspelling of a corpus word is not a new name; a correction that changes the first letter is not a misspelling ("Fargo" is not "cargo").
    const typo = (word: Word) => {
      // An acronym ("HSA") is written on purpose: it is a name, not a misspelling of a corpus word.
      if (/^\p{Lu}{2,}$/u.test(word.raw)) return false;
      const fix = corrected(word.raw.toLowerCase());
      return fix !== undefined && fix[0] === word.raw[0]!.toLowerCase();
    };
    const unknownWord = name.find((word) => !index.terms.has(word.term) && !word.number && !typo(word));
    if (unknownWord) {
      if (!(name.length === 1 && isPlace(written.toLowerCase()))) missing.push({ name: written, close: close() });
      continue;
    }
    // A misspelt word is read as its correction in the pairs too ("Secnd Start" is "Second Start").
    const termOf = (word: Word) => {
      if (!typo(word)) return word.term;
      const [token] = tokenize(corrected(word.raw.toLowerCase())!);
      return token === undefined ? word.term : stem(token);
    };
    const unknownPair = name.findIndex((word, position) => position > 0 && !index.pairs.has(pairKey(termOf(name[position - 1]!), termOf(word))));
    if (unknownPair < 0) continue;
    // A word put into a name the documents use ("Harbor Youth Savings" where they write "Harbor Savings", "Harbor Secured Business Visa" beside "Harbor Secured Visa"): another product than theirs.
    const inserted = insertedWord(name, unknownPair, (a, b) => index.pairs.has(pairKey(termOf(a), termOf(b))));
    if (inserted !== undefined) {
      missing.push({ name: written, close: [name.filter((_, position) => position !== inserted).map((word) => word.raw).join(" ")] });
      continue;
    }
    const variant = name[unknownPair]!.number;
    // Two names side by side ("Kestrel NDA": the NDA with Kestrel), each a word of some document's name, are not a new name; a number is a variant.
    const before = name[unknownPair - 1]!;
    if (!variant && !before.number && namesDocument(before.term) && namesDocument(name[unknownPair]!.term)) continue;
    const others = [...(index.spellings.get(name[unknownPair - 1]!.term)?.values() ?? [])].filter((spelling) => /\d/.test(spelling));
    if (variant && others.length > 0) missing.push({ name: written, close: others.slice(0, 3) });
    // A code the documents write with the same beginning but never with this number ("FH-2025-0999" where they have "FH-2025-0417").
    else if (variant && isCodeVariant(question, name, unknownPair, index)) missing.push({ name: written, close: [] });
    // A number after a name the documents never number ("SOW No. 1" where they write "SOW" and "Statement of Work No. 1") says nothing;
    // one that goes on a code of numbers ("FH-2025-0999") is unfamiliar.
    else if (!variant || name[unknownPair - 1]!.number) unfamiliar.push(written);
  }
  const questionWords = words(question);
  // A slash code the documents write before the same name, but not this one ("5/1 ARM" beside "7/6 ARM" and "10/6 ARM").
  for (const code of slashCodes(question, questionWords)) {
    const known = index.codes.get(code.term);
    if (!known || known.has(code.key) || missing.some((name) => name.name.includes(code.written))) continue;
    missing.push({ name: code.written, close: [...known.values()].slice(0, 3) });
  }
  for (const match of question.matchAll(HYPHENATED_UNIT)) {
    const unit = match[2]!.toLowerCase();
    const known = index.unitNumbers.get(unit) ?? new Set<number>();
    const value = Number(match[1]);
    if (known.has(value)) {
      const scoped = missingInScope(question, match, questionWords, index);
      if (scoped) missing.push(scoped);
      continue;
    }
    if (known.size < 2) continue;
    const nearest = [...known].sort((a, b) => Math.abs(a - value) - Math.abs(b - value) || a - b).slice(0, 3).sort((a, b) => a - b);
    missing.push({ name: match[0], close: nearest.map((number) => `${number}-${unit}`) });
  }
  // A period in the asker's story ("I've been a member since 2015, can I ...?") is a given, not what is asked about.
  const asked = periodKeysIn(askedText(question));
  for (const period of [...asked.quarters, ...asked.years.filter((year) => !asked.quarters.some((quarter) => quarter.startsWith(year)))]) {
    if (index.periods.has(period)) continue;
    const [year, quarter] = period.split("-");
    const written = quarter ? `${quarter} ${year}` : year!;
    const close = [...index.periods].filter((known) => (quarter ? known.includes("-Q") : !known.includes("-Q"))).sort().slice(-3).map((known) => known.replace(/^(\d{4})-(Q\d)$/, "$2 $1"));
    missing.push({ name: written, close });
  }
  return { missing, unfamiliar };
}

/**
 * The position of a word of a name run that the documents' name lacks: the unknown pair's second word
 * when the words either side of it make a known pair ("Harbor Youth Savings": "harbor savings"), else
 * its first word when the words either side of that do. Words only (a number is a variant, read
 * elsewhere), each other pair of the run known, and not a known pair the other way round (words of
 * the name in another order).
 */
function insertedWord(name: readonly Word[], unknownPair: number, known: (a: Word, b: Word) => boolean): number | undefined {
  const without = (position: number) => {
    if (position <= 0 || position >= name.length - 1 || name[position]!.number) return false;
    // Words of the name in another order ("Start Second Checking" for "Second Start Checking") are not a word put in.
    if (known(name[position]!, name[position - 1]!) || known(name[position + 1]!, name[position]!)) return false;
    const rest = name.filter((_, other) => other !== position);
    return rest.every((word, at) => at === 0 || known(rest[at - 1]!, word));
  };
  if (without(unknownPair)) return unknownPair;
  if (without(unknownPair - 1)) return unknownPair - 1;
  return undefined;
}

/**
 * Whether the unknown pair of a name ends a code: letters, then numbers, joined by hyphens or slashes
 * with no space ("FH-2025-0999"), whose beginning up to that number the documents use (they write "FH-2025"),
 * and whose last number is not a year ("FY 2018-2019" is a span of years, not a code).
 */
function isCodeVariant(question: string, name: Word[], at: number, index: NameIndex): boolean {
  let first = at;
  while (first > 0 && /^[-/]$/.test(question.slice(name[first - 1]!.end, name[first]!.start))) first -= 1;
  const code = name.slice(first, at + 1);
  if (code.length < 3 || code[0]!.number || !code.slice(1).every((word) => word.number) || /^(?:19|20)\d\d$/.test(name[at]!.raw) || YEAR_TOKEN.test(name[at]!.raw)) return false;
  return code.slice(1, -1).every((word, position) => index.pairs.has(pairKey(code[position]!.term, word.term)));
}

/**
 * A number-unit the documents state, but never beside the thing the question says it qualifies, while
 * they state other numbers beside it: "48-month CD" when 48 months appears only in the loan rate
 * sheet and CDs come in 12 and 24 months. The thing is the content words right after it, up to
 * `QUALIFIED_TERMS`, up to the first one the documents do not know.
 */
function missingInScope(question: string, match: RegExpMatchArray, questionWords: Word[], index: NameIndex): MissingName | undefined {
  const value = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const beside = index.unitTerms.get(unitKey(value, unit));
  if (!beside) return undefined;
  const end = match.index! + match[0].length;
  const after = questionWords.filter((word) => word.start >= end);
  const qualified: Word[] = [];
  for (const word of after) {
    if (qualified.length === QUALIFIED_TERMS || word.number || word.breakBefore || !index.terms.has(word.term)) break;
    // "15-year-old" is one adjective, not a term of some thing.
    if (qualified.length === 0 && !/^\s+$/.test(question.slice(end, word.start))) break;
    qualified.push(word);
  }
  const qualifiedTerms = qualified.map((word) => word.term);
  if (qualifiedTerms.length === 0 || qualifiedTerms.every((term) => beside.has(term))) return undefined;
  // A number-unit stated too widely to say (undefined) is taken to be stated beside the thing too.
  const statedBeside = (other: number) => {
    const key = unitKey(other, unit);
    const terms = index.unitTerms.get(key);
    return index.unitTerms.has(key) && (terms === undefined || qualifiedTerms.every((term) => terms.has(term)));
  };
  const others = [...(index.unitNumbers.get(unit) ?? [])].filter((other) => other !== value && statedBeside(other));
  if (others.length === 0) return undefined;
  const thing = question.slice(qualified[0]!.start, qualified.at(-1)!.end);
  const nearest = others.sort((a, b) => Math.abs(a - value) - Math.abs(b - value) || a - b).slice(0, 3).sort((a, b) => a - b);
  return { name: `${match[0]} ${thing}`, close: nearest.map((number) => `${number}-${unit} ${thing}`) };
}

/**
 * The names a short text such as a title or a file name gives: runs of capitalised words ("10-K -
 * 02/07/2019 - Alder Ridge Pharma" -> "Alder Ridge Pharma"; "Alder_Ridge_Pharma_2018_10K" -> the same).
 */
export function namesIn(text: string): string[] {
  const spaced = ` ${text.replace(/[_]+/g, " ")}`;
  const runs: string[] = [];
  let run: Word[] = [];
  const flush = () => {
    if (run.length > 0) runs.push(spaced.slice(run[0]!.start, run.at(-1)!.end));
    run = [];
  };
  // A title has no sentences: every capitalised word counts, not only those inside a sentence.
  for (const word of words(`x ${spaced}`).slice(1)) {
    const capitalised = /^\p{Lu}/u.test(word.raw) && !word.number;
    if (capitalised && (run.length === 0 || !word.breakBefore)) run.push({ ...word, start: word.start - 2, end: word.end - 2 });
    else {
      flush();
      if (capitalised) run.push({ ...word, start: word.start - 2, end: word.end - 2 });
    }
  }
  flush();
  return runs;
}
