import type { ScoringSettings, SupportModel } from "../config/scoring.js";
import { askedText, askedWithoutCondition } from "../text/asked-text.js";
import { LruCache } from "../text/lru-cache.js";
import { questionParts } from "../text/question-parts.js";
import { contentTerms } from "../text/tokenize.js";
import { findValues, type ValueKind } from "../text/values.js";
import { askedKinds } from "./asked-attribute.js";
import { findDates, MONTHS } from "./document-versions.js";
import type { Query } from "./query.js";
import type { ChunkFeatures } from "./rerank.js";

/** What the support score is computed from; `npm run calibrate` fits the model on these. */
export interface SupportSignals {
  /**
   * Lexical support, 0..1: 1 when one of the top chunks, of the documents the question names if it
   * names any, contains every content term of the question (`coversQuestion`); otherwise the backend's lexical support
   * among chunks the filters allow (embedded: the best BM25 score per matched question term, squashed
   * by x / (x + 30); PostgreSQL: see `pg-lexical-support.ts`).
   */
  lexical: number;
  /** The question names known words the documents never use together ("Harbor Send Plus"). */
  unfamiliar: boolean;
  /** The question names something the documents never mention ("Ember 15", "Q1 2027", "48-month CD"). */
  missing: boolean;
  /** Years the question asks about that none of the top chunks mentions, in its text, headings or its document's title or dates ("How many branches will open in 2027?"). */
  unseenYears: string[];
  /**
   * For a question whose form asks for a kind of value ("how much", "how many", "how long", "when",
   * "what rate"): the share of its terms (but the form terms and givens) missing from the best sentence
   * of the top chunks (of the named documents) that states a value of that kind, with its headings;
   * 1 when no such sentence, 0 for a question that asks for no kind of value (`valueGap`).
   */
  valueGap: number;
  /**
   * Lexical support of the best passage, 0..1: the largest idf-weighted share of the question's terms
   * (but the form terms and givens) that one sentence, list item or table row of the top chunks
   * holds, a term only in its chunk's headings counting part (`passageShare`). A question about
   * another organisation's products shares a word here and there with many chunks (enough for the
   * chunk-level lexical support) but rarely most of itself with one sentence.
   */
  passage: number;
  /**
   * How far `passage` falls short of `support.passageFloor` (a fifth of the question), 0..1: 0 at or above
   * it, 1 when no passage holds any of the question. What the model weighs: a near miss holds as much
   * of the question in one passage as an answer does, so above the floor the share says nothing.
   */
  shortPassage: number;
}

/** How far a best passage's share falls short of the floor, 0..1 (`SupportSignals.shortPassage`). */
export function shortPassage(passage: number, floor: number): number {
  return floor <= 0 ? 0 : Math.max(0, 1 - passage / floor);
}

/** A top chunk as the support check reads it. */
export interface SupportChunk {
  docId: string;
  features: ChunkFeatures;
  /** The years its document is about (title, file name, date metadata). */
  documentYears?: ReadonlySet<string>;
  /** Its text, for reading which sentence states a value (`valueGap`); without it the chunk states none. */
  text?: string;
}

// A date the question gives ("delivered November 20, 2026", "on 2026-03-01") rather than a period it asks about.
const GIVEN_DATE = new RegExp(`\\b(?:(?:${MONTHS.join("|")})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d\\d|(?:19|20)\\d\\d-\\d\\d-\\d\\d)\\b`, "gi");

/**
 * The years a question asks about ("in 2027", "during 2025", "FY2019", "March 2025"), read in the part
 * that asks (`askedText`): a year in the asker's story is a given ("I opened the account in 2019. Can
 * I ...?", "I've been a member since 2015, can I ...?"), and so is the year of a full date ("delivered
 * November 20, 2026").
 */
export function askedYears(question: string): string[] {
  return [...findDates(askedText(question).replace(GIVEN_DATE, " ")).years];
}

// A span of years the question asks a change over ("from 2018 to 2019", "between fiscal 2018 and 2019").
const YEAR_SPAN = /\b(?:from|between)\s+(?:fiscal\s+|fy\s?)?((?:19|20)\d\d)\s+(?:to|and|through)\s+(?:fiscal\s+|fy\s?)?((?:19|20)\d\d)\b/gi;

/**
 * The asked years the top chunks must mention: a span's first year is not among them when its last is
 * mentioned ("Why was there an increase in accrued revenue from 2018 to 2019?" is answered by the
 * passage on the change during 2019, which need not name 2018); separate years are each asked ("in 2027
 * and in 2025").
 */
export function unseenAskedYears(question: string, mentioned: (year: string) => boolean): string[] {
  const spanStarts = new Map([...askedText(question).matchAll(YEAR_SPAN)].map((match) => [match[1]!, match[2]!]));
  return askedYears(question).filter((year) => !mentioned(year) && !(spanStarts.has(year) && mentioned(spanStarts.get(year)!)));
}

/** Whether a top chunk mentions a year: in its words, its numbers ("FY2019"), its headings or its document's years. */
const mentionsYear = (chunk: SupportChunk, year: string) =>
  chunk.features.body.has(year) || chunk.features.numbers.has(year) || chunk.features.heading.has(year) || (chunk.documentYears?.has(year) ?? false);

// "How long", "how soon", "how big"...: the word after "how" says what kind of value is asked; the answer states the value, not the word.
const HOW_FORM = /\bhow\s+(long|soon|often|old|fast|far|big|large|high|low|late|early|quickly|much|many)\b/gi;

// "Is that allowed?", "Are we okay to ...", "Am I permitted to ...": a yes-no question whether something may be done; the rule answering it says "may", "must not", "is prohibited", not the asker's word.
// The verb opens the sentence (after "when", "where" or "why" at most): "How many seats are allowed?" asks about the word.
const PERMISSION_FORM = /(?:^|[.!?]\s+)(?:(?:when|where|why)\s+)?(?:is|are|am|was|were|would it be|will it be)\s+(?:[\w']+\s+){0,2}?(allowed|permitted|okay|ok|acceptable)\b/gi;

// "What does NEO stand for?", "What does TWDV mean?", "What is the definition of deferred revenue?", "What is meant by X?": the passage defines the thing ("X is ...", "X refers to ..."), not the asker's word.
const DEFINITION_FORM = /\bwhat\s+(?:does|do|did)\s+.{1,60}?\s+(stand\s+for|mean|represent)\s*\?|\bwhat\s+is\s+(?:the\s+)?(definition)\s+of\b|\bwhat\s+is\s+(meant)\s+by\b/gi;
// "In what situations can the tax rate fluctuate?", "What are the conditions for a repurchase?": the passage states the case ("... may ... when ...", "if ..."), not the asker's word for it.
const CONDITION_FORM = /\bin\s+what\s+(situations|circumstances|cases)\b|\bwhat\s+are\s+the\s+(conditions)\s+(?:for|under|of)\b/gi;
// "What does X consist of?", "What did Y mainly comprise?", "What does Z include?": the passage lists the parts ("X includes ...", "X is made up of ..."), in its own verb.
const COMPOSITION_FORM =
  /\bwhat\s+(?:does|do|did)\s+.{1,80}?\s+(?:(?:primarily|mainly|principally|only)\s+)?(consist|comprise|include)(?:d|s)?(?:\s+(?:primarily|mainly|principally))?(?:\s+of)?\s*\?|\bwhat\s+(?:is|are|was|were)\s+.{1,80}?\s+(?:(?:primarily|mainly|principally)\s+)?(comprised|made\s+up)\s+of\s*\?/gi;

// "What was the FY2017 capital expenditure amount for X?", "What is the amount of the late fee?", "What was the figure for 2025?": the passage states the value ("$493.8 million"), not the word for it.
const AMOUNT_FORM = /\b(amount|figure)(?:\s+(?:of|for|in|on|at|paid|charged|reported)\b|\s*\?)/gi;

/**
 * The terms of a question that only say what kind of answer it asks for: the word after "how" ("long"
 * in "how long"), the word asking whether something may be done ("allowed" in "Is that allowed?"),
 * the words asking for a definition ("stand for", "mean", "represent", "definition"), for the parts of
 * something ("consist of", "comprise", "include" closing a "What does X ...?" question) or for the
 * cases something happens in ("in what situations", "what are the conditions for"), or the word for
 * the value itself ("the capital expenditure amount for", "the figure for 2025"). A passage
 * answering it need not hold them.
 */
export function formTerms(question: string): Set<string> {
  const forms = [...question.matchAll(HOW_FORM), ...question.matchAll(PERMISSION_FORM), ...question.matchAll(DEFINITION_FORM), ...question.matchAll(COMPOSITION_FORM), ...question.matchAll(CONDITION_FORM), ...question.matchAll(AMOUNT_FORM)];
  return new Set(forms.flatMap((match) => match.slice(1).flatMap((group) => (group ? contentTerms(group) : []))));
}

/**
 * The terms of the values a question states ("$1,800", "600 points", "3 p.m. on a Tuesday", "October
 * 20, 2026"): givens of the asker's case, which the passage stating the rule need not repeat. A
 * numbered name the documents lack ("Ember 15") and a year they never mention are the names and year
 * checks' to catch.
 */
export function givenTerms(question: string): Set<string> {
  return new Set(findValues(question).flatMap((value) => contentTerms(value.text)));
}

/**
 * Whether a top chunk holds every content term of the question, in its text or headings, but the form
 * terms (`formTerms`) and the givens (`givenTerms`). A question that tells the asker's story first ("I
 * packed my tent away wet and it went moldy. Will the warranty cover that?") is covered when the chunk
 * holds every term of the part that asks (`askedWithoutCondition`, at least one) and `storyShare` of the
 * story's (half): the story is the asker's case, told in the asker's words, which the rule need not
 * repeat. A part whose only words are form terms ("One of our agents pasted a card number into a
 * ticket. Is that allowed?") asks whether the story may be done, and the story's share decides; a part
 * with no content words at all ("What should I do?") names nothing to look for. A leading condition
 * ("If nobody terminates it early, when does the NDA expire?") is story too.
 */
export function coversQuestion(query: Pick<Query, "text" | "terms">, chunk: SupportChunk, storyShare: number): boolean {
  return questionCover(query, storyShare)(chunk);
}

/** The terms a passage answering the question need not hold: the form terms and the givens. */
const skippedTerms = (text: string) => new Set([...formTerms(text), ...givenTerms(text)]);

/** Fewest own terms of a part that says what it asks about. */
const MIN_PART_TERMS = 2;

/** Whether a chunk holds a term in its text or headings. */
const holdsTerm = (chunk: SupportChunk, term: string) => chunk.features.body.has(term) || chunk.features.heading.has(term);

/** `coversQuestion` for one question, read once (form terms, givens, the part that asks), then asked of each chunk. */
function questionCover(query: Pick<Query, "text" | "terms">, storyShare: number): (chunk: SupportChunk) => boolean {
  const skipped = skippedTerms(query.text);
  const asked = askedWithoutCondition(query.text);
  const askedAll = contentTerms(asked);
  const askedTerms = asked === query.text ? undefined : new Set(askedAll.filter((term) => !skipped.has(term)));
  // "Is that allowed?" asks a form question (`formTerms`) about the story; "What should I do?" asks for nothing the chunk could hold.
  const asksFormOnly = askedTerms?.size === 0 && askedAll.length > 0;
  const story = askedTerms ? [...new Set(query.terms)].filter((term) => !askedTerms.has(term) && !skipped.has(term)) : [];
  return (chunk) => {
    const holds = (term: string) => skipped.has(term) || holdsTerm(chunk, term);
    if (query.terms.every(holds)) return true;
    if (!askedTerms || (askedTerms.size === 0 && !asksFormOnly) || ![...askedTerms].every(holds)) return false;
    return story.filter(holds).length >= story.length * storyShare;
  };
}

/**
 * Whether the chunks answer a question that asks several things ("Who signed the MSA for each side,
 * and who signed the NDA for Fernhollow?", "How long are backups kept, and how often are snapshots
 * taken?") part by part: each part (`questionParts` of the part that asks) of two or more terms of
 * its own (but the form terms and givens) has a chunk holding them all, a part of fewer terms is held
 * by one of those chunks (it points back: "and since when?"), and each of those chunks holds
 * `storyShare` of the question's other terms (its story, its leading condition). Parts that all point
 * back ("Can you fix that, and what's it run?") name nothing to look for: not covered this way. One
 * chunk rarely states two rules; a question asking two things is answered by two passages.
 */
export function coversParts(query: Pick<Query, "text" | "terms">, chunks: readonly SupportChunk[], storyShare: number): boolean {
  const parts = questionParts(askedWithoutCondition(query.text));
  if (parts.length < 2) return false;
  const skipped = skippedTerms(query.text);
  const owns = parts.map((part) => part.own.filter((term) => !skipped.has(term)));
  const holdsAll = (chunk: SupportChunk, terms: string[]) => terms.every((term) => holdsTerm(chunk, term));
  // A part of fewer words than this points back at another part ("and since when?", "what's it run?"): it is answered where that part is.
  const named = owns.filter((own) => own.length >= MIN_PART_TERMS);
  if (named.length === 0) return false;
  const covering = new Set<SupportChunk>();
  for (const own of named) {
    const chunk = chunks.find((candidate) => holdsAll(candidate, own));
    if (!chunk) return false;
    covering.add(chunk);
  }
  if (!owns.every((own) => own.length >= MIN_PART_TERMS || [...covering].some((chunk) => holdsAll(chunk, own)))) return false;
  const partTerms = new Set(parts.flatMap((part) => part.own));
  const rest = [...new Set(query.terms)].filter((term) => !partTerms.has(term) && !skipped.has(term));
  return [...covering].every((chunk) => rest.filter((term) => holdsTerm(chunk, term)).length >= rest.length * storyShare);
}

/** A sentence, list item or table row of a chunk: ends at ". ", "? ", "! " or a line break. */
const SENTENCE_END = /(?<=[.!?])\s+|\n+/;

/** A chunk's sentences, list items and table rows, each with its content terms. */
interface ChunkSentence {
  text: string;
  terms: ReadonlySet<string>;
}

/** Sentences of the chunks read most recently: the same top chunks come back question after question, and splitting and stemming them is most of the support check's work. */
const sentenceCache = new LruCache<string, ChunkSentence[]>(2_000);

/** The sentences of a chunk's text with their content terms (cached by text). */
function sentencesOf(text: string | undefined): ChunkSentence[] {
  if (!text) return [{ text: "", terms: new Set() }];
  let sentences = sentenceCache.get(text);
  if (!sentences) {
    sentences = text.split(SENTENCE_END).map((sentence) => ({ text: sentence, terms: new Set(contentTerms(sentence)) }));
    sentenceCache.set(text, sentences);
  }
  return sentences;
}

/** How well the chunks hold the terms of one part of a question that asks for a kind of value: the best share held by a sentence stating a value of that kind, by any sentence, by a whole chunk (headings count in each). */
export interface ValueShares {
  value: number;
  sentence: number;
  chunk: number;
}

/**
 * The kinds of value a question (or one part of it) asks for, given its text and terms. The default
 * reads the question's form alone (`askedKinds`: "how much", "how many", "when"...); the service
 * passes the answer type's, which also reads the kind the corpus states near the asked words ("uptime"
 * beside percentages), so the support check and the answer agree on what is asked.
 */
export type AskedKindsOf = (question: string, terms: readonly string[]) => Iterable<ValueKind>;

const formKinds: AskedKindsOf = (question) => askedKinds(question);

/** `ValueShares` of each part of the question (`questionParts` of the part that asks) that asks for a kind of value (`kindsOf`). */
export function valueShares(query: Pick<Query, "text" | "terms">, chunks: readonly SupportChunk[], kindsOf: AskedKindsOf = formKinds): ValueShares[] {
  const skipped = skippedTerms(query.text);
  const shares: ValueShares[] = [];
  for (const part of questionParts(askedWithoutCondition(query.text))) {
    const kinds = new Set(kindsOf(part.text.split(/(?<=[.!?])\s+/).at(-1) ?? part.text, part.own));
    const terms = [...new Set(part.own)].filter((term) => !skipped.has(term));
    if (kinds.size === 0 || terms.length === 0) continue;
    const share = (holds: (term: string) => boolean) => terms.filter(holds).length / terms.length;
    const best: ValueShares = { value: 0, sentence: 0, chunk: 0 };
    for (const chunk of chunks) {
      best.chunk = Math.max(best.chunk, share((term) => holdsTerm(chunk, term)));
      for (const sentence of sentencesOf(chunk.text)) {
        const held = share((term) => sentence.terms.has(term) || chunk.features.heading.has(term));
        best.sentence = Math.max(best.sentence, held);
        if (held > best.value && findValues(sentence.text).some((value) => kinds.has(value.kind))) best.value = held;
      }
    }
    shares.push(best);
  }
  return shares;
}

/**
 * How far the value a question asks for is from the thing it asks about, 0..1 (`SupportSignals.valueGap`):
 * a question that asks for a kind of value (`askedKinds`: "How much extra does Relay Assist cost per
 * agent?" asks for an amount) is answered by a sentence stating a value of that kind about the thing
 * asked, so that sentence (with its chunk's headings) holds the words of the question the chunks hold.
 * The gap is, for the part of the question asking for the value, the share of its terms (but the form
 * terms and givens) that the best sentence stating a value of the asked kind lacks (the best part when
 * several ask: a two-part question whose other part is answered in words is not penalised for it):
 * 0 when one holds them all, 1 when no sentence states a value of that kind ("How many employees does
 * Fernhollow have?" over a definition that states no number). 0 for a question that asks for no kind
 * of value. Measured, not yet weighed: the default model gives it weight 0 (docs/EVALUATION.md).
 */
export function valueGap(query: Pick<Query, "text" | "terms">, chunks: readonly SupportChunk[], kindsOf: AskedKindsOf = formKinds): number {
  const gaps = valueShares(query, chunks, kindsOf).map((shares) => 1 - shares.value);
  return gaps.length === 0 ? 0 : Math.min(...gaps);
}

/**
 * The best passage's share of the question (`SupportSignals.passage`): over the sentences, list items
 * and table rows of the chunks, the largest share of the question's distinct terms (but the form terms
 * and givens), each weighted by `weight` (idf), that the passage holds; a term only in its chunk's
 * headings counts `headingShare` of its weight. 0 when the question has no such term or no chunk has text.
 */
export function passageShare(query: Pick<Query, "text" | "terms">, chunks: readonly SupportChunk[], weight: (term: string) => number, headingShare: number): number {
  const skipped = skippedTerms(query.text);
  const terms = [...new Set(query.terms)].filter((term) => !skipped.has(term));
  const weights = terms.map(weight);
  const total = weights.reduce((sum, value) => sum + value, 0);
  if (total === 0) return 0;
  let best = 0;
  for (const chunk of chunks) {
    for (const sentence of sentencesOf(chunk.text)) {
      let held = 0;
      terms.forEach((term, index) => {
        if (sentence.terms.has(term)) held += weights[index]!;
        else if (chunk.features.heading.has(term)) held += weights[index]! * headingShare;
      });
      best = Math.max(best, held / total);
    }
  }
  return best;
}

/** Whether the checks refuse a question whatever the model: a name the documents never mention, or a year the evidence found never mentions. */
export function refusedByChecks(signals: Pick<SupportSignals, "missing" | "unseenYears">): boolean {
  return signals.missing || signals.unseenYears.length > 0;
}

/**
 * The support signals of a question. When the question names documents (a product, a contract, a
 * company's report), a top chunk of another document holding all its words does not count: a clause
 * found only in another contract does not answer a question about this one.
 */
export async function supportSignals(
  query: Pick<Query, "text" | "terms" | "namedDocIds" | "names">,
  chunks: readonly SupportChunk[],
  lexicalSupport: () => Promise<number>,
  settings: Pick<ScoringSettings["support"], "storyShare" | "fullCoverageDepth" | "passageHeadingShare" | "passageFloor">,
  kindsOf: AskedKindsOf = formKinds,
  /** A term's weight in the passage signal (idf); without it every term weighs the same. */
  weight: (term: string) => number = () => 1,
): Promise<SupportSignals> {
  // The coverage and value checks read the first chunks; the passage signal reads every chunk given (what the answerer reads).
  const passage = passageShare(query, chunks, weight, settings.passageHeadingShare);
  const short = shortPassage(passage, settings.passageFloor);
  const topChunks = chunks.slice(0, settings.fullCoverageDepth);
  const distinct = [...new Set(query.terms)];
  const unfamiliar = query.names.unfamiliar.length > 0;
  const missing = query.names.missing.length > 0;
  // A question about a year is not answered by passages that never mention it: they are about another time.
  const unseenYears = topChunks.length === 0 ? [] : unseenAskedYears(query.text, (year) => topChunks.some((chunk) => mentionsYear(chunk, year)));
  if (distinct.length === 0) return { lexical: 0, unfamiliar, missing, unseenYears, valueGap: 0, passage, shortPassage: short };
  const inScope = (chunk: SupportChunk) => query.namedDocIds.size === 0 || query.namedDocIds.has(chunk.docId);
  const covers = questionCover(query, settings.storyShare);
  const scoped = topChunks.filter(inScope);
  const covered = scoped.some(covers) || coversParts(query, scoped, settings.storyShare);
  // No top chunk of the named documents: the value is looked for in what was found.
  const valueScope = scoped.length > 0 ? scoped : topChunks;
  return { lexical: covered ? 1 : await lexicalSupport(), unfamiliar, missing, unseenYears, valueGap: valueGap(query, valueScope, kindsOf), passage, shortPassage: short };
}

/**
 * The support score, 0..1, on a calibrated, probability-like scale: 0 when the question names
 * something the documents never mention or asks about a year the top chunks never mention, else the
 * logistic model of the signals. The refusal
 * threshold (corpus.json "answer.minEvidence") is picked on this scale by `npm run calibrate`.
 */
export function supportScore(signals: SupportSignals, model: SupportModel): number {
  if (refusedByChecks(signals)) return 0;
  const logit =
    model.intercept + model.lexical * signals.lexical + model.unfamiliar * (signals.unfamiliar ? 1 : 0) + (model.valueGap ?? 0) * signals.valueGap + (model.shortPassage ?? 0) * signals.shortPassage;
  return 1 / (1 + Math.exp(-logit));
}
