import type { ScoringSettings } from "../config/scoring.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { answerType } from "./answer-type.js";
import { composeAnswer } from "./compose-answer.js";
import { bestCoverage, scorePassages } from "./passage-scoring.js";
import { missingNameRefusal, refusalText } from "./refusal.js";
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
      const scored = scorePassages(input.query, chunks, resources.statistics, settings.passages, type).sort(
        (a, b) => b.score - a.score || a.passage.n - b.passage.n || a.passage.order - b.passage.order,
      );
      const support = input.missing?.length ? 0 : (input.support ?? bestCoverage(scored));
      if (input.missing?.length) {
        const refusal = missingNameRefusal(input.missing, chunks);
        input.onToken?.(refusal.text);
        return { ...refusal, refused: true, usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
      }
      if (scored.length === 0 || support < settings.minSupport) {
        const text = refusalText(settings.corpusDescription);
        input.onToken?.(text);
        return { text, refused: true, cited: [], usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
      }
      const composed = composeAnswer({ query: input.query, type, scored, chunks, statistics: resources.statistics, settings: settings.passages });
      input.onToken?.(composed.text);
      return { text: composed.text, refused: false, cited: composed.cited, usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
    },
  };
}
