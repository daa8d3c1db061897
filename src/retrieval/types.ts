import type { Chunk } from "../chunking/types.js";
import type { Filters } from "../index/filters.js";
import type { SupportSignals } from "./support.js";

/** A chunk returned by retrieval, with its rank (1-based) and similarity score (higher is better). */
export interface RetrievedChunk extends Chunk {
  score: number;
  rank: number;
}

export interface SearchOptions {
  topK?: number;
  /** Metadata filters, applied before the top-k cut. */
  filters?: Filters;
}

/** What one search returns: the chunks, and the support they give the question (0..1, computed on demand). */
export interface Retrieval {
  chunks: RetrievedChunk[];
  /** How strongly the corpus supports the question, 0..1 on a calibrated scale (see `support.ts`); refusal compares it with a threshold. */
  support(): Promise<number>;
  /** What the support score is computed from (computed once, on demand). */
  signals(): Promise<SupportSignals>;
  /** What the search had to do without, e.g. the dense side when the embeddings endpoint failed; empty when nothing was missing. */
  warnings: string[];
}
