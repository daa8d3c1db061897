import type { MetadataValue } from "../corpus/types.js";
import type { Filters } from "./filters.js";

/** A chunk returned by retrieval, with its rank (1-based) and similarity score (higher is better). */
export interface RetrievedChunk {
  chunkId: string;
  docId: string;
  title: string;
  section: string;
  headingPath: string[];
  text: string;
  score: number;
  rank: number;
  metadata: Record<string, MetadataValue>;
}

export interface SearchOptions {
  topK?: number;
  /** Metadata filters, applied before the top-k cut. */
  filters?: Filters;
}
