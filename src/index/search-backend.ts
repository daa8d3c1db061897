import type { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Filters } from "../retrieval/filters.js";
import type { IndexManifest } from "./index-manifest.js";

/** A candidate from one side of the search: the chunk's key (its position in the build) and a score, higher is better. */
export interface ScoredKey {
  key: string;
  score: number;
}

/**
 * What retrieval needs of an index, whatever stores it. Two implementations: the embedded default
 * (`hnsw-backend.ts`: hnswlib graph + MiniSearch BM25 in a version folder) and PostgreSQL
 * (`pgvector/pgvector-backend.ts`: pgvector HNSW + tsvector full-text search in versioned tables).
 * Fusion, entity and date adjustments, reranking and the per-document cap are written once, in
 * `IndexRetriever`, against this interface.
 */
export interface SearchBackend {
  readonly kind: "hnsw" | "pgvector";
  readonly manifest: IndexManifest;
  /** The embedder the index was built with (queries are embedded with it). */
  readonly embeddings: Embeddings;
  /** Every chunk of the build; a chunk's key is its position here (the label it was built with). */
  readonly chunks: readonly Document[];
  /** Nearest chunks by cosine similarity (1 - distance), filters applied before the cut. */
  dense(vector: number[], k: number, filters?: Filters): Promise<ScoredKey[]>;
  /** Best full-text matches, filters applied before the cut. */
  sparse(query: string, k: number, filters?: Filters): Promise<ScoredKey[]>;
  /**
   * Lexical support for the question, 0..1, among chunks the filters allow: the part of the refusal
   * evidence that depends on the full-text engine (see `IndexRetriever.evidence`).
   */
  lexicalEvidence(query: string, filters?: Filters): Promise<number>;
}
