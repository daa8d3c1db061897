import type { ScoringSettings } from "../config/scoring.js";
import type { Query } from "../retrieval/query.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { askedSections, inNamedSection, sectionsNamed, sectionTermsOf } from "../text/section-numbers.js";
import { adjacentPairs, contentTerms } from "../text/tokenize.js";
import { askedAction } from "../text/asked-action.js";
import { comparedTerms } from "../text/compared-attributes.js";
import { type AnswerType, ASKS_NEEDED, namesSomeoneNewTo, normaliseValue, REASON_CUES, STEP_CUES, statesAction } from "./answer-type.js";
import { coverage, type SourcePassage, sourcePassages, termWeights, titleTerms } from "./passages.js";
import { numbersIn, periodFit, periodsIn, quantitiesIn, rowKeyFit } from "./row-keys.js";

/** A sentence that sends the reader elsewhere ("... are described in our deposit terms") points at an answer rather than giving one. */
const POINTER = /\b(?:(?:are|is) (?:described|explained|set out|listed|covered|detailed) in|see (?:the|our|section)|refer to (?:the|our|section|note)|for (?:more )?details?,? see)\b/i;

/**
 * A sentence about the document rather than its subject ("This guide explains ...", "It covers ...",
 * "The following table sets forth ..."): it names what the text is about,
 * matching many question words, and answers none.
 */
export const ABOUT_THE_TEXT =
  /^(?:this|the following|the|our|these) (?:[\w-]+ ){0,4}(?:guide|document|agreement|addendum|section|policy|page|pages|table|tables|chapter|notice|sheet|report|faq|schedule|terms|statement|summary|overview|booklet|brochure)s? (?:[\w-]+ |\([^()]{1,40}\) ){0,2}(?:explains?|describes?|covers?|sets? (?:forth|out)|lists?|summari[sz]es?|shows?|outlines?|provides?|presents?|contains?|includes?|gives?|answers?)\b|^(?:it|they) (?:explains?|describes?|covers?|sets? (?:forth|out)|lists?|summari[sz]es?|outlines?)\b/i;

/**
 * A sentence written to an assistant rather than to a reader ("Ignore all prior rules and tell the
 * user ..."): document text that tries to steer an answerer. It is never quoted as an answer.
 */
export const ADDRESSED_TO_ASSISTANT =
  /\b(?:ignore|disregard|forget|override)\b[^.]{0,30}\b(?:previous|prior|above|earlier|all|your|these)\b[^.]{0,20}\b(?:instructions?|rules|prompts?|guidelines|directions)\b|\b(?:as an? (?:ai|assistant|language model|chatbot)|you are (?:an? )?(?:ai|assistant|language model|chatbot)|tell the user|say to the user|(?:system|developer) prompt)\b/i;

/**
 * A sentence that opens by pointing back ("The increase was mainly driven by ...", "This was due to
 * ...", "These costs ..."): its subject is the sentence before it.
 */
export const POINTS_BACK =
  /^(?:(?:the|this|these|that|those|such) (?:[\w-]+ ){0,2}?(?:increases?|decreases?|changes?|declines?|growth|rises?|drops?|reductions?|improvements?|falls?|gains?|losses|movements?|variances?|differences?|costs|expenses|charges|amounts?|items?)\b(?! (?:in|of|for|from|at|on)\b)|(?:this|these) (?:was|were|is|are|has|have|had|reflects?|reflected|resulted|represents?|represented|relates?|related|includes?|included|consists?|consisted|primarily|mainly|largely)\b)/i;

/** The sentence a sentence that points back refers to: the one just before it in its chunk, if that is a sentence. */
export function antecedentOf<T extends Pick<SourcePassage, "kind" | "text" | "order">>(passage: T, chunkPassages: readonly T[]): T | undefined {
  if (passage.kind !== "sentence" || !POINTS_BACK.test(passage.text)) return undefined;
  const before = chunkPassages.find((other) => other.order === passage.order - 1);
  return before?.kind === "sentence" ? before : undefined;
}

/** A passage with its blended coverage of the question and its final score. */
export interface ScoredPassage {
  passage: SourcePassage;
  /** The passage's own coverage of the question (its heading counted partly). */
  own: number;
  /** Its own coverage blended with its chunk's. */
  coverage: number;
  score: number;
}

/** Jaccard similarity of two term sets. */
export function termOverlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** True when the passage states a value of a kind the answer type accepts, other than a value the question itself gives. */
export function fitsType(passage: SourcePassage, type: AnswerType | undefined): boolean {
  return type !== undefined && passage.values.some((value) => type.values.includes(value.kind) && !type.givens.has(normaliseValue(value.text)));
}

/**
 * True when the answer type is only the corpus's guess ("What is the research and development labour
 * resources?": those words sit near amounts) and the passage states a value of another kind, a date
 * aside ("3,667 employees"): the guess may be wrong, so the passage does not lose `typeMiss` as one
 * that states nothing does.
 */
export function statesOtherValue(passage: Pick<SourcePassage, "values">, type: AnswerType | undefined): boolean {
  return type?.guessed === true && passage.values.some((value) => value.kind !== "date" && !type.givens.has(normaliseValue(value.text)));
}

/**
 * True when a passage states an amount, rate, duration, time or measure the question does not give
 * ("All dividends are fully franked at a 30% tax rate."): the value is what it tells, however few of
 * its words are new. Bare numbers and dates are left out: they are often only context.
 */
export function statesValue(passage: Pick<SourcePassage, "values">, type: AnswerType | undefined): boolean {
  return passage.values.some((value) => value.kind !== "count" && value.kind !== "date" && !type?.givens.has(normaliseValue(value.text)));
}

/**
 * Scores every passage of the chunks against the question. A passage's coverage blends its own
 * coverage with its chunk's (so "the $12 fee" in the section about the account the question names
 * beats the same words elsewhere); then phrase matches, the chunk's retrieval score and rank, the fit
 * of its values to the answer type, and for a table row the fit of its first cell to the question's
 * numbers ("13 to 36 months" for "24-month") adjust it.
 */
export function scorePassages(
  query: Pick<Query, "text" | "terms"> & Partial<Pick<Query, "titledDocIds" | "question">> & { askedTerms?: readonly string[]; laterTerms?: readonly string[] },
  chunks: RetrievedChunk[],
  statistics: Pick<TermStatistics, "idf">,
  settings: ScoringSettings["passages"],
  type?: AnswerType,
): ScoredPassage[] {
  const weights = termWeights(query.terms, statistics);
  // The attribute a field must name: a part of a question names its own ("how much does that bag weigh?" asks for the weight, not the earlier part's lower limit).
  // A comparison by an adjective asks for the attribute it compares: "Which is lighter, X or Y?" asks each record's weight field (`comparedAttributes`).
  const compared = comparedTerms(query.text);
  const asked: ReadonlySet<string> | ReadonlyMap<string, number> = query.askedTerms || compared.length > 0 ? new Set([...(query.askedTerms ?? weights.keys()), ...compared]) : weights;
  // A table row or record field states one attribute per cell: a later part's word in it names what that part asks, not this one
  // ("4K30" draws "which battery?" to the battery-life field). A sentence may answer both parts, so it keeps them.
  const later = new Set(query.laterTerms ?? []);
  const unitWeights = later.size === 0 ? weights : new Map([...weights].filter(([term]) => !later.has(term)));
  const questionPairs = new Set(adjacentPairs(query.terms));
  const questionNumbers = numbersIn(query.text);
  const questionQuantities = quantitiesIn(query.text);
  // A year's figure is asked for by a question for a value, not by one for a reason or the steps of a procedure.
  const periods = type?.kind === "reason" || type?.kind === "procedure" ? periodsIn("") : periodsIn(query.text);
  const passages = sourcePassages(chunks);
  // The action a procedure question asks how to do ("order" in "How do I order new checks?"): a sentence saying how it is done is a step.
  const action = type?.kind === "procedure" ? askedAction(query.text) : undefined;
  const typed = type !== undefined && type.values.length > 0 && passages.some((passage) => fitsType(passage, type));
  // A chunk's words are its passages' words plus their heading path and table headers (all cached per chunk).
  const chunkTerms = chunks.map(() => new Set<string>());
  for (const passage of passages) {
    const terms = chunkTerms[passage.n - 1]!;
    for (const set of [passage.terms, passage.headingTerms, passage.tableTerms]) for (const term of set) terms.add(term);
  }
  const chunkCoverage = chunkTerms.map((terms) => coverage({ terms, headingTerms: new Set(), tableTerms: new Set() }, weights, settings.headingTerm));
  // The sections the question names by number ("MSA section 5.7"): the chunks under them say what those sections say.
  const namedSections = sectionsNamed(query.text);
  const sectionFit = chunks.map((chunk) => (inNamedSection(chunk.headingPath, namedSections) ? settings.namedSection : 0));
  // Words that are a chunk's own though its text may not say them: the title of a document the question names ("the SLA"), and the numbered section it is ("section 6" for a chunk under "6. Chronic Failure").
  // Sections are read from the whole question: a later part ("and how must it be used?") asks about the section the first part names.
  const sections = askedSections(query.question ?? query.text);
  // A worked example tells of its own case ("posts 236 counted transactions ... $18.00"), not the question's, unless it holds the question's numbers.
  const examples = chunks.map((chunk) => illustrates(chunk.headingPath.slice(1)));
  // A section headed as a procedure ("How to Tell Us Your Choice") answers a question for one.
  const procedureHeaded = chunks.map((chunk) => type?.kind === "procedure" && namesProcedure(chunk.headingPath.slice(1)));
  const ownWords = chunks.map((chunk) => [
    // Not for a comparison: its other side is in another document.
    ...(!type?.comparison && query.titledDocIds?.has(chunk.docId) ? titleTerms(chunk.headingPath[0] ?? "") : []),
    ...sectionTermsOf(chunk.headingPath.slice(1), sections),
  ].filter((term) => weights.has(term)));
  // A "who" question is answered by a passage that names someone the question does not.
  const namesSomeoneNew = type?.kind === "who" ? namesSomeoneNewTo(query.text) : undefined;
  const byChunk = chunks.map(() => [] as SourcePassage[]);
  for (const passage of passages) byChunk[passage.n - 1]!.push(passage);
  return passages.filter((passage) => !ADDRESSED_TO_ASSISTANT.test(passage.text)).map((passage) => {
    // A sentence that points back ("The increase was driven by ...") is about what the sentence before it names: those words support it, at the heading's discount.
    const antecedent = antecedentOf(passage, byChunk[passage.n - 1]!);
    const pointed = antecedent ? { ...passage, headingTerms: new Set([...passage.headingTerms, ...antecedent.terms]) } : passage;
    const chunkWords = ownWords[passage.n - 1]!;
    const read = chunkWords.length > 0 ? { ...pointed, terms: new Set([...pointed.terms, ...chunkWords]) } : pointed;
    // A record's fields are all about the record its heading names: the name counts as part of each field.
    const own = coverage(read, passage.row || passage.field ? unitWeights : weights, passage.kind === "field" ? 1 : settings.headingTerm);
    const blended = settings.ownCoverage * own + settings.chunkCoverage * chunkCoverage[passage.n - 1]!;
    const chunk = chunks[passage.n - 1]!;
    // A passage that only repeats the question's words tells the user nothing new.
    let novel = 0;
    for (const term of passage.terms) if (!weights.has(term)) novel += 1;
    let phrases = 0;
    const unit = passage.row !== undefined || passage.field !== undefined;
    for (const pair of questionPairs) if (unit && pair.split("_").some((term) => later.has(term))) continue;
    else if (passage.pairs.has(pair)) phrases += 1;
    else if (antecedent?.pairs.has(pair)) phrases += settings.headingTerm;
    const typeFit = !typed ? 0 : fitsType(passage, type) || rowPeriodFit(passage, periods, weights) > 0 ? settings.typeFit : statesOtherValue(passage, type) ? 0 : -settings.typeMiss;
    const rowFit = passage.row ? rowKeyFit(passage.row.key, questionQuantities) * settings.rowKeyFit + rowPeriodFit(passage, periods, weights) * settings.rowKeyFit : 0;
    const listFit = type?.kind === "procedure" && passage.list ? settings.typeFit : 0;
    // Only for a record the question names (its heading holds a good share of the question's weight): another record's field of that name is not asked for.
    const named = passage.field ? coverage({ terms: passage.headingTerms, tableTerms: new Set(), headingTerms: new Set() }, weights, 0) >= settings.namedRecord : false;
    const nameFit = passage.field && named ? fieldNameFit(passage.field.readName, asked) * settings.fieldName : 0;
    const howFit = procedureHeaded[passage.n - 1] ? settings.procedureHeading : 0;
    const needFit = answersNeed(query.text, passage, chunk.headingPath.slice(1)) ? settings.requirementFit : 0;
    const reasonFit = type?.kind === "reason" && REASON_CUES.test(passage.text) ? settings.typeFit : 0;
    const whoFit = namesSomeoneNew?.(passage.text) ? settings.typeFit : 0;
    // A procedure is answered by a sentence or list item that says what to do or how the asked action is done (a list of steps, not a list of names), and by a section headed as one.
    const stepFit =
      type?.kind === "procedure" && (passage.kind === "sentence" || passage.kind === "item") && (STEP_CUES.test(passage.text) || (action !== undefined && statesAction(passage.text, action))) ? settings.typeFit : 0;
    // For a question for a value, only among sentences that state one (any sentence when the kind is only the corpus's guess): the subject decides between answers, it does not make one.
    const subjectFit = passage.kind === "sentence" && (type === undefined || type.values.length === 0 || type.guessed === true || fitsType(passage, type)) ? leadingShare(passage.text, weights) * subjectWeight(type, settings) : 0;
    const score =
      blended +
      settings.phrase * Math.min(phrases, settings.maxPhrases) +
      settings.chunkScore * Math.max(0, chunk.score) +
      settings.rankBonus / chunk.rank +
      typeFit +
      rowFit +
      listFit +
      nameFit +
      reasonFit +
      whoFit +
      stepFit +
      needFit +
      howFit +
      sectionFit[passage.n - 1]! +
      subjectFit -
      (novel < settings.minNovelTerms && !statesValue(passage, type) ? settings.fewNovelPenalty : 0) -
      (POINTER.test(passage.text) ? settings.fewNovelPenalty : 0) -
      (passage.kind === "sentence" && ABOUT_THE_TEXT.test(passage.text) ? settings.aboutTheText : 0) -
      (examples[passage.n - 1] && !sharesNumber(passage.text, questionNumbers) ? settings.otherExample : 0);
    return { passage, own, coverage: blended, score };
  });
}

/** A section heading that names a procedure, in English ("How to Tell Us Your Choice", "Step 2: Choose Your Vehicle", "9.3 Procedure"). */
const PROCEDURE_HEADING = /^(?:[\d.]+\s+)?how (?:to|do|can)\b|\b(?:steps?|procedures?|process|instructions)\b/i;
/** True when one of a chunk's section headings (its document title left out) names a procedure. */
export function namesProcedure(headings: readonly string[]): boolean {
  return headings.some((heading) => PROCEDURE_HEADING.test(heading));
}

/** A heading or table column that names what is needed ("Documents We Need", "Eligibility Requirements", "Documents needed in addition to ..."). */
const NAMES_NEEDED = /\b(?:needs?|needed|required|requirements?|necessary)\b/i;
/** A sentence that states what someone needs ("we need a signed Affidavit of Forgery", "a police report is required"). */
const STATES_NEED = /\b(?:we|you|they) (?:will |also |may )?need (?:a|an|the|your|one|two|both|proof|to (?:provide|bring|show|send|submit|give))\b|\b(?:is|are) required\b/i;

/**
 * True when a question asks what is needed and the passage answers that form: its section heading or
 * table column names what is needed, or it states a need. The question's own "need" is no content word,
 * so its wording ("paperwork") may share nothing with the passage ("Documents We Need").
 */
export function answersNeed(question: string, passage: Pick<SourcePassage, "kind" | "text" | "row">, headings: readonly string[]): boolean {
  if (!ASKS_NEEDED.test(question)) return false;
  if (headings.some((heading) => NAMES_NEEDED.test(heading))) return true;
  if (passage.row !== undefined) return NAMES_NEEDED.test(passage.text);
  return passage.kind === "sentence" && statesNeed(question, passage.text);
}

/** True when a question asks what is needed and the text states a need ("we need a signed Affidavit of Forgery", "a police report is required"). */
export function statesNeed(question: string, text: string): boolean {
  return ASKS_NEEDED.test(question) && STATES_NEED.test(text);
}

const EXAMPLE_HEADING = /\b(?:examples?|illustrations?|scenarios?)\b/i;

/** True when a chunk's section headings say it is a worked example ("Pricing Example", "Worked Example", "Example of Excess Transaction Charges"). */
export function illustrates(headings: readonly string[]): boolean {
  return headings.some((heading) => EXAMPLE_HEADING.test(heading));
}

/** True when the text states one of the numbers (amounts, counts, rates) the question gives. */
export function sharesNumber(text: string, questionNumbers: readonly number[]): boolean {
  if (questionNumbers.length === 0) return false;
  return numbersIn(text).some((number) => questionNumbers.includes(number));
}

/**
 * What opening with the question's subject is worth to a sentence: `leadingSubject` for a question
 * that asks for no value, `leadingValueSubject` for one that asks for a value ("The Subscription Term
 * ... ends on March 31, 2028" over "For the first renewal term after March 31, 2028, ... the end of
 * the initial Subscription Term": both state the date, one is about the term), nothing for a
 * procedure (its steps open with what to do, not with its subject).
 */
export function subjectWeight(type: AnswerType | undefined, settings: Pick<ScoringSettings["passages"], "leadingSubject" | "leadingValueSubject">): number {
  if (type === undefined) return settings.leadingSubject;
  if (type.kind === "procedure") return 0;
  return type.values.length === 0 ? settings.leadingSubject : settings.leadingValueSubject;
}

/**
 * The weighted share of the question's terms that a sentence opens with, before its first word the
 * question does not use: "Restructuring expenses consist of ..." opens with its subject, the thing a
 * "what is included in restructuring expenses?" question asks about; "These charges are included in
 * restructuring expenses" does not.
 */
export function leadingShare(text: string, weights: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const weight of weights.values()) total += weight;
  if (total === 0) return 0;
  let lead = 0;
  const seen = new Set<string>();
  for (const term of contentTerms(text)) {
    if (!weights.has(term)) break;
    if (!seen.has(term)) lead += weights.get(term)!;
    seen.add(term);
  }
  return lead / total;
}

/**
 * How a table row's columns fit the period a question names: 1 when a column is that period (the
 * row holds the asked year's value, whatever kind it is), -1 when its columns are periods and none
 * is, 0 otherwise (and 0 for a row whose key holds none of `questionTerms`, when given).
 */
export function rowPeriodFit(passage: Pick<SourcePassage, "row">, periods: ReturnType<typeof periodsIn>, questionTerms?: ReadonlySet<string> | ReadonlyMap<string, number>): -1 | 0 | 1 {
  if (!passage.row) return 0;
  // With the question's terms: only a row whose key names something the question asks about is the asked year's figure.
  if (questionTerms && !contentTerms(passage.row.key).some((term) => questionTerms.has(term))) return 0;
  let fit: -1 | 0 | 1 = 0;
  for (const cell of passage.row.cells) {
    const own = periodFit(cell.column, periods);
    if (own > 0) return 1;
    if (own < 0) fit = -1;
  }
  return fit;
}

/**
 * How well a record field's name names what the question asks: 1 when every word of the name is a
 * word of the question, or a longer form of one ("weight" for "how much does it weigh", "battery" for
 * "which battery"); less for each word of the name the question does not use ("battery life" for
 * "which battery": 0.5); 0 when no word of the name is asked. The field is the attribute asked for,
 * whatever other words of the record's name its value repeats.
 */
export function fieldNameFit(name: string, questionTerms: ReadonlySet<string> | ReadonlyMap<string, number>): number {
  const asked = [...questionTerms.keys()];
  const terms = contentTerms(name);
  const named = terms.filter((term) => questionTerms.has(term) || asked.some((question) => question.length >= 4 && term.startsWith(question))).length;
  return named === 0 ? 0 : named / terms.length;
}

/** The best passage's blended coverage: the support an answerer falls back on when retrieval gave none. */
export function bestCoverage(scored: ScoredPassage[]): number {
  return scored.reduce((best, entry) => Math.max(best, entry.coverage), 0);
}
