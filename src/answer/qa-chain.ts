import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { documentToRetrievedChunk, type IndexRetriever } from "../retrieval/index-retriever.js";
import type { Correction, Query } from "../retrieval/query.js";
import type { RetrievedChunk, SearchOptions } from "../retrieval/types.js";
import { checkGrounding, groundingWarnings } from "./grounding.js";
import type { ChatTurn, QuestionRewriter } from "./question-rewriter.js";
import type { Answerer, AnswerDraft, Citation } from "./types.js";

export interface AskInput {
  question: string;
  /** Chunks the answerer reads (default: the retriever's topK). */
  topK?: number;
  /** Retrieve this many chunks for inspection (evaluation, debugging); the answer still reads only topK. */
  inspectK?: number;
  /** Metadata filters (front-matter field -> value, list of values, or {gte, lte} date range). */
  filters?: SearchOptions["filters"];
  /** Earlier turns of the conversation: a follow-up is rewritten into a standalone question before retrieval. */
  history?: ChatTurn[];
  /** Receives the standalone question when history was used (before retrieval starts). */
  onRewrite?: (rewrittenQuestion: string) => void;
  signal?: AbortSignal;
  /** The request's deadline (ms since the epoch): every LLM call of the request shares what is left of it. */
  deadline?: number;
  /** Receives every retrieved source before the answer starts (for streaming UIs). */
  onSources?: (sources: Citation[]) => void;
  onToken?: (token: string) => void;
  /** The tokens sent so far are void: the LLM stream failed midway and the fallback's answer follows. */
  onReset?: () => void;
}

export interface AskResult {
  /** The question as asked. */
  question: string;
  /** The standalone question retrieval and answering used, when history was given. */
  rewrittenQuestion?: string;
  /** The text retrieval searched for, when it differs from the question: sentences addressed to the assistant removed, misspellings corrected. */
  searchQuery?: string;
  /** The words of the question read as another word (misspellings, clipped words), when any were: what `searchQuery` changed, word by word. */
  corrections?: Correction[];
  answer: string;
  refused: boolean;
  citations: Citation[];
  usedAnswerer: string;
  /** `rewriteMs` only when history was given; `totalMs` includes it. */
  timings: { rewriteMs?: number; retrieveMs: number; answerMs: number; totalMs: number };
  /** The support that decided refusal (0..1). */
  support: number;
  droppedCitations: number;
  /** Answer sentences the grounding check found unsupported by the chunks they cite (0 for a refusal); each is also a warning. */
  unsupportedSentences: number;
  warnings: string[];
  /** The part of `warnings` retrieval wrote (what the search had to do without); the server logs these for the operator. */
  retrievalWarnings: string[];
  usage?: AnswerDraft["usage"];
  /** Everything retrieved (topK, or inspectK when larger), in rank order, for evaluation and debugging. */
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
    chunkId: chunk.id,
  };
}

interface Rewritten extends AskInput {
  started: number;
  /** The question as asked (`question` is now the standalone one). */
  askedQuestion: string;
  rewrittenQuestion?: string;
  rewriteMs?: number;
  rewriteWarnings?: string[];
}

interface Retrieved extends Rewritten {
  query: Query;
  /** What the answerer reads. */
  chunks: RetrievedChunk[];
  /** Everything retrieved (at least `chunks`). */
  inspected: RetrievedChunk[];
  support: number;
  /** Years the question asks about that the top chunks never mention (the refusal names them). */
  unseenYears: string[];
  retrieveMs: number;
  /** What retrieval had to do without (the dense side, when the embeddings endpoint failed). */
  retrievalWarnings: string[];
}

/**
 * The retrieval chain as LangChain runnables: question -> top-k chunks -> cited answer. The server,
 * the CLI and the evaluation all run this same chain. Each step passes its run's callbacks on (to the
 * rewrite's model call, the retriever run, the answer agent), so a callback handler or LangSmith
 * tracing given to `invoke` sees the whole request as one tree of runs.
 */
export function createQaChain(deps: { retriever: Pick<IndexRetriever, "scoped" | "defaultTopK">; answerer: Answerer; rewriter?: QuestionRewriter }) {
  const rewrite = RunnableLambda.from(async (input: AskInput, config): Promise<Rewritten> => {
    const started = performance.now();
    const history = input.history ?? [];
    if (!deps.rewriter || history.length === 0) return { ...input, started, askedQuestion: input.question };
    const rewritten = await deps.rewriter.rewrite({ question: input.question, history, signal: input.signal, deadline: input.deadline, callbacks: config?.callbacks });
    input.onRewrite?.(rewritten.question);
    return {
      ...input,
      question: rewritten.question,
      started,
      askedQuestion: input.question,
      rewrittenQuestion: rewritten.question,
      rewriteMs: performance.now() - started,
      rewriteWarnings: rewritten.warnings,
    };
  }).withConfig({ runName: "rewrite" });

  const retrieve = RunnableLambda.from(async (input: Rewritten, config): Promise<Retrieved> => {
    const retrieveStarted = performance.now();
    const topK = input.topK ?? deps.retriever.defaultTopK;
    const retriever = deps.retriever.scoped({ topK: Math.max(topK, input.inspectK ?? 0), filters: input.filters });
    const documents = await retriever.invoke(input.question, { callbacks: config?.callbacks });
    // The question is typo-corrected and analysed once, by the retriever; support and answer read the same query.
    const { query, retrieval } = retriever.searches[0]!;
    const inspected = documents.map(documentToRetrievedChunk);
    const chunks = inspected.slice(0, topK);
    const support = await retrieval.support();
    const { unseenYears } = await retrieval.signals();
    const retrieveMs = performance.now() - retrieveStarted;
    input.onSources?.(chunks.map((chunk, index) => toCitation(chunk, index + 1)));
    return { ...input, query, chunks, inspected, support, unseenYears, retrieveMs, retrievalWarnings: retrieval.warnings };
  }).withConfig({ runName: "retrieve" });

  const answer = RunnableLambda.from(async (state: Retrieved, config): Promise<AskResult> => {
    const answerStarted = performance.now();
    const draft = await deps.answerer.answer({
      query: state.query,
      chunks: state.chunks,
      support: state.support,
      missing: state.query.names.missing,
      unseenYears: state.unseenYears,
      signal: state.signal,
      deadline: state.deadline,
      onToken: state.onToken,
      onReset: state.onReset,
      // Searching again (agent mode's tool, the extractive answerer's missing side): the request's topK and filters.
      retriever: deps.retriever.scoped({ topK: state.topK ?? deps.retriever.defaultTopK, filters: state.filters }),
      callbacks: config?.callbacks,
    });
    // Agent mode numbers what its searches found after the retrieved chunks.
    const sources = draft.sources ?? state.chunks;
    // The grounding check runs on every answer, whichever answerer wrote it: unsupported sentences are flagged, not removed (they may already be streamed).
    const grounding = draft.refused ? undefined : checkGrounding(draft.text, sources);
    const finished = performance.now();
    const timings = { retrieveMs: round(state.retrieveMs), answerMs: round(finished - answerStarted), totalMs: round(finished - state.started) };
    return {
      question: state.askedQuestion,
      ...(state.rewrittenQuestion === undefined ? {} : { rewrittenQuestion: state.rewrittenQuestion }),
      ...(state.query.text === state.question ? {} : { searchQuery: state.query.text }),
      ...(state.query.corrections.length === 0 ? {} : { corrections: state.query.corrections }),
      answer: draft.text,
      refused: draft.refused,
      citations: draft.cited.map(({ n, snippet }) => toCitation(sources[n - 1]!, n, snippet)),
      usedAnswerer: draft.usedAnswerer,
      timings: state.rewriteMs === undefined ? timings : { rewriteMs: round(state.rewriteMs), ...timings },
      support: Math.round(draft.support * 10_000) / 10_000,
      droppedCitations: draft.droppedCitations,
      unsupportedSentences: grounding?.unsupported ?? 0,
      retrievalWarnings: state.retrievalWarnings,
      warnings: [...(state.rewriteWarnings ?? []), ...state.retrievalWarnings, ...draft.warnings, ...(grounding ? groundingWarnings(grounding) : [])],
      usage: draft.usage,
      // Chunks the answerer found by searching again are part of what was retrieved for this question.
      retrieved: sources === state.chunks ? state.inspected : [...state.inspected, ...sources.filter((chunk) => !state.inspected.some((seen) => seen.id === chunk.id))],
    };
  }).withConfig({ runName: "answer" });

  return RunnableSequence.from([rewrite, retrieve, answer]);
}

export type QaChain = ReturnType<typeof createQaChain>;
