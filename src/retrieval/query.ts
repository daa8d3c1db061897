import type { ScoringSettings } from "../config/scoring.js";
import { contentTerms } from "../text/tokenize.js";
import type { CorpusVocabulary } from "./corpus-vocabulary.js";
import { asksForOlderVersion, findDates, missingEarlierVersion, type QuestionDates } from "./document-versions.js";
import { type Entity, findEntities, writtenAsCommonNoun, writtenWords } from "./entities.js";
import { missingAttribute } from "./asked-attribute.js";
import { checkNames, type NameCheck, namesWithNumber } from "./names.js";
import { type Correction, correctTypos, correctionOf } from "./typo-correction.js";
import { isEnglishWord, placeNames } from "../text/wordnet.js";
import { withoutBareModifiers } from "../text/asked-action.js";

export type { Correction };

/**
 * A question as every later stage reads it, worked out once at the start: typo-corrected text, its
 * content terms, the documents it names, and the dates it mentions.
 */
export interface Query {
  /** The (standalone) question as asked. */
  question: string;
  /** What retrieval and answering read: the question without sentences addressed to the assistant, words the corpus never uses corrected to its nearest word, a procedure's object without its bare adjectives (`withoutBareModifiers`). */
  text: string;
  /** The words of the question read as another word: a misspelling corrected ("garantee" -> "guarantee"), a clipped word completed ("max" -> "maximum"). */
  corrections: Correction[];
  /** Content terms of `text` (stop words dropped, stemmed), in order. */
  terms: string[];
  /** Documents whose name (product, title, type, a name in the title or file name) the question contains. */
  namedDocIds: Set<string>;
  /** Of those, the documents the question names by their title: in full, by a name in it or the file name, or by its initials ("the MSA"), not by a product or type they are about. */
  titledDocIds: Set<string>;
  /** Terms that say which document is meant rather than what is asked of it: the names found and the years ("fy2018" included). */
  documentTerms: Set<string>;
  /** Documents about a year the question names (from their title, file name or dates). */
  periodDocIds: Set<string>;
  dates: QuestionDates;
  /** The question asks about an earlier version ("previous", "prior", ...). */
  asksForOlder: boolean;
  /** Names, variants and periods of the question that the documents never mention (checked before typo correction, which would bend a new name into a known word). */
  names: NameCheck;
}

// A sentence that tells the assistant how to behave rather than asking about the documents.
const INSTRUCTION =
  /^(?:you are\b|you're\b|act as\b|acting as\b|pretend\b|imagine you\b|as an? [\w -]{2,40},\s*(?:answer|tell|explain)|(?:please\s+)?(?:answer|respond|reply|use|be|keep|give|format|think|do not|don't|only use|cite|write)\b[^?]*(?:question|answer|document|source|context|concise|brief|step|format|words|bullet|json|markdown)\b[^?]*[.:!]?$)/i;

/** The question without sentences addressed to the assistant ("You are an investment banker. Answer the following ..."); unchanged when nothing else is left. */
export function withoutInstructions(question: string): string {
  const sentences = question.split(/(?<=[.!?:])\s+/).map((sentence) => sentence.trim()).filter(Boolean);
  const kept = sentences.filter((sentence) => !INSTRUCTION.test(sentence));
  return kept.length > 0 && kept.length < sentences.length ? kept.join(" ") : question;
}

/** The kinds of names that name a document by its title rather than by what it is about. */
const TITLE_KINDS = new Set<Entity["kind"]>(["title", "name", "initials"]);

/** Builds the query object of a question. */
export function prepareQuery(
  question: string,
  vocabulary: CorpusVocabulary,
  options: { typoCorrection: boolean; typos: ScoringSettings["typos"]; clipped?: ScoringSettings["clipped"] },
): Query {
  const asked = withoutInstructions(question);
  const typed = options.typoCorrection
    ? correctTypos(asked, vocabulary.typos, options.typos, options.clipped, (word, number) => namesWithNumber(vocabulary.names, word, number))
    : { text: asked, corrections: [] };
  // Words as asked too: a correction may lower-case a name written in capitals ("SLAs" -> "sla").
  // A name from a title's capitals that the asker writes as the common noun it is ("a sleeping bag") names no document.
  const named = findEntities(contentTerms(typed.text), vocabulary.entities, new Set([...writtenWords(asked), ...writtenWords(typed.text)])).filter(
    (entity) => !writtenAsCommonNoun(entity, typed.text, isEnglishWord),
  );
  // "How do I order new checks?" is read as "How do I order checks?": the passage saying how names the thing, not its every quality (the names it names stay).
  const nameTerms = new Set(named.flatMap((entity) => entity.terms));
  const corrected = { ...typed, text: withoutBareModifiers(typed.text, (word) => contentTerms(word).some((term) => nameTerms.has(term))) };
  const terms = contentTerms(corrected.text);
  const dates = findDates(corrected.text);
  const namedTerms = documentTerms(terms, named, dates);
  // The names check reads a word as the question's correction chose it (with context), else as corrected alone.
  const chosen = new Map(corrected.corrections.map(({ from, to }) => [from.toLowerCase(), to]));
  const correction = (word: string) => chosen.get(word.toLowerCase()) ?? correctionOf(word, vocabulary.typos, options.typos);
  const names = checkNames(asked, vocabulary.names, (name) => placeNames().has(name), correction, (term) => vocabulary.entityTerms.has(term));
  // A question that names a document and asks it for something none of the named documents carries.
  const attribute = names.missing.length > 0 ? undefined : missingAttribute({ text: corrected.text, terms, named, documentTerms: namedTerms }, vocabulary.profiles, (term) => vocabulary.names.terms.has(term), (docId) => vocabulary.records.has(docId));
  const namedDocIds = new Set(named.flatMap((entity) => [...entity.docIds]));
  const titledDocIds = new Set(named.filter((entity) => TITLE_KINDS.has(entity.kind)).flatMap((entity) => [...entity.docIds]));
  // A question about the time before the earliest version of a document the corpus keeps versions of.
  const earlier = names.missing.length > 0 || attribute ? undefined : missingEarlierVersion(corrected.text, namedDocIds, vocabulary.versions);
  const missing = attribute ?? earlier;
  return {
    question,
    text: corrected.text,
    corrections: corrected.corrections,
    terms,
    namedDocIds,
    titledDocIds,
    documentTerms: namedTerms,
    periodDocIds: docsForYears(dates.years, vocabulary.years),
    dates,
    asksForOlder: asksForOlderVersion(corrected.text),
    names: missing ? { ...names, missing: [missing] } : names,
  };
}

/** A query with no corpus knowledge (no typo correction, no named documents): for answering given chunks directly, and for tests. */
export function plainQuery(question: string): Query {
  return {
    question,
    text: question,
    corrections: [],
    terms: contentTerms(question),
    namedDocIds: new Set(),
    titledDocIds: new Set(),
    documentTerms: new Set(),
    periodDocIds: new Set(),
    dates: findDates(question),
    asksForOlder: asksForOlderVersion(question),
    names: { missing: [], unfamiliar: [] },
  };
}

/** The question's terms that name a document (an entity's words) or a period (a term holding a year the question names). */
export function documentTerms(terms: readonly string[], named: readonly Entity[], dates: QuestionDates): Set<string> {
  const found = new Set(named.flatMap((entity) => entity.terms));
  for (const term of terms) if ([...dates.years].some((year) => term.includes(year))) found.add(term);
  return found;
}

/** The documents about any of the years. */
function docsForYears(years: Set<string>, byDocument: Map<string, Set<string>>): Set<string> {
  const found = new Set<string>();
  if (years.size === 0) return found;
  for (const [docId, documentYears] of byDocument) if ([...years].some((year) => documentYears.has(year))) found.add(docId);
  return found;
}
