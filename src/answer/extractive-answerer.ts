import type { ScoringSettings } from "../config/scoring.js";
import type { Query } from "../retrieval/query.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { adjacentPairs } from "../text/tokenize.js";
import { coverage, type SourcePassage, sourcePassages, termWeights } from "./passages.js";
import { type AnswerDraft, type AnswerInput, type Answerer, refusalText } from "./types.js";

export interface ExtractiveSettings {
  /** Minimum support (0..1) to answer at all. */
  minSupport: number;
  /** Most passages (sentences, items, rows) quoted in one answer. */
  maxSentences: number;
  /** How many of the top retrieved chunks to read. */
  readChunks: number;
  /** Describes the corpus in refusals ("Cobalt Harbor Bank documents"). */
  corpusDescription: string;
  passages: ScoringSettings["passages"];
}

// Questions that ask for an amount, a rate, a count, a duration or a date.
const WANTS_NUMBER = /\b(how (much|many|long|soon|often|old)|what (is|are|was|were) the (fee|rate|cost|price|limit|amount|apr|apy|minimum|maximum|penalty|deadline)|fee|rate|apr|apy|cost|percentage|limit|when|deadline|minimum|maximum)\b/i;
const HAS_NUMBER = /[$%]|\d/;

/** A passage with its blended coverage of the question and its final score. */
export interface ScoredPassage {
  passage: SourcePassage;
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

/**
 * Scores every passage of the chunks against the question. A passage's coverage blends its own
 * coverage with its chunk's (so "the $12 fee" in the section about the account the question names
 * beats the same words elsewhere); the best blended coverage is the fallback support.
 */
export function scorePassages(query: Pick<Query, "text" | "terms">, chunks: RetrievedChunk[], statistics: TermStatistics, settings: ScoringSettings["passages"]): ScoredPassage[] {
  const weights = termWeights(query.terms, statistics);
  const wantsNumber = WANTS_NUMBER.test(query.text);
  const questionPairs = new Set(adjacentPairs(query.terms));
  const passages = sourcePassages(chunks);
  // A chunk's words are its passages' words plus their heading path and table headers (all cached per chunk).
  const chunkTerms = chunks.map(() => new Set<string>());
  for (const passage of passages) {
    const terms = chunkTerms[passage.n - 1]!;
    for (const set of [passage.terms, passage.headingTerms, passage.tableTerms]) for (const term of set) terms.add(term);
  }
  const chunkCoverage = chunkTerms.map((terms) => coverage({ terms, headingTerms: new Set(), tableTerms: new Set() }, weights, settings.headingTerm));
  return passages.map((passage) => {
    const blended = settings.ownCoverage * coverage(passage, weights, settings.headingTerm) + settings.chunkCoverage * chunkCoverage[passage.n - 1]!;
    const chunk = chunks[passage.n - 1]!;
    // A passage that only repeats the question's words tells the user nothing new.
    let novel = 0;
    for (const term of passage.terms) if (!weights.has(term)) novel += 1;
    let phrases = 0;
    for (const pair of questionPairs) if (passage.pairs.has(pair)) phrases += 1;
    const score =
      blended +
      settings.phrase * Math.min(phrases, settings.maxPhrases) +
      settings.chunkScore * Math.max(0, chunk.score) +
      settings.rankBonus / chunk.rank +
      (wantsNumber && HAS_NUMBER.test(passage.text) ? settings.numberBonus : 0) -
      (novel < settings.minNovelTerms ? settings.fewNovelPenalty : 0);
    return { passage, coverage: blended, score };
  });
}

/** The best passage's blended coverage: the support an answerer falls back on when retrieval gave none. */
export function bestCoverage(scored: ScoredPassage[]): number {
  return scored.reduce((best, entry) => Math.max(best, entry.coverage), 0);
}

/**
 * The offline default answerer: quotes the sentences, list items or table rows of the retrieved chunks
 * that cover the most of the question, each with its [n] citation, and refuses when the support is too
 * weak. Deterministic: same question and chunks, same answer.
 */
export function createExtractiveAnswerer(statistics: TermStatistics, settings: ExtractiveSettings): Answerer {
  return {
    name: "extractive",
    async answer(input: AnswerInput): Promise<AnswerDraft> {
      const chunks = input.chunks.slice(0, settings.readChunks);
      const scored = scorePassages(input.query, chunks, statistics, settings.passages).sort(
        (a, b) => b.score - a.score || a.passage.n - b.passage.n || a.passage.order - b.passage.order,
      );
      const support = input.support ?? bestCoverage(scored);
      if (scored.length === 0 || support < settings.minSupport) {
        const text = refusalText(settings.corpusDescription);
        input.onToken?.(text);
        return { text, refused: true, cited: [], usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
      }
      const best = scored[0]!;
      const chosen: ScoredPassage[] = [best];
      for (const candidate of scored.slice(1)) {
        if (chosen.length >= settings.maxSentences) break;
        if (candidate.score < best.score * settings.passages.keepWithin) break;
        if (chosen.some((entry) => termOverlap(entry.passage.terms, candidate.passage.terms) > settings.passages.maxOverlap)) continue;
        chosen.push(candidate);
      }
      // Group the chosen passages by source, sources in order of their best passage, passages in reading order.
      const bySource = new Map<number, SourcePassage[]>();
      for (const entry of chosen) bySource.set(entry.passage.n, [...(bySource.get(entry.passage.n) ?? []), entry.passage]);
      const parts: string[] = [];
      const cited: AnswerDraft["cited"] = [];
      for (const [n, passages] of bySource) {
        const ordered = passages.sort((a, b) => a.order - b.order).map((passage) => passage.text);
        parts.push(`${ordered.join(" ")} [${n}]`);
        cited.push({ n, snippet: ordered.join(" … ") });
      }
      const text = parts.join(" ");
      input.onToken?.(text);
      return { text, refused: false, cited, usedAnswerer: "extractive", droppedCitations: 0, support, warnings: [] };
    },
  };
}
