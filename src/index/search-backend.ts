import type { Embeddings } from "@langchain/core/embeddings";
import type { Chunk } from "../chunking/types.js";
import type { Filters } from "./filters.js";
import type { IndexManifest } from "./index-manifest.js";

/** A candidate from one side of the search: the chunk's label (its number in the build) and a score, higher is better. */
export interface ScoredLabel {
  label: number;
  score: number;
}

/** Full-text matches, best first, and the lexical support they give the question. */
export interface SparseMatches {
  hits: ScoredLabel[];
  /**
   * Lexical support for the question, 0..1, among chunks the filters allow: the part of the refusal
   * support that depends on the full-text engine (see `retrieval/support.ts`). Computed on demand,
   * from the same search where the engine allows it.
   */
  lexicalSupport(): Promise<number>;
}

/**
 * What retrieval needs of an index, whatever stores it. Two implementations: the embedded default
 * (`hnsw-backend.ts`: hnswlib graph + MiniSearch BM25 in a version folder) and PostgreSQL
 * (`pgvector/pgvector-backend.ts`: pgvector HNSW + tsvector full-text search in versioned tables).
 * Fusion, entity and date adjustments, reranking and the per-document cap are written once, in
 * `retrieval/hybrid-search.ts`, against this interface.
 */
export interface SearchBackend {
  readonly kind: "hnsw" | "pgvector";
  readonly manifest: IndexManifest;
  /** The embedder the index was built with (queries are embedded with it). */
  readonly embeddings: Embeddings;
  /** Every chunk of the build; a chunk's label is its position here. */
  readonly chunks: readonly Chunk[];
  /** Nearest chunks by cosine similarity (1 - distance), filters applied before the cut. */
  dense(vector: number[], k: number, filters?: Filters): Promise<ScoredLabel[]>;
  /** Best full-text matches, filters applied before the cut. */
  sparse(query: string, k: number, filters?: Filters): Promise<SparseMatches>;
  /** A file stored with the build from `derived` at ingest, or undefined when the build has none by that name. */
  derivedFile(name: string): Promise<Buffer | undefined>;
  /** Releases what the backend holds open for this build (its chunk text file); the connection pool is the store's. */
  close(): void;
}
