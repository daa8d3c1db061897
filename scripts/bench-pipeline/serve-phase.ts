import { createHash } from "node:crypto";
import { buildValueProfile } from "../../src/answer/value-profile.js";
import { loadConfig } from "../../src/config/config.js";
import { createRagContext } from "../../src/context.js";
import { IndexRetriever } from "../../src/retrieval/index-retriever.js";
import { checkNames } from "../../src/retrieval/names.js";
import { loadRetrievalData } from "../../src/retrieval/stored-retrieval-data.js";
import { correctionOf, correctTypos } from "../../src/retrieval/typo-correction.js";
import { placeNames } from "../../src/text/wordnet.js";
import { type LatencySummary, summarizeLatencies } from "../bench-index/latency-summary.js";
import { benchQuestions, type BenchQuestion } from "./questions.js";
import { timedBackend } from "./timed-backend.js";

/** The stages of one question, in the order they run. */
export const STAGES = ["rewrite", "typo correction", "names check", "prepare (all)", "query embedding", "dense", "sparse (BM25)", "fusion + rerank", "support", "answer"] as const;
export type Stage = (typeof STAGES)[number];

export interface ServeFigures {
  chunks: number;
  questions: number;
  questionKinds: Record<string, number>;
  loadMs: number;
  /**
   * Parts of createRagContext's load, each done once more on its own to time it: the retrieval data
   * (vocabulary, term statistics, chunk features: read from the build, or computed for a build made
   * before they were stored) and the value profile. Older reports have termStatistics and vocabulary
   * (both computed from the chunks at every load then) instead of retrievalData.
   */
  loadStagesMs: { retrievalData?: number; termStatistics?: number; vocabulary?: number; valueProfile: number };
  /** Retrieval files the build lacked, computed at load (absent in older reports). */
  computedAtLoad?: string[];
  rssBeforeLoadBytes: number;
  /** After createRagContext and a full GC, before any question. */
  rssAfterLoadBytes: number;
  heapUsedAfterLoadBytes: number;
  /** After the questions (no forced GC), before the stage split loads its own copy of the retrieval data (runs before round 5 took it after that copy). */
  rssAfterQuestionsBytes: number;
  search: LatencySummary;
  ask: LatencySummary;
  stages: Record<Stage, LatencySummary>;
  /** Questions whose ranked chunk ids differed between the timed retriever and the served one (must be 0). */
  timedMismatches: number;
  refused: number;
  /** sha256 per question of (search chunk ids, answer, refused, cited chunk ids), and of all of them. */
  fingerprints: string[];
  fingerprint: string;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const since = (started: number): number => performance.now() - started;

/**
 * Loads the index like `npm run serve` (createRagContext), then runs the questions through
 * `retriever.search` (/v1/search) and `chain.invoke` (/v1/ask), and once more through a retriever
 * over a timed copy of the backend to split the time by stage.
 */
export async function runServePhase(corpus: string, dataDir: string, questionCount: number): Promise<ServeFigures> {
  const config = loadConfig({}, { corpus, dataDir });
  gc();
  const rssBeforeLoadBytes = process.memoryUsage().rss;
  let started = performance.now();
  const context = await createRagContext(config);
  const loadMs = since(started);
  gc();
  const memory = process.memoryUsage();
  const { backend } = context;
  const topK = config.retrieval.topK;

  const questions = benchQuestions(backend.chunks, questionCount);
  for (const warmUp of benchQuestions(backend.chunks, 10, 99)) {
    await context.retriever.search(warmUp.question);
    await context.chain.invoke({ question: warmUp.question, history: warmUp.history });
  }

  const searchMs: number[] = [];
  const askMs: number[] = [];
  const stageMs = Object.fromEntries(STAGES.map((stage) => [stage, [] as number[]])) as Record<Stage, number[]>;
  const fingerprints: string[] = [];
  const standalone: string[] = [];
  let refused = 0;
  for (const entry of questions) {
    started = performance.now();
    const searched = await context.retriever.search(entry.question, { topK });
    searchMs.push(since(started));
    started = performance.now();
    const asked = await context.chain.invoke({ question: entry.question, history: entry.history });
    askMs.push(since(started));
    if (asked.timings.rewriteMs !== undefined) stageMs.rewrite.push(asked.timings.rewriteMs);
    stageMs.answer.push(asked.timings.answerMs);
    if (asked.refused) refused += 1;
    standalone.push(asked.rewrittenQuestion ?? entry.question);
    fingerprints.push(fingerprintOf(entry, searched.chunks.map((chunk) => chunk.id), asked.answer, asked.refused, asked.citations.map((citation) => citation.chunkId)));
  }
  // Taken before the second copy of the retrieval data below, so that it is what serving holds (runs
  // before round 5 loaded that copy before the questions, and counted it here too).
  const rssAfterQuestionsBytes = process.memoryUsage().rss;

  started = performance.now();
  // A second copy, so the typo stage below has its own correction cache (warmed by the same questions).
  const { vocabulary, statistics, features } = await loadRetrievalData(backend, config.scoring);
  const retrievalData = since(started);
  started = performance.now();
  buildValueProfile(backend.chunks, statistics);
  const valueProfile = since(started);

  // Stage split: the same components over a backend with stopwatches (results pass through).
  const timed = timedBackend(backend);
  const timedRetriever = new IndexRetriever(timed.backend, config, vocabulary, statistics, features);
  let timedMismatches = 0;
  const typos = config.scoring.typos;
  for (const [index, question] of standalone.entries()) {
    if (config.retrieval.typoCorrection) {
      started = performance.now();
      correctTypos(question, vocabulary.typos, typos, config.scoring.clipped);
      stageMs["typo correction"].push(since(started));
    }
    started = performance.now();
    checkNames(question, vocabulary.names, (name) => placeNames().has(name), (word) => correctionOf(word, vocabulary.typos, typos));
    stageMs["names check"].push(since(started));
    started = performance.now();
    const query = timedRetriever.prepare(question);
    stageMs["prepare (all)"].push(since(started));
    timed.timers.reset();
    started = performance.now();
    const retrieval = await timedRetriever.retrieve(query, { topK });
    const retrieveMs = since(started);
    stageMs["query embedding"].push(timed.timers.embed);
    stageMs.dense.push(timed.timers.dense);
    stageMs["sparse (BM25)"].push(timed.timers.sparse);
    // Dense and sparse run side by side (Promise.all); on the embedded backend they do not overlap.
    // The rest of retrieve is fusion, entity/date adjustment, rerank features and the per-document cap.
    stageMs["fusion + rerank"].push(Math.max(0, retrieveMs - timed.timers.embed - timed.timers.dense - timed.timers.sparse));
    started = performance.now();
    await retrieval.support();
    stageMs.support.push(since(started));
    if (questions[index]!.history === undefined) {
      const served = await context.retriever.search(question, { topK });
      if (served.chunks.map((chunk) => chunk.id).join() !== retrieval.chunks.map((chunk) => chunk.id).join()) timedMismatches += 1;
    }
  }
  await context.close();
  return {
    chunks: backend.chunks.length,
    questions: questions.length,
    questionKinds: questions.reduce<Record<string, number>>((counts, entry) => ({ ...counts, [entry.kind]: (counts[entry.kind] ?? 0) + 1 }), {}),
    loadMs,
    loadStagesMs: { retrievalData, valueProfile },
    computedAtLoad: context.computedAtLoad,
    rssBeforeLoadBytes,
    rssAfterLoadBytes: memory.rss,
    heapUsedAfterLoadBytes: memory.heapUsed,
    rssAfterQuestionsBytes,
    search: summarizeLatencies(searchMs),
    ask: summarizeLatencies(askMs),
    stages: Object.fromEntries(STAGES.map((stage) => [stage, summarizeLatencies(stageMs[stage])])) as Record<Stage, LatencySummary>,
    timedMismatches,
    refused,
    fingerprints,
    fingerprint: createHash("sha256").update(fingerprints.join("\n")).digest("hex"),
  };
}

function fingerprintOf(entry: BenchQuestion, searchIds: string[], answer: string, refused: boolean, citedIds: string[]): string {
  return createHash("sha256").update(JSON.stringify([entry.question, entry.history ?? [], searchIds, answer, refused, citedIds])).digest("hex").slice(0, 16);
}
