import type { ScoringSettings } from "../config/scoring.js";
import type { Query } from "../retrieval/query.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { contentTerms } from "../text/tokenize.js";
import { type FoundValue, findValues } from "../text/values.js";
import { askedAction } from "../text/asked-action.js";
import { type AnswerType, COMPARISON_CUE, focusTerms, namesTwoSides, normaliseValue, offersAction, questionSentence, REASON_CUES, statesAction, STEP_CUES } from "./answer-type.js";
import { currentVersions } from "./current-version.js";
import { ADDRESSED_TO_ASSISTANT, antecedentOf, fieldNameFit, fitsType, type ScoredPassage, statesNeed, termOverlap } from "./passage-scoring.js";
import { type Passage, passagesOf, type SourcePassage, termWeights } from "./passages.js";
import { columnDateRange, yearsIn } from "../text/periods.js";
import { isPeriodColumn, periodFit, periodsIn, quantitiesIn, rowKeyFit } from "./row-keys.js";

/** One sentence of an answer and the source it comes from. */
interface Statement {
  n: number;
  text: string;
  /** The passage quoted, exactly as it stands in the chunk: the citation's snippet. */
  quote: string;
  /** The value the statement gives as the answer, when it gives one. */
  value?: FoundValue;
  /** For a table cell or a record field: the column or field it was read from. */
  column?: string;
  /** For a computed statement (a difference): the sources of the values it was computed from. */
  sides?: number[];
  /** Read from the column of the period the question names. */
  period?: true;
  /** A supporting quote after the direct answer, not part of the direct answer. */
  support?: true;
  /** A supporting quote from another source that scores in a near tie with the direct answer: a rival answer. */
  rival?: true;
  /** The sentences right after the direct answer's, in its paragraph: the answer read on (a procedure's next steps). */
  follows?: true;
}

export interface ComposeInput {
  /** With the documents the question names (a company, a product) or whose year it names, when known: a passage from outside them does not support an answer from inside them. */
  query: Pick<Query, "text" | "terms" | "dates" | "asksForOlder"> & Partial<Pick<Query, "namedDocIds" | "periodDocIds">>;
  type: AnswerType;
  /** Scored passages, best first. */
  scored: ScoredPassage[];
  chunks: RetrievedChunk[];
  statistics: Pick<TermStatistics, "idf">;
  settings: ScoringSettings["passages"];
  /** This is one part of a question that asks several things ("How do I dispute it, and how long does the bank have?"). */
  part?: boolean;
}

export interface ComposedAnswer {
  text: string;
  cited: Array<{ n: number; snippet: string }>;
  /** A comparison answered on one side only: the source of the side found (the other may be retrieved with `missingSideQuery`). */
  oneSided?: number;
  /** ...and the column or field that side was read from, when it is a cell or a field: what to ask of the other side. */
  sideAttribute?: string;
  /** The direct answer is the cell of the period the question names, read from a table. */
  periodCell?: true;
}

const sentenceEnd = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
/** A common phrase with a capital only because it starts a header ("Monthly fee") reads lower-case in a sentence; a name ("Harbor Cash Back Visa": another capital word) keeps its capitals. */
export const lowerFirst = (text: string): string =>
  /^[A-Z][a-z]/.test(text) && !/\s[A-Z]/.test(text) ? `${text[0]!.toLowerCase()}${text.slice(1)}` : text;

/** Words that make a header a clause or leave it open ("How to avoid the fee", "Report to us within"): such a header reads as a label, not as "the … is". */
const CLAUSE_HEADER = /\b(how|when|what|where|which|who|whom|why|whether|if|unless)\b|\b(within|by|to|of|for|from|at|on|in|after|before|until|per|with)\s*$/i;

/** One cell said in a sentence: "the monthly fee is $12", or as a label when the header is a clause ("how to avoid the fee (any one): $1,500 minimum daily balance"). */
export function cellPhrase(column: string, reading: string): string {
  return CLAUSE_HEADER.test(column.trim()) ? `${lowerFirst(column.trim())}: ${reading}` : `the ${lowerFirst(column)} is ${reading}`;
}

/** The first value in a text of a kind the answer type accepts (or, without a type, the first that is not a bare number or year); never one the question gives. */
function answerValue(text: string, type: AnswerType): FoundValue | undefined {
  const values = findValues(text).filter((value) => !type.givens.has(normaliseValue(value.text)));
  return type.values.length > 0 ? values.find((value) => type.values.includes(value.kind)) : values.find((value) => value.kind !== "count" && value.kind !== "date");
}

/** How much of the question's weight a column name carries (words of the row key aside). */
function columnMatch(column: string, keyTerms: Set<string>, weights: Map<string, number>, total: number): number {
  let score = 0;
  for (const term of new Set(contentTerms(column))) if (!keyTerms.has(term)) score += (weights.get(term) ?? 0) / total;
  return score;
}

/**
 * A table row read cell by cell: the cells of the period the question names ("in 2025": the 2025
 * column), else the cells whose column the question names, stated with the row and the column;
 * without such a column, the cell whose value fits the answer type. Plain numbers are read with the
 * table's unit ("96.4" in a "$ millions" table: "$96.4 million").
 */
function rowStatement(passage: SourcePassage, input: ComposeInput): Statement | undefined {
  const row = passage.row!;
  const periods = periodsIn(input.query.text);
  // A header repeated as a row ("2019 | 2018" under "2019 | 2018") holds no figure.
  const inPeriod = row.cells.filter((cell) => periodFit(cell.column, periods) > 0 && cell.value.trim() !== cell.column.trim());
  // A comparison that names one period ("Q3 2026 compared with the same quarter a year earlier"): the row's other periods too, the named one first.
  if (input.type.comparison && inPeriod.length === 1) inPeriod.push(...row.cells.filter((cell) => cell !== inPeriod[0] && (isPeriodColumn(cell.column) || columnDateRange(cell.column) !== undefined)).slice(0, 2));
  if (inPeriod.length > 0) {
    const parts = inPeriod.map((cell) => `${cell.reading} for ${cell.column}`);
    const main = inPeriod[0]!;
    // Two periods of one row asked as a change ("between 2023 and 2025"): the difference, with its arithmetic.
    const [first, second] = inPeriod.map((cell) => findValues(cell.reading)[0]);
    const difference = input.type.comparison && inPeriod.length === 2 && first && second ? differenceOf(first, second) : undefined;
    const text = `${row.key}: ${parts.join("; ")}.${difference ? ` ${difference}` : ""}`;
    return { n: passage.n, text, quote: passage.text, value: answerValue(main.reading, input.type) ?? findValues(main.reading)[0], column: main.column, period: true };
  }
  const weights = termWeights(input.query.terms, input.statistics);
  const keyTerms = new Set(contentTerms(row.key));
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0) || 1;
  const named = row.cells
    .map((cell) => ({ ...cell, match: columnMatch(cell.column, keyTerms, weights, total) }))
    .filter((cell) => cell.column !== "" && cell.match > 0 && periodFit(cell.column, periods) === 0);
  const best = named.reduce<(typeof named)[number] | undefined>((top, cell) => (!top || cell.match > top.match ? cell : top), undefined);
  const chosen = best
    ? named.filter((cell) => cell.match >= best.match * 0.5).slice(0, 3)
    : // No column named: every cell of the asked kind (up to three), each with its column ("per business day" and "per rolling 30 days" both answer "how much can I deposit").
      row.cells.filter((cell) => cell.column !== "" && answerValue(cell.reading, input.type) && input.type.values.length > 0).slice(0, 3);
  if (chosen.length === 0) return undefined;
  const parts = chosen.map((cell) => cellPhrase(cell.column, cell.reading));
  // A label ("how to avoid the fee: …") ends its list item with a semicolon, not a comma: its value may hold commas.
  const joined = parts.length > 1 ? (parts.some((part) => !part.startsWith("the ")) ? parts.join("; ") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`) : parts[0];
  const text = `For ${row.key}, ${joined}.`;
  const main = best ?? chosen[0]!;
  return { n: passage.n, text, quote: passage.text, value: answerValue(main.reading, input.type) ?? findValues(main.reading)[0], column: main.column };
}

/**
 * A record's field: stated with the record's name, its unit read from the field name ("Aurora X1 —
 * price: $199.00"). A field the question names (`asked`: "price" for "compare the price") gives its
 * own value as the answer, whatever kind the answer type expects: the question said which attribute.
 */
function fieldStatement(passage: SourcePassage, chunk: RetrievedChunk, type: AnswerType, asked?: ReadonlySet<string>): Statement {
  const field = passage.field!;
  const value = passage.values.find((found) => !type.givens.has(normaliseValue(found.text)) && (type.values.length === 0 || type.values.includes(found.kind)));
  const named = asked !== undefined && fieldNameFit(field.readName, asked) > 0 ? passage.values.find((found) => !type.givens.has(normaliseValue(found.text))) : undefined;
  return {
    n: passage.n,
    text: sentenceEnd(`${chunk.title} — ${field.readName}: ${field.readValue}`),
    quote: passage.text,
    value: value ?? answerValue(field.readValue, type) ?? named,
    column: field.name,
  };
}

/**
 * The steps of the list a passage belongs to, in order. For a procedure, also what the text says right
 * after the list (up to READ_ON sentences of the paragraph that follows it): what happens once the
 * steps are done ("We open a carrier trace, which takes up to 5 business days.").
 */
function stepsStatement(passage: SourcePassage, chunk: RetrievedChunk, type?: AnswerType): Statement {
  const chunkPassages = passagesOf(chunk);
  const listed = chunkPassages.filter((other) => other.list?.id === passage.list!.id).sort((a, b) => a.list!.index - b.list!.index || a.order - b.order);
  const items = listed.map((step) => step.text);
  // An item's own joining words ("…; or", "…, and") are the list's punctuation, not its text.
  const steps = items.map((item) => item.replace(/\s*(?:[.;,]\s*(?:and|or)|[.;])\s*$/i, ""));
  const text = steps.length > 1 ? `${steps.map((step, index) => `(${index + 1}) ${step}`).join("; ")}.` : sentenceEnd(steps[0] ?? passage.text);
  const after = type?.kind === "procedure" ? afterList(listed, chunkPassages) : [];
  if (after.length === 0) return { n: passage.n, text, quote: items.join(" … ") };
  return { n: passage.n, text: `${text} ${after.map((sentence) => sentenceEnd(sentence.text)).join(" ")}`, quote: `${items.join(" … ")} ${after.map((sentence) => sentence.text).join(" ")}` };
}

/** The first READ_ON sentences of the paragraph right after a list (none when a heading, table or the chunk's end comes first). */
export function afterList(listed: readonly Passage[], chunkPassages: readonly Passage[]): Passage[] {
  const block = Math.max(...listed.map((item) => item.block)) + 1;
  return chunkPassages.filter((other) => other.block === block && other.kind === "sentence" && !ADDRESSED_TO_ASSISTANT.test(other.text)).slice(0, READ_ON);
}

/** The statement a passage makes as an answer: a cell of a row, a record's field, the steps of a list, or the sentence itself. */
function statementFor(entry: ScoredPassage, input: ComposeInput): Statement {
  const { passage } = entry;
  const chunk = input.chunks[passage.n - 1]!;
  if (input.type.kind === "procedure" && passage.list && passage.kind === "item") return stepsStatement(passage, chunk, input.type);
  if (passage.row) {
    const cell = rowStatement(passage, input);
    if (cell) return cell;
  }
  if (passage.field) return fieldStatement(passage, chunk, input.type, new Set(input.query.terms));
  const listed = leadInStatement(passage, chunk, input.type);
  if (listed) return listed;
  // A sentence that points back ("The increase was driven by ...") is said after the sentence it points to, which names its subject.
  const antecedent = antecedentOf(passage, passagesOf(chunk));
  if (antecedent) {
    const text = `${sentenceEnd(antecedent.text)} ${sentenceEnd(passage.text)}`;
    return { n: passage.n, text, quote: `${antecedent.text} ${passage.text}`, value: answerValue(passage.text, input.type) ?? answerValue(antecedent.text, input.type) };
  }
  return { n: passage.n, text: sentenceEnd(passage.text), quote: passage.text, value: answerValue(passage.text, input.type) };
}

/** A sentence that introduces a list ("To qualify, a business must:") says nothing without it: the sentence with the list's items, in order. */
function leadInStatement(passage: SourcePassage, chunk: RetrievedChunk, type: AnswerType): Statement | undefined {
  if (passage.kind !== "sentence" || !/:\s*$/.test(passage.text)) return undefined;
  const next = passagesOf(chunk).find((other) => other.order === passage.order + 1);
  if (!next?.list) return undefined;
  const steps = stepsStatement({ ...next, n: passage.n }, chunk, type);
  const text = `${passage.text.trim()} ${steps.text}`;
  return { n: passage.n, text, quote: `${passage.text.trim()} ${steps.quote}`, value: answerValue(steps.text, type) };
}

/** How many values of a kind a text states, the question's givens left out when given. */
function valuesOfKind(text: string, kind: FoundValue["kind"] | undefined, givens?: ReadonlySet<string>): number {
  return findValues(text).filter((found) => found.kind === kind && !givens?.has(normaliseValue(found.text))).length;
}

/** A unit without its plural "s" ("days" and "day" are one unit). */
const singular = (unit: string): string => unit.trim().toLowerCase().replace(/s$/, "");

const UNIT_OF: Partial<Record<FoundValue["kind"], (value: FoundValue) => string>> = {
  percent: () => " percentage points",
  duration: (value) => ` ${value.text.replace(/^[\d.,\s-]+/, "")}`,
  measure: (value) => ` ${value.text.replace(/^[\d.,\s]+/, "")}`,
};

/** "3.85% − 3.70% = 0.15 percentage points": the difference of two values of one kind, with the arithmetic shown. */
export function differenceOf(first: FoundValue, second: FoundValue): string | undefined {
  if (first.kind !== second.kind || first.number === undefined || second.number === undefined || first.kind === "date" || first.kind === "time") return undefined;
  // Durations or measures in two units ("12 months" and "90 days") are not subtracted as numbers.
  const unitOf = UNIT_OF[first.kind];
  if (first.kind !== "percent" && unitOf && singular(unitOf(first)) !== singular(unitOf(second))) return undefined;
  if (first.number === second.number) return `Both are ${first.text}.`;
  const [high, low] = first.number > second.number ? [first, second] : [second, first];
  const decimals = Math.max(...[high, low].map((value) => (/\.(\d+)/.exec(value.text.replace(/,/g, ""))?.[1]?.length ?? 0)));
  const amount = (high.number! - low.number!).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const currency = high.kind === "money" ? (/[$€£¥]/.exec(high.text)?.[0] ?? "") : "";
  const unit = UNIT_OF[high.kind]?.(high) ?? "";
  // One of a unit is singular ("1 year", not "1 years").
  const said = amount === "1" && high.kind === "duration" ? unit.trimEnd().replace(/s$/, "") : unit.trimEnd();
  return `Difference: ${high.text} − ${low.text} = ${currency}${amount}${said}.`;
}

/**
 * For a comparison, the other side: the same column of another row (a row the question names, or the
 * same row in another document), the same field of another record, or another sentence that covers
 * the question as well, with a value of the same kind that differs.
 */
function otherSide(first: ScoredPassage, firstStatement: Statement, input: ComposeInput): Statement | undefined {
  const questionTerms = new Set(input.query.terms);
  const firstRow = first.passage.row;
  // A question that names two sides ("X compared with Y") answered with one value of the kind needs the other side: a sentence from another chunk that covers less of the question
  // (its words name the other side, not the first) may be it. A question for a change ("How much did X decrease?") or a first side that already states two values only gains one that covers the question as well.
  const kind = firstStatement.value?.kind;
  const lone = namesTwoSides(input.query.text) && valuesOfKind(firstStatement.text, kind) < 2;
  const minCoverage = lone ? input.settings.loneSideCoverage : input.settings.sideCoverage;
  // A side from the first side's own chunk (the other row of the same table) beats one from elsewhere.
  let elsewhere: Statement | undefined;
  for (const entry of input.scored) {
    if (entry === first || entry.score < first.score * 0.5) continue;
    const { passage } = entry;
    if (passage.n === first.passage.n && passage.order === first.passage.order) continue;
    if (firstRow) {
      if (!passage.row) continue;
      const named = contentTerms(passage.row.key).every((term) => questionTerms.has(term));
      const sameKeyElsewhere = passage.row.key === firstRow.key && passage.n !== first.passage.n;
      if (!named && !sameKeyElsewhere) continue;
    } else if (first.passage.field) {
      // Another record's same field, and a record the question names (a word of its name the first record's name lacks).
      if (passage.field?.name !== first.passage.field.name) continue;
      const firstTitle = new Set(contentTerms(input.chunks[first.passage.n - 1]!.title));
      if (!contentTerms(input.chunks[passage.n - 1]!.title).some((term) => !firstTitle.has(term) && questionTerms.has(term))) continue;
    } else if (entry.coverage < first.coverage * minCoverage) continue;
    const statement = statementFor(entry, input);
    if (!statement.value || !firstStatement.value || statement.value.kind !== firstStatement.value.kind) continue;
    if (normaliseValue(statement.value.text) === normaliseValue(firstStatement.value.text)) continue;
    // A sentence let in below `sideCoverage` must itself state one value of the kind: one stating several ("60 days ... replaced with 90 days") does not say which is the side.
    const belowSide = !firstRow && !first.passage.field && entry.coverage < first.coverage * input.settings.sideCoverage;
    if (belowSide && valuesOfKind(statement.text, kind, input.type.givens) !== 1) continue;
    // The same row of another document read in another period ("CET1 ratio" at year-end 2025 and at September 30, 2026) is the same attribute at another time.
    const period = (column: string | undefined) => column !== undefined && (isPeriodColumn(column) || columnDateRange(column) !== undefined);
    const laterPeriod = firstRow !== undefined && passage.row?.key === firstRow.key && passage.n !== first.passage.n && period(firstStatement.column) && period(statement.column);
    if (firstStatement.column !== undefined && statement.column !== firstStatement.column && !laterPeriod) continue;
    if (statement.n === firstStatement.n) return statement;
    elsewhere ??= statement;
  }
  return elsewhere;
}

/**
 * For two records compared on a field, another field the question names ("compare on weight and
 * price": the weight, beside the price): that field of each record, stated with the record's name,
 * and their difference when both are numbers of one kind. Nothing unless both records have it.
 */
export function secondField(first: Statement, other: Statement, input: ComposeInput): Statement[] {
  if (first.column === undefined || other.column !== first.column || first.n === other.n) return [];
  const [firstChunk, otherChunk] = [input.chunks[first.n - 1]!, input.chunks[other.n - 1]!];
  const asked = new Set(input.query.terms);
  const taken = new Set([...contentTerms(first.column), ...contentTerms(firstChunk.title), ...contentTerms(otherChunk.title)]);
  // The question words a field's name (as written and as read) holds that neither the compared field nor a record's name holds.
  const named = (passage: Pick<SourcePassage, "field">) => contentTerms(`${passage.field!.name} ${passage.field!.readName}`).filter((term) => asked.has(term) && !taken.has(term));
  const score = (passage: Pick<SourcePassage, "field">) => named(passage).reduce((sum, term) => sum + input.statistics.idf(term), 0);
  const fields = (chunk: RetrievedChunk) => passagesOf(chunk).filter((passage) => passage.field && passage.field.name !== first.column && named(passage).length > 0);
  const candidates = fields(firstChunk);
  const best = candidates.reduce<(typeof candidates)[number] | undefined>((top, passage) => (!top || score(passage) > score(top) ? passage : top), undefined);
  const match = best && fields(otherChunk).find((passage) => passage.field!.name === best.field!.name);
  if (!best || !match) return [];
  const untyped: AnswerType = { ...input.type, values: [] };
  const sides = [fieldStatement({ ...best, n: first.n }, firstChunk, untyped), fieldStatement({ ...match, n: other.n }, otherChunk, untyped)];
  // Arithmetic only on a field that is one quantity ("$279.00"), not on a compound one ("4 lb 2 oz (1.87 kg)").
  const [a, b] = [best, match].map((passage) => {
    const found = findValues(passage.field!.readValue);
    return found.length === 1 && normaliseValue(found[0]!.text) === normaliseValue(passage.field!.readValue) ? found[0] : undefined;
  });
  const difference = a && b ? differenceOf(a, b) : undefined;
  return difference ? [...sides, { n: -1, text: difference, quote: "", sides: [first.n, other.n] }] : sides;
}

/**
 * When the first statement is a sentence without what the question asks for (no value of the asked
 * kind; no reason for a "why"), the next sentence of its paragraph when that one has it: the answer
 * read on within the paragraph, from the same source. For a procedure told in prose, the next
 * sentence always: a procedure's steps follow one another.
 */
export function followingAnswer(best: ScoredPassage, first: Statement, input: ComposeInput): Statement | undefined {
  const { passage } = best;
  const { type } = input;
  if (passage.kind !== "sentence" || first.quote !== passage.text) return undefined;
  const chunk = input.chunks[passage.n - 1]!;
  const chunkPassages = passagesOf(chunk);
  // The sentence `step` places after the best one, while the paragraph goes on with sentences meant for a reader.
  const sentenceAfter = (step: number) => {
    const later = chunkPassages.find((other) => other.order === passage.order + step);
    return later?.kind === "sentence" && !ADDRESSED_TO_ASSISTANT.test(later.text) ? later : undefined;
  };
  const next = sentenceAfter(1);
  if (!next) return undefined;
  // A procedure told in prose goes on past its first sentence: the next ones are its next steps (up to READ_ON of them, within the paragraph).
  if (type.kind === "procedure") {
    // A sentence that already says who can do the asked action and how ("You can order checks through ...") answers a question that asks only that: it goes on only with sentences that are steps too.
    const action = askedAction(input.query.text);
    const means = action !== undefined && offersAction(passage.text, action) && !input.part;
    const isStep = (sentence: Passage) => !means || STEP_CUES.test(sentence.text) || statesAction(sentence.text, action) || /:\s*$/.test(sentence.text);
    if (!isStep(next)) return undefined;
    const steps = [next];
    for (let step = 2; step <= READ_ON && !/:\s*$/.test(steps.at(-1)!.text); step += 1) {
      const later = sentenceAfter(step);
      if (!later || !isStep(later)) break;
      steps.push(later);
    }
    // A step that leads into a list ("To request a review:") is said with the list's items.
    const said = steps.map((step) => leadInStatement({ ...step, n: passage.n }, chunk, type) ?? { text: sentenceEnd(step.text), quote: step.text });
    return { n: passage.n, text: said.map((step) => step.text).join(" "), quote: said.map((step) => step.quote).join(" "), follows: true };
  }
  const asksValue = type.values.length > 0;
  if (asksValue ? first.value !== undefined : type.kind !== "reason" || REASON_CUES.test(passage.text)) return undefined;
  // The answer may come a sentence later ("On Monday you deposit $900. Monday is the day of deposit. $225 is available on Tuesday."): read on up to READ_ON sentences of the paragraph.
  for (let step = 1; step <= READ_ON; step += 1) {
    const later = sentenceAfter(step);
    if (!later) return undefined;
    const value = asksValue ? answerValue(later.text, type) : undefined;
    if (asksValue ? value : REASON_CUES.test(later.text)) return { n: passage.n, text: sentenceEnd(later.text), quote: later.text, value };
  }
  return undefined;
}

/** How many sentences past the best one an answer is read on for, within its paragraph. */
const READ_ON = 2;

/**
 * The passage the answer starts from: the best one, unless a passage scoring within `keepWithin` of
 * it states the same answer value from a chunk retrieval ranked higher; a fact the documents repeat
 * is cited where retrieval found it best (the rate sheet's row rather than an FAQ's retelling).
 */
export function sameAnswerFirstRanked(scored: ScoredPassage[], input: ComposeInput): [ScoredPassage, Statement] {
  const best = scored[0]!;
  const statement = statementFor(best, input);
  if (!statement.value) return [best, statement];
  const value = normaliseValue(statement.value.text);
  // Every value of the asked kind the statement gives must be in the other passage too: the same answer, not a part of it.
  const given = findValues(statement.text)
    .filter((found) => input.type.values.length === 0 || input.type.values.includes(found.kind))
    .map((found) => normaliseValue(found.text));
  const rankOf = (entry: ScoredPassage) => input.chunks[entry.passage.n - 1]!.rank;
  let chosen: [ScoredPassage, Statement] = [best, statement];
  for (const entry of scored.slice(1)) {
    if (entry.score < best.score * input.settings.keepWithin) break;
    if (rankOf(entry) >= rankOf(chosen[0])) continue;
    const values = new Set(entry.passage.values.map((found) => normaliseValue(found.text)));
    if (!given.every((text) => values.has(text))) continue;
    const other = statementFor(entry, input);
    if (other.value && normaliseValue(other.value.text) === value) chosen = [entry, other];
  }
  return chosen;
}

/**
 * The passages of the current versions: when the chunks hold several versions of one document (a
 * family's older and newer rate sheet), or a later document declares the value a passage states
 * replaced (an amendment: "99.95%, instead of 99.9%"), and the question asks neither for an earlier
 * version nor for its date, the out-of-date passages are left out, so the answer neither states nor
 * quotes a superseded value as current. A comparison keeps them (now vs before is its point); so does
 * a question that only the out-of-date passages answer.
 */
export function currentOnly(input: ComposeInput): ComposeInput {
  if (input.type.comparison) return input;
  const versions = currentVersions(input.query, input.chunks);
  const outOfDate = (entry: ScoredPassage) => {
    const { n, text } = entry.passage;
    if (versions.olderVersion(n)) return true;
    const value = answerValue(text, input.type);
    return value !== undefined && versions.replacedValue(n, value.text);
  };
  if (!input.scored.some(outOfDate)) return input;
  const current = input.scored.filter((entry) => !outOfDate(entry));
  const answers = current.some((entry) => input.type.values.length === 0 || fitsType(entry.passage, input.type));
  return answers ? { ...input, scored: current } : input;
}

/**
 * The answer of the offline answerer: a direct statement first (a table cell with its row and column,
 * a record's field with the record's name, a procedure's steps in order, or the best sentence), then
 * for a comparison the other side and the difference, then at most `maxSupports` quotes that add
 * something: question words or values the answer does not hold yet (from another chunk only when
 * they add a clear share). Every statement carries the marker of the chunk it quotes.
 */
export function composeAnswer(given: ComposeInput): ComposedAnswer {
  return renderAnswer(composeStatements(given));
}

/** The statements of an answer, before they are written out with their markers. */
interface ComposedStatements {
  statements: Statement[];
  oneSided?: number;
  sideAttribute?: string;
  periodCell?: true;
}

/**
 * The answer to a question that asks several things (`questionParts`): each part answered in turn
 * (its own scored passages and answer type), statements that an earlier part already made left out,
 * so every part gets its direct answer. The first part decides whether a second search is wanted.
 */
export function composeParts(parts: ComposeInput[]): ComposedAnswer {
  const composed: ComposedStatements[] = [];
  const statements: Statement[] = [];
  for (const input of parts) {
    const whole = composeStatements(input);
    // Every part keeps supporting quotes from its direct answer's own source only: each part has its own direct answer, and a further source costs a citation.
    // After the first part, a part keeps only statements that say something about it (a word of the part's own, not only of the shared subject).
    const later = composed.length > 0;
    const direct = new Set(whole.statements.filter((statement) => !statement.support).map((statement) => statement.n));
    // A cell or field read for the part speaks to it also by giving a value of the asked kind not given yet ("July 25, 2025" for "when is it due?");
    // so does the part's direct answer when an earlier part already cites its chunk (it costs no citation).
    const cited = (statement: Statement) => statements.some((made) => made.n === statement.n);
    const answersPart = (statement: Statement) =>
      speaksTo(statement, input) || ((statement.column !== undefined || (!statement.support && cited(statement))) && givesNewValue(statement, input.type, statements));
    // Beside a direct answer that is a sentence stating one value of the asked kind (a cell or field already answers exactly the asked column), a rival quote from
    // another source (a near tie) is kept when it restates that value and adds another of the asked kind: the same fact told in full ("worth $600 as a credit or $750 toward travel" beside "worth $750 toward travel").
    const directStatements = whole.statements.filter((statement) => !statement.support);
    const directValues = directStatements.every((statement) => statement.column === undefined) ? askedValues(directStatements.map((statement) => statement.text).join(" "), input.type) : new Set<string>();
    if (directValues.size > 1) directValues.clear();
    const ownSource = (statement: Statement) => !statement.support || direct.has(statement.n) || (statement.rival === true && completesFact(statement.quote, directValues, input.type));
    // A procedure's next steps read on from a direct answer the part keeps: they speak to it through that answer.
    const keeps = (statement: Statement, index: number, all: readonly Statement[]): boolean =>
      statement.n > 0 && ownSource(statement) && (answersPart(statement) || (statement.follows === true && index > 0 && all[index - 1]!.n === statement.n && keeps(all[index - 1]!, index - 1, all)));
    const filtered = later ? whole.statements.filter(keeps) : whole.statements.filter(ownSource);
    // A later part that no passage speaks to ("where would a lawsuit have to be filed?" beside "the courts of Brennock County have exclusive jurisdiction") reads on from the first part's answer.
    const onward = later && filtered.length === 0 ? sentenceAfterAnswer(statements, input.chunks) : undefined;
    const kept = onward ? [onward] : filtered;
    if (kept.length === 0) continue;
    const part = { ...whole, statements: kept };
    composed.push(part);
    for (const statement of part.statements) {
      // The same sentence twice is one statement; two cells of one row (the fee, then the due date) are two.
      if (statements.some((made) => made.text === statement.text || (statement.column === undefined && statement.quote !== "" && made.quote === statement.quote))) continue;
      statements.push(statement);
    }
  }
  const { oneSided, sideAttribute } = composed.find((part) => part.oneSided !== undefined) ?? {};
  return renderAnswer({ statements, ...(oneSided === undefined ? {} : { oneSided }), ...(sideAttribute === undefined ? {} : { sideAttribute }), ...(composed[0]?.periodCell ? { periodCell: true as const } : {}) });
}

/**
 * The sentence right after the first direct answer's sentence in its paragraph, as a statement from
 * the same source (no new citation): a clause goes on with what a question asks next, in words of its
 * own ("... governed by the laws of Westmarch." then "The courts located in Brennock County ... have
 * exclusive jurisdiction ..."). None when that answer is not a sentence or the paragraph ends there,
 * or the next sentence is stated already.
 */
export function sentenceAfterAnswer(made: readonly Statement[], chunks: readonly RetrievedChunk[]): Statement | undefined {
  const first = made.find((statement) => !statement.support && statement.n > 0 && statement.column === undefined);
  if (!first) return undefined;
  const chunkPassages = passagesOf(chunks[first.n - 1]!);
  const answer = chunkPassages.find((passage) => passage.kind === "sentence" && passage.text === first.quote);
  const next = answer && chunkPassages.find((passage) => passage.order === answer.order + 1);
  if (!next || next.kind !== "sentence" || next.block !== answer!.block || ADDRESSED_TO_ASSISTANT.test(next.text)) return undefined;
  if (made.some((statement) => statement.quote.includes(next.text))) return undefined;
  return { n: first.n, text: next.text, quote: next.text };
}

/**
 * A row of the answer's own table about something else, when the question names the answer's row
 * exactly (every word of its key is a word of the question): another row's key that adds no word of
 * the question and holds a word the question does not ask about ("Student Checking" beside
 * "Everyday Checking" for a question about Everyday Checking).
 */
export function anotherLine(key: string, answerKey: string, asked: ReadonlyMap<string, number>): boolean {
  const words = (text: string) => contentTerms(text).filter((term) => !/^\d+$/.test(term));
  const answerTerms = new Set(words(answerKey));
  if (answerTerms.size === 0 || [...answerTerms].some((term) => !asked.has(term))) return false;
  const terms = words(key);
  return terms.every((term) => !asked.has(term) || answerTerms.has(term)) && terms.some((term) => !asked.has(term));
}

/**
 * True when two passages are about the same thing beyond the question's own words: one holds at least
 * half of the other's words that the question does not use, numbers aside ("net income … $19.7
 * million" and "after the restatement, net income … $40.7 million"; not "total net sales … $1,104.1
 * million" and "capital expenditures … $119.5 million" for a question about revenue).
 */
export function sameSubject(a: Pick<SourcePassage, "terms">, b: Pick<SourcePassage, "terms">, asked: ReadonlyMap<string, number>): boolean {
  const holdsHalfOf = (passage: Pick<SourcePassage, "terms">, other: Pick<SourcePassage, "terms">) => {
    const own = [...other.terms].filter((term) => !asked.has(term) && !/\d/.test(term));
    return own.length === 0 || own.filter((term) => passage.terms.has(term)).length * 2 >= own.length;
  };
  return holdsHalfOf(a, b) || holdsHalfOf(b, a);
}

/**
 * True when a near tie from a chunk of retrieval rank `rank` may be shown as a rival answer beside the
 * best passage (from a chunk of rank `bestRank`): always for a question for a value (two values
 * disagree), a list or the steps of a procedure (another source may hold what the first lacks); for a
 * question for a description (what X is, why, whether), only from a chunk retrieval ranked at least as
 * high: below it, retrieval and the scoring agree on the best, and the near tie says the same kind of
 * thing about something else ("Inventories are stated at ..." of another company).
 */
export function rivalFrom(type: Pick<AnswerType, "kind" | "values">, rank: number, bestRank: number): boolean {
  if (type.values.length > 0 || type.kind === "procedure" || type.kind === "list") return true;
  return rank <= bestRank;
}

/** True when a text names years and none of the years asked about ("fiscal 2017" for a question about 2018); false when nothing is asked about a year. */
export function aboutOtherYears(text: string, asked: ReadonlySet<string>): boolean {
  if (asked.size === 0) return false;
  const years = yearsIn(text);
  return years.length > 0 && !years.some((year) => asked.has(year));
}

/** The values of a kind the answer type asks for in a text, normalised. */
function askedValues(text: string, type: AnswerType): Set<string> {
  return new Set(findValues(text).filter((found) => type.values.includes(found.kind) && !type.givens.has(normaliseValue(found.text))).map((found) => normaliseValue(found.text)));
}

/** True when a quote states one of the direct answer's values and another value of the asked kind besides: the same fact told in full, not another subject's. */
export function completesFact(quote: string, direct: ReadonlySet<string>, type: AnswerType): boolean {
  const values = askedValues(quote, type);
  return [...values].some((text) => direct.has(text)) && [...values].some((text) => !direct.has(text));
}

/**
 * True when a statement holds a content word of the question part it answers ("object" for "how long
 * does it have to object?"), states the need a part for what is needed asks for, or is read from a column or field the part names ("weight" for "how much
 * does that bag weigh?", as the scoring reads field names).
 */
export function speaksTo(statement: Pick<Statement, "text" | "column">, part: Pick<ComposeInput, "query">): boolean {
  const asked = contentTerms(questionSentence(part.query.text));
  const said = new Set(contentTerms(statement.text));
  if (asked.some((term) => said.has(term))) return true;
  // "What paperwork do I need?" is spoken to by "we need a signed Affidavit of Forgery": the part's "need" is no content word.
  if (statement.column === undefined && statesNeed(part.query.text, statement.text)) return true;
  return statement.column !== undefined && fieldNameFit(statement.column, new Set(asked)) > 0;
}

/** True when a statement gives a value of a kind the part asks for that no statement made so far gives. */
export function givesNewValue(statement: Pick<Statement, "value">, type: AnswerType, made: ReadonlyArray<Pick<Statement, "text">>): boolean {
  const value = statement.value;
  if (!value || !type.values.includes(value.kind)) return false;
  const text = normaliseValue(value.text);
  return !made.some((earlier) => findValues(earlier.text).some((found) => normaliseValue(found.text) === text));
}

function composeStatements(given: ComposeInput): ComposedStatements {
  const input = currentOnly(given);
  const { scored, settings, type } = input;
  const [best, first] = sameAnswerFirstRanked(scored, input);
  const statements: Statement[] = [first];
  const used: ScoredPassage[] = [best];
  // A sentence that leads up to the answer ("Subscription revenue increased by $76.3 million." before "The increase was attributable to ...") is followed by the sentence that gives it.
  const following = followingAnswer(best, first, input);
  if (following) statements.push(following);
  let oneSided: number | undefined;
  let sideAttribute: string | undefined;
  let bothSides = false;
  if (type.comparison && statements[0]!.value) {
    const other = otherSide(best, statements[0]!, input);
    // A statement that already gives two values of the kind (two periods of one row) holds both sides.
    const kind = statements[0]!.value.kind;
    if (!other && valuesOfKind(statements[0]!.text, kind) < 2) {
      oneSided = statements[0]!.n;
      sideAttribute = statements[0]!.column;
    }
    if (other) {
      bothSides = true;
      statements.push(other);
      // Arithmetic only between two readings of one column or field (the same attribute on both sides), or two sentences giving the kind of value asked of two things the question names ("Is X cheaper than Y, and by how much?").
      // Each sentence must state that one value of the kind: a sentence with several ("$30 ($25 online)") does not say which one is its side.
      const oneValue = (statement: Statement) => valuesOfKind(statement.text, statement.value!.kind, type.givens) === 1;
      const sameAttribute =
        (statements[0]!.column !== undefined && other.column === statements[0]!.column) || (other.column === undefined && namesTwoSides(input.query.text) && type.values[0] === other.value!.kind && oneValue(statements[0]!) && oneValue(other));
      const difference = sameAttribute ? differenceOf(statements[0]!.value!, other.value!) : undefined;
      if (difference) statements.push({ n: -1, text: difference, quote: "", sides: [statements[0]!.n, other.n] });
      // Two records compared on two attributes ("on weight and price"): the second attribute for both sides too.
      statements.push(...secondField(statements[0]!, other, input));
    }
  }
  // A year's cell is the whole answer when its row's key names everything the question asks about.
  const keyTerms = first.period ? new Set(contentTerms(best.passage.row?.key ?? "")) : undefined;
  const complete = bothSides || (keyTerms !== undefined && keyTerms.size > 0 && focusTerms(input.query.text, input.query.terms).every((term) => keyTerms.has(term) || /^\d+$/.test(term)));
  const weights = termWeights(input.query.terms, input.statistics);
  const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0) || 1;
  const questionQuantities = quantitiesIn(input.query.text);
  const periods = periodsIn(input.query.text);
  // The question names documents (by name or by year) and the answer comes from one of them: a passage from a document outside them is about something else.
  const scopes = [input.query.namedDocIds, input.query.periodDocIds].filter((set): set is Set<string> => set !== undefined && set.size > 0);
  const docOf = (n: number) => input.chunks[n - 1]!.docId;
  const inScope = (n: number) => !scopes.some((set) => set.has(docOf(best.passage.n)) && !set.has(docOf(n)));
  const covered = new Set<string>();
  const cover = (passage: SourcePassage) => {
    for (const set of [passage.terms, passage.tableTerms, passage.headingTerms]) for (const term of set) covered.add(term);
  };
  cover(best.passage);
  const firstKey = best.passage.row && first.column !== undefined ? best.passage.row.key : undefined;
  const keyNames = (key: string) => new Set(contentTerms(key).filter((term) => weights.has(term))).size;
  const stated = new Set(statements.flatMap((statement) => findValues(statement.text).map((value) => value.text)));
  let supports = 0;
  for (const entry of scored.slice(1)) {
    if (supports >= settings.maxSupports || entry.score < best.score * settings.keepSameSource) break;
    // A passage already quoted, alone or within a statement of its source (a list's steps, a sentence said with the one it points back to), is not quoted again.
    if (statements.some((statement) => statement.quote === entry.passage.text || (statement.n === entry.passage.n && statement.quote.includes(entry.passage.text)))) continue;
    // A table row about another number than the one asked ("12 months or less" for a 24-month question) is not support.
    if (entry.passage.row && rowKeyFit(entry.passage.row.key, questionQuantities) < 0) continue;
    if (used.some((chosen) => termOverlap(chosen.passage.terms, entry.passage.terms) > settings.maxOverlap)) continue;
    // A table row is about what its key names: one whose key holds no word or number of the question is another line of the table, not support.
    const row = entry.passage.row;
    if (row && !contentTerms(row.key).some((term) => weights.has(term)) && rowKeyFit(row.key, questionQuantities) <= 0) continue;
    // Beside a direct answer read from a row, a row of another source is another line of a like table unless its key names more of the question ("30-year fixed jumbo" beside "30-year fixed conforming").
    if (row && firstKey !== undefined && entry.passage.n !== best.passage.n && row.key !== firstKey && keyNames(row.key) <= keyNames(firstKey)) continue;
    // In the direct answer's own table, a row whose key names nothing of the question that the answer's row does not, and names something the question does not ask about, is another line of it ("Student Checking" beside "Everyday Checking").
    if (row && firstKey !== undefined && entry.passage.n === best.passage.n && row.key !== firstKey && anotherLine(row.key, firstKey, weights)) continue;
    // A sentence about other years than the one the question asks about ("fiscal 2017" for a 2018 question) is about another period, not support.
    if (!type.comparison && !row && aboutOtherYears(entry.passage.text, periods.years)) continue;
    let gain = 0;
    for (const [term, weight] of weights) if (!covered.has(term) && (entry.passage.terms.has(term) || entry.passage.tableTerms.has(term))) gain += weight / total;
    const newValue = fitsType(entry.passage, type) && entry.passage.values.some((value) => type.values.includes(value.kind) && !stated.has(value.text));
    const sameSource = statements.some((statement) => statement.n === entry.passage.n);
    // A quote from a chunk already cited costs nothing but length: it only has to add a word of the question, or a new value while covering the question about as well.
    // Another chunk costs a citation: it must score close to the best, and add a clear share of the question or a new value while covering it as well.
    // A near tie with the best passage means the answer is not certain: both are shown, each with its source.
    // A near tie that states only values already stated is the same answer again, not a doubt;
    // one without a value of the asked kind (a title line, "Form 10-K for the fiscal year 2017") is no rival answer.
    const asked = entry.passage.values.filter((value) => type.values.includes(value.kind) && value.kind === type.kind);
    const repeats = asked.length > 0 && asked.every((value) => stated.has(value.text) || type.givens.has(normaliseValue(value.text)));
    const rival = type.values.length === 0 || fitsType(entry.passage, type);
    const nearTie =
      rival && !repeats && rivalFrom(type, input.chunks[entry.passage.n - 1]!.rank, input.chunks[best.passage.n - 1]!.rank) && entry.score >= best.score * settings.nearTie && entry.coverage >= best.coverage * 0.9;
    // Below a near tie, a quote from a document outside the ones the question names adds another subject, not support.
    // A quote from another chunk whose values of the asked kind are all stated already only retells the answer: it adds a citation, not a fact.
    const retells = repeats && !sameSource;
    // Once the direct answer states the one value asked for, another source's value of that kind is a rival answer only when it is about the same thing
    // (a restated net income beside net income), not another fact of the same document (the year's capital expenditure beside its net sales).
    const answered = !type.comparison && type.kind !== "list" && first.value !== undefined && type.values.includes(first.value.kind);
    const rivalValue = newValue && entry.coverage >= best.coverage * 0.9 && (!answered || sameSubject(entry.passage, best.passage, weights));
    const worthCiting = !retells && (nearTie || (inScope(entry.passage.n) && entry.score >= best.score * settings.keepWithin && (gain >= settings.minNewCoverage || rivalValue)));
    const relevantValue = newValue && entry.own >= best.own * 0.6;
    // A comparison answered on both sides, or a table's cell for the asked period, is complete: another source would only retell it.
    if (!(sameSource ? gain > 0 || relevantValue : worthCiting && !(complete && first.column !== undefined))) continue;
    // A record's field names its record when it follows another source: fields of two records side by side must say which is which.
    const field = entry.passage.field;
    const afterSameSource = statements.at(-1)?.n === entry.passage.n;
    // A row of the period the question names is read like the direct answer: that period's cell.
    const periodRow = row && row.cells.some((cell) => periodFit(cell.column, periods) > 0) ? rowStatement(entry.passage, input) : undefined;
    const text = field
      ? afterSameSource
        ? sentenceEnd(`${field.readName}: ${field.readValue}`)
        : fieldStatement(entry.passage, input.chunks[entry.passage.n - 1]!, type).text
      : (periodRow?.text ?? sentenceEnd(entry.passage.text));
    if (statements.some((statement) => statement.text === text)) continue;
    statements.push({ n: entry.passage.n, text, quote: entry.passage.text, support: true, ...(nearTie && !sameSource ? { rival: true as const } : {}) });
    used.push(entry);
    cover(entry.passage);
    for (const value of entry.passage.values) stated.add(value.text);
    supports += 1;
  }
  return { statements, ...(oneSided === undefined ? {} : { oneSided }), ...(sideAttribute === undefined ? {} : { sideAttribute }), ...(first.period ? { periodCell: true as const } : {}) };
}

/** Statements written out: each with its source's marker (a run from one source shares one), and each source's quotes as its snippet. */
function renderAnswer({ statements, oneSided, sideAttribute, periodCell }: ComposedStatements): ComposedAnswer {
  const sources = [...new Set(statements.filter((statement) => statement.n > 0).map((statement) => statement.n))];
  // Each statement keeps its own closing punctuation (quoted text stays verbatim); a run of statements from one source shares one marker.
  const parts: string[] = [];
  statements.forEach((statement, index) => {
    const next = statements[index + 1];
    const markers = statement.n > 0 ? `[${statement.n}]` : [...new Set(statement.sides ?? [])].map((n) => `[${n}]`).join("");
    parts.push(next && next.n === statement.n && statement.n > 0 ? sentenceEnd(statement.text) : `${sentenceEnd(statement.text)} ${markers}`);
  });
  const text = parts.join(" ");
  const cited = sources.map((n) => ({
    n,
    snippet: statements
      .filter((statement) => statement.n === n)
      .map((statement) => statement.quote)
      .join(" … "),
  }));
  return { text, cited, ...(oneSided === undefined ? {} : { oneSided }), ...(sideAttribute === undefined ? {} : { sideAttribute }), ...(periodCell ? { periodCell } : {}) };
}

/**
 * What to search for when a comparison was answered on one side: the question's words that the
 * found side's chunk does not hold (the other product, the earlier rate sheet), with the words that
 * say what is asked. Undefined when the chunk holds every word: nothing names the other side.
 */
export function missingSideQuery(question: string, found: Pick<RetrievedChunk, "id" | "text" | "headingPath">, focus: readonly string[], attribute?: string): string | undefined {
  const held = new Set<string>();
  for (const passage of passagesOf(found)) for (const set of [passage.terms, passage.headingTerms, passage.tableTerms]) for (const term of set) held.add(term);
  // The side found was read from a column or field: that attribute is what is asked of the other side too (the focus of a question without "what" is every word).
  const attributeTerms = attribute === undefined ? [] : contentTerms(attribute.replace(/_/g, " "));
  const asked = new Set(attributeTerms.length > 0 ? attributeTerms : focus);
  const words = questionSentence(question).split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);
  // Words that only say "compare" ("compared", "versus", "cheaper") name no side.
  const missing = words.filter((word) => !COMPARISON_CUE.test(word) && contentTerms(word).some((term) => !held.has(term)));
  if (missing.length === 0) return undefined;
  const wanted = words.filter((word) => missing.includes(word) || (!COMPARISON_CUE.test(word) && contentTerms(word).some((term) => asked.has(term))));
  // A question that does not name the attribute in its own words still searches for it.
  if (attributeTerms.length > 0 && !wanted.some((word) => contentTerms(word).some((term) => asked.has(term)))) wanted.push(attribute!.replace(/_/g, " "));
  return [...new Set(wanted)].join(" ");
}

/**
 * What to search for when a question asks for one year's figure and no table row of that year was
 * retrieved: the words that say what is asked, the year and the year before it (a table of yearly
 * figures has a column for each, where a sentence names one year).
 */
export function periodTableQuery(question: string, focus: readonly string[], year: string): string | undefined {
  const asked = new Set(focus);
  const words = questionSentence(question).split(/[^\p{L}\p{N}'-]+/u).filter((word) => contentTerms(word).some((term) => asked.has(term)));
  if (words.length === 0) return undefined;
  return [...new Set(words), year, String(Number(year) - 1)].join(" ");
}
