import type { ScoringSettings } from "../config/scoring.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { documentToRetrievedChunk } from "../retrieval/index-retriever.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { answerType, focusTerms } from "./answer-type.js";
import { type ComposedAnswer, composeAnswer, composeParts, missingSideQuery, periodTableQuery } from "./compose-answer.js";
import { bestCoverage, rowPeriodFit, type ScoredPassage, scorePassages } from "./passage-scoring.js";
import { laterTerms, partStatistics } from "./question-parts.js";
import { contentTerms } from "../text/tokenize.js";
import { questionParts } from "../text/question-parts.js";
import { periodsIn } from "./row-keys.js";
import { missingNameRefusal, refusalText, unseenYearsRefusal } from "./refusal.js";
import type { AnswerDraft, AnswerInput, Answerer } from "./types.js";
import type { ValueProfile } from "./value-profile.js";

export interface ExtractiveSettings {
  /** Minimum support (0..1) to answer at all. */
  minSupport: number;
  /** How many of the top retrieved chunks to read. */
  readChunks: number;
  /** Describes the corpus in refusals ("Cobalt Harbor Bank documents"). */
  corpusDescription: string;
  passages: ScoringSettings["passages"];
}

/** What the offline answerer knows of the corpus: term weights and which values sit near which words. */
export interface AnswerResources {
  statistics: TermStatistics;
  profile: ValueProfile;
}

/** Chunks a second search (the missing side of a comparison, a year's table) adds at most. */
const SEARCH_AGAIN_CHUNKS = 3;

/** The direct answer: the text up to its first citation marker. */
const firstSentence = (text: string): string => text.split(/\s\[\d+\]/)[0] ?? text;

const sortScored = (scored: ScoredPassage[]) =>
  scored.sort((a, b) => b.score - a.score || a.passage.n - b.passage.n || a.passage.order - b.passage.order);

/**
 * The offline default answerer: works out what kind of answer the question asks for, scores the
 * sentences, list items, table rows and record fields of the retrieved chunks, and answers with a
 * direct statement from the best one (a cell read by row and column, a field with its record's name,
 * a procedure's steps, or the sentence), the other side of a comparison with the difference, and at
 * most two supporting quotes; every statement cites its chunk. It refuses when the support is too
 * weak. Deterministic: same question and chunks, same answer.
 */
export function createExtractiveAnswerer(resources: AnswerResources, settings: ExtractiveSettings): Answerer {
  return {
    name: "extractive",
    async answer(input: AnswerInput): Promise<AnswerDraft> {
      const chunks = input.chunks.slice(0, settings.readChunks);
      const type = answerType(input.query.text, input.query.terms, resources.profile);
      const scored = sortScored(scorePassages(input.query, chunks, resources.statistics, settings.passages, type));
      const support = input.missing?.length ? 0 : (input.support ?? bestCoverage(scored));
      if (input.missing?.length) {
        const refusal = missingNameRefusal(input.missing, chunks);
        input.onToken?.(refusal.text);
        return { ...refusal, refused: true, usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
      }
      if (scored.length === 0 || support < settings.minSupport) {
        const text = input.unseenYears?.length ? unseenYearsRefusal(input.unseenYears) : refusalText(settings.corpusDescription);
        input.onToken?.(text);
        return { text, refused: true, cited: [], usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
      }
      // A question that asks several things ("What's the fee, and how do I avoid it?") is answered part by part, each part with its own answer type and its own words weighed up.
      // One part (the question itself) is answered as a whole: nothing to type or weigh again.
      const split = questionParts(input.query.text);
      const spelled = split.map((part) => ({ textTerms: contentTerms(part.text), own: part.own }));
      const parts = (split.length < 2 ? [] : split).map((part, index) => {
        const query = { ...input.query, text: part.text, askedTerms: part.own, laterTerms: laterTerms(input.query.terms, spelled, index) };
        const partType = answerType(part.text, part.own.length > 0 ? part.own : input.query.terms, resources.profile);
        return { query, type: partType, statistics: partStatistics(resources.statistics, part.own, settings.passages.partTermWeight) };
      });
      const compose = (from: RetrievedChunk[]) => {
        const ranked = from === chunks ? scored : sortScored(scorePassages(input.query, from, resources.statistics, settings.passages, type));
        if (parts.length < 2) return composeAnswer({ query: input.query, type, scored: ranked, chunks: from, statistics: resources.statistics, settings: settings.passages });
        return composeParts(
          parts.map((part) => {
            const partRanked = sortScored(scorePassages(part.query, from, part.statistics, settings.passages, part.type));
            return { query: part.query, type: part.type, scored: partRanked, chunks: from, statistics: part.statistics, settings: settings.passages, part: true };
          }),
        );
      };
      // A second search: its new chunks follow the given ones (ranked after them); its answer is kept only when `better` says it is.
      const searchAgain = async (text: string | undefined, better: (again: ComposedAnswer) => boolean) => {
        // The request's own retriever (its topK and filters), invoked as a LangChain retriever so callbacks and tracing see the search; without one, the answerer reads only what it is given.
        if (!text || !input.retriever) return undefined;
        const known = new Set(chunks.map((chunk) => chunk.id));
        const found = (await input.retriever.invoke(text, { callbacks: input.callbacks })).map(documentToRetrievedChunk).slice(0, settings.readChunks);
        const more = found.filter((chunk) => !known.has(chunk.id)).slice(0, SEARCH_AGAIN_CHUNKS);
        if (more.length === 0) return undefined;
        const extended = [...chunks, ...more.map((chunk, index) => ({ ...chunk, rank: chunks.length + index + 1 }))];
        const again = compose(extended);
        return better(again) ? { composed: again, sources: extended } : undefined;
      };
      let answer: { composed: ComposedAnswer; sources: RetrievedChunk[] } = { composed: compose(chunks), sources: chunks };
      const periods = periodsIn(input.query.text);
      if (answer.composed.oneSided !== undefined) {
        // A comparison answered on one side: search for the other side, keep the answer if it states both.
        const text = missingSideQuery(input.query.text, chunks[answer.composed.oneSided - 1]!, focusTerms(input.query.text, input.query.terms), answer.composed.sideAttribute);
        answer = (await searchAgain(text, (again) => again.oneSided === undefined)) ?? answer;
      } else if (periods.years.size === 1 && periods.parts.size === 0 && !answer.composed.periodCell && !firstSentence(answer.composed.text).includes([...periods.years][0]!) && !scored.some((entry) => rowPeriodFit(entry.passage, periods) > 0)) {
        // A year's figure, the answer does not name that year, and no table row of that year among the chunks: tables of yearly figures list the years before it too.
        const text = periodTableQuery(input.query.text, focusTerms(input.query.text, input.query.terms), [...periods.years][0]!);
        answer = (await searchAgain(text, (again) => again.periodCell === true)) ?? answer;
      }
      const { composed, sources } = answer;
      input.onToken?.(composed.text);
      const draft: AnswerDraft = { text: composed.text, refused: false, cited: composed.cited, usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
      return sources === chunks ? draft : { ...draft, sources };
    },
  };
}
