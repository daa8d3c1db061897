import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import type { IndexRetriever } from "../retrieval/index-retriever.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import type { Answerer, AnswerDraft, Citation } from "./types.js";

export interface AskInput {
  question: string;
  topK?: number;
  signal?: AbortSignal;
  /** Receives every retrieved source before the answer starts (for streaming UIs). */
  onSources?: (sources: Citation[]) => void;
  onToken?: (token: string) => void;
}

export interface AskResult {
  question: string;
  answer: string;
  refused: boolean;
  citations: Citation[];
  usedAnswerer: string;
  timings: { retrieveMs: number; answerMs: number; totalMs: number };
  /** Lexical evidence that decided refusal (0..1). */
  evidence: number;
  droppedCitations: number;
  warnings: string[];
  usage?: AnswerDraft["usage"];
  /** Everything retrieved, in rank order (for evaluation and debugging). */
  retrieved: RetrievedChunk[];
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** A retrieved chunk as a citation, with a snippet (the start of the chunk unless the answerer chose one). */
export function toCitation(chunk: RetrievedChunk, n: number, snippet?: string): Citation {
  const fallback = chunk.text.length > 300 ? `${chunk.text.slice(0, 299).trimEnd()}…` : chunk.text;
  return {
    n,
    docId: chunk.docId,
    title: chunk.title,
    section: chunk.section,
    snippet: snippet ?? fallback,
    score: Math.round(chunk.score * 10_000) / 10_000,
    chunkId: chunk.chunkId,
  };
}

interface Retrieved extends AskInput {
  started: number;
  chunks: RetrievedChunk[];
  retrieveMs: number;
}

/**
 * The retrieval chain as LangChain runnables: question -> top-k chunks -> cited answer. The server,
 * the CLI and the evaluation all run this same chain.
 */
export function createQaChain(deps: { retriever: IndexRetriever; answerer: Answerer }) {
  const retrieve = RunnableLambda.from(async (input: AskInput): Promise<Retrieved> => {
    const started = performance.now();
    const chunks = await deps.retriever.search(input.question, { topK: input.topK });
    const retrieveMs = performance.now() - started;
    input.onSources?.(chunks.map((chunk, index) => toCitation(chunk, index + 1)));
    return { ...input, started, chunks, retrieveMs };
  }).withConfig({ runName: "retrieve" });

  const answer = RunnableLambda.from(async (state: Retrieved): Promise<AskResult> => {
    const answerStarted = performance.now();
    const draft = await deps.answerer.answer({
      question: state.question,
      chunks: state.chunks,
      signal: state.signal,
      onToken: state.onToken,
    });
    const finished = performance.now();
    return {
      question: state.question,
      answer: draft.text,
      refused: draft.refused,
      citations: draft.cited.map(({ n, snippet }) => toCitation(state.chunks[n - 1]!, n, snippet)),
      usedAnswerer: draft.usedAnswerer,
      timings: { retrieveMs: round(state.retrieveMs), answerMs: round(finished - answerStarted), totalMs: round(finished - state.started) },
      evidence: Math.round(draft.evidence * 10_000) / 10_000,
      droppedCitations: draft.droppedCitations,
      warnings: draft.warnings,
      usage: draft.usage,
      retrieved: state.chunks,
    };
  }).withConfig({ runName: "answer" });

  return RunnableSequence.from([retrieve, answer]);
}

export type QaChain = ReturnType<typeof createQaChain>;
