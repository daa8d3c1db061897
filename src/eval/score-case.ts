import type { AskResult } from "../answer/qa-chain.js";
import type { Correction } from "../retrieval/query.js";
import type { EvalCase } from "./eval-set.js";
import type { JudgeVerdict } from "./judge.js";
import { normaliseWhitespace } from "./eval-set.js";
import { factLabel, matchesFact, statesForbidden, tokenF1 } from "./fact-match.js";
import { rankingMetrics } from "./retrieval-metrics.js";

export interface LevelMetrics {
  firstHitRank: number | null;
  "hit@1": number;
  "hit@5": number;
  "hit@10": number;
  recallAtK: number;
  "mrr@10": number;
  "ndcg@10": number;
}

export interface CaseResult {
  id: string;
  question: string;
  tags: string[];
  answerable: boolean;
  answer: string;
  /** What retrieval searched for, when it differs from the question (`AskResult.searchQuery`). */
  searchQuery?: string;
  /** The words of the question read as another word, when any were (`AskResult.corrections`). */
  corrections?: Correction[];
  refused: boolean;
  usedAnswerer: string;
  /** The support that decided refusal (0..1). */
  support: number;
  retrieved: Array<{ rank: number; chunkId: string; docId: string; section: string; score: number; goldQuotes: number[]; goldDoc: boolean }>;
  citations: Array<{ n: number; chunkId: string; docId: string; valid: boolean; holdsGold: boolean }>;
  /** Null for unanswerable cases. `quote`: a chunk hits when it holds a gold quote; `document`: when it is from a gold document. */
  retrieval: { quote: LevelMetrics; document: LevelMetrics } | null;
  factsMatched: string[];
  factsMissed: string[];
  factRecall: number | null;
  /** How many forbidden facts the case defines. */
  forbiddenChecked: number;
  forbiddenFound: string[];
  tokenF1: number | null;
  timings: { retrieveMs: number; answerMs: number; totalMs: number };
  usage?: { inputTokens: number; outputTokens: number };
  /** Answer sentences the grounding check found unsupported by the chunks they cite (the runtime twin of citationPrecision). */
  unsupportedSentences: number;
  warnings: string[];
  pass: boolean;
  failReasons: string[];
  /** LLM judge verdicts, one per repeat, when a judge ran. */
  judge?: JudgeVerdict[];
}

function levelMetrics(keys: Array<Array<string | number>>, goldCount: number, k: number): LevelMetrics {
  const ranking = rankingMetrics(keys, goldCount);
  return {
    firstHitRank: ranking.firstHitRank,
    "hit@1": ranking.hitAt(1),
    "hit@5": ranking.hitAt(5),
    "hit@10": ranking.hitAt(10),
    recallAtK: ranking.recallAt(k),
    "mrr@10": ranking.mrrAt(10),
    "ndcg@10": ranking.ndcgAt(10),
  };
}

/**
 * Scores one answered case. A retrieved chunk holds a gold quote when its text contains the quote
 * after whitespace normalisation; it is a gold document when its document is one of the case's.
 * A case passes when an answerable question is answered with every fact and no forbidden one, or an
 * unanswerable one is refused.
 */
export function scoreCase(evalCase: EvalCase, result: AskResult, k: number): CaseResult {
  const quotes = evalCase.evidence.map((gold) => ({ doc: gold.doc, text: normaliseWhitespace(gold.quote) }));
  const goldDocs = [...new Set(evalCase.evidence.map((gold) => gold.doc))];
  const retrieved = result.retrieved.map((chunk) => {
    const text = normaliseWhitespace(chunk.text);
    const goldQuotes = quotes.flatMap((quote, index) => (quote.doc === chunk.docId && text.includes(quote.text) ? [index] : []));
    return { rank: chunk.rank, chunkId: chunk.id, docId: chunk.docId, section: chunk.section, score: chunk.score, goldQuotes, goldDoc: goldDocs.includes(chunk.docId) };
  });
  const retrievedIds = new Set(result.retrieved.map((chunk) => chunk.id));
  const citations = result.citations.map((citation) => {
    const chunk = retrieved.find((entry) => entry.chunkId === citation.chunkId);
    return { n: citation.n, chunkId: citation.chunkId, docId: citation.docId, valid: retrievedIds.has(citation.chunkId), holdsGold: (chunk?.goldQuotes.length ?? 0) > 0 };
  });
  const retrieval = evalCase.answerable
    ? {
        quote: levelMetrics(retrieved.map((chunk) => chunk.goldQuotes), quotes.length, k),
        document: levelMetrics(retrieved.map((chunk) => (chunk.goldDoc ? [chunk.docId] : [])), goldDocs.length, k),
      }
    : null;
  const answerText = result.refused ? "" : result.answer;
  const factsMatched = evalCase.facts.filter((fact) => matchesFact(answerText, fact)).map(factLabel);
  const factsMissed = evalCase.facts.filter((fact) => !matchesFact(answerText, fact)).map(factLabel);
  const forbiddenFound = evalCase.forbidden.filter((fact) => statesForbidden(answerText, fact)).map(factLabel);
  const failReasons: string[] = [];
  if (evalCase.answerable) {
    if (result.refused) failReasons.push("refused an answerable question");
    else if (factsMissed.length > 0) failReasons.push(`missing facts: ${factsMissed.join(", ")}`);
    if (forbiddenFound.length > 0) failReasons.push(`stated forbidden facts: ${forbiddenFound.join(", ")}`);
    if (evalCase.facts.length === 0 && retrieval?.quote["hit@5"] === 0) failReasons.push("no gold quote in the top 5");
  } else if (!result.refused) {
    failReasons.push("answered an unanswerable question");
  }
  return {
    id: evalCase.id,
    question: evalCase.question,
    tags: evalCase.tags,
    answerable: evalCase.answerable,
    answer: result.answer,
    ...(result.searchQuery === undefined ? {} : { searchQuery: result.searchQuery }),
    ...(result.corrections === undefined ? {} : { corrections: result.corrections }),
    refused: result.refused,
    usedAnswerer: result.usedAnswerer,
    support: result.support,
    retrieved,
    citations,
    retrieval,
    factsMatched,
    factsMissed,
    factRecall: evalCase.answerable && evalCase.facts.length > 0 ? factsMatched.length / evalCase.facts.length : null,
    forbiddenChecked: evalCase.forbidden.length,
    forbiddenFound,
    tokenF1: evalCase.answerable && evalCase.reference ? tokenF1(answerText, evalCase.reference) : null,
    timings: result.timings,
    usage: result.usage,
    unsupportedSentences: result.unsupportedSentences,
    warnings: result.warnings,
    pass: failReasons.length === 0,
    failReasons,
  };
}
