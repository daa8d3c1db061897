import type { RetrievedChunk } from "../retrieval/types.js";

/** A source the answer cites, numbered as it was given to the answerer. */
export interface Citation {
  n: number;
  docId: string;
  title: string;
  section: string;
  /** The supporting passage, quoted from the chunk. */
  snippet: string;
  score: number;
  chunkId: string;
}

export interface AnswerInput {
  question: string;
  /** Retrieved chunks; chunk i is source [i + 1]. */
  chunks: RetrievedChunk[];
  /** Retrieval's evidence that the corpus answers the question (0..1); refusal compares it with the threshold. */
  evidence?: number;
  signal?: AbortSignal;
  /** Receives the answer text as it grows (LLM streaming); the extractive answerer sends it in one piece. */
  onToken?: (token: string) => void;
  /** The tokens sent so far are void (a stream failed midway and the fallback answers): called before its tokens. */
  onReset?: () => void;
}

/** What an answerer produces before the chain turns it into the public result. */
export interface AnswerDraft {
  text: string;
  refused: boolean;
  /** Cited sources (1-based numbers into the chunks), each with the passage that supports the answer. */
  cited: { n: number; snippet: string }[];
  usedAnswerer: string;
  /** [n] markers the answer contained that pointed at no retrieved chunk; removed from the text. */
  droppedCitations: number;
  /** The lexical evidence score that decided refusal (0..1). */
  evidence: number;
  warnings: string[];
  usage?: { inputTokens: number; outputTokens: number };
}

/** Turns a question and retrieved chunks into a cited answer or a refusal. */
export interface Answerer {
  readonly name: string;
  answer(input: AnswerInput): Promise<AnswerDraft>;
}

/** The sentence every refusal starts with, so users and tests can recognise it. */
export function refusalText(corpusDescription: string): string {
  return `The documents do not say. I could not find a passage in the ${corpusDescription} that answers this question, so I will not guess.`;
}
