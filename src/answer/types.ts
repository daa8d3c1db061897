import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { BaseRetrieverInterface } from "@langchain/core/retrievers";
import type { Chunk } from "../chunking/types.js";
import type { MissingName } from "../retrieval/names.js";
import type { Query } from "../retrieval/query.js";
import type { RetrievedChunk } from "../retrieval/types.js";

/** A source the answer cites, numbered as it was given to the answerer: the chunk's identity plus the quoted passage. */
export interface Citation extends Pick<Chunk, "docId" | "title" | "section"> {
  n: number;
  chunkId: Chunk["id"];
  /** The supporting passage, quoted from the chunk. */
  snippet: string;
  score: number;
}

export interface AnswerInput {
  /** The question as retrieval read it (typo-corrected text and its terms). */
  query: Query;
  /** Retrieved chunks; chunk i is source [i + 1]. */
  chunks: RetrievedChunk[];
  /** Retrieval's support for the question (0..1); refusal compares it with the threshold. Without it, the best passage's coverage. */
  support?: number;
  /** Names, variants or periods the question asks about that the documents never mention: the answer is a refusal that says so. */
  missing?: MissingName[];
  /** Years the question asks about that the retrieved chunks never mention: a refusal (support 0) says so. */
  unseenYears?: string[];
  signal?: AbortSignal;
  /** The request's deadline (ms since the epoch): every LLM call of the request shares what is left of it. */
  deadline?: number;
  /** Receives the answer text as it grows (LLM streaming); the extractive answerer sends it in one piece. */
  onToken?: (token: string) => void;
  /** The tokens sent so far are void (a stream failed midway and the fallback answers): called before its tokens. */
  onReset?: () => void;
  /** Searches the index with the request's topK and filters (documents made by `retrievedChunkToDocument`): the agent's search tool. */
  retriever?: BaseRetrieverInterface;
  /** LangChain callbacks of the answer run, so model calls and tool calls are traced inside it. */
  callbacks?: Callbacks;
}

/** What an answerer produces before the chain turns it into the public result. */
export interface AnswerDraft {
  text: string;
  refused: boolean;
  /** Cited sources (1-based numbers into the chunks, or into `sources`), each with the passage that supports the answer. */
  cited: { n: number; snippet: string }[];
  /** The numbered sources when the answerer found more than the chunks it was given (agent mode's searches, or the extractive answerer's second search): the given chunks first, then what was added. */
  sources?: RetrievedChunk[];
  usedAnswerer: string;
  /** [n] markers the answer contained that pointed at no retrieved chunk; removed from the text. */
  droppedCitations: number;
  /** The support that decided refusal (0..1). */
  support: number;
  warnings: string[];
  usage?: { inputTokens: number; outputTokens: number };
}

/** Turns a question and retrieved chunks into a cited answer or a refusal. */
export interface Answerer {
  readonly name: string;
  answer(input: AnswerInput): Promise<AnswerDraft>;
}
