import type { Document } from "@langchain/core/documents";
import type { MetadataValue } from "../corpus/types.js";
import type { ScoringSettings } from "../config/scoring.js";
import { type Filters, metadataPredicate } from "./filters.js";
import type { LoadedIndex } from "./load-index.js";
import type { ScoredLabel, SearchBackend, SparseMatches } from "./search-backend.js";
import { documentToChunk } from "./stored-chunk.js";

/** The embedded backend: the hnswlib graph and the MiniSearch BM25 index of a version folder, in memory. */
export function hnswBackend(index: LoadedIndex, scoring: ScoringSettings): SearchBackend {
  const count = index.store.index.getCurrentCount();
  const chunks = Array.from({ length: count }, (_, label) => documentToChunk(index.store.docstore.search(String(label))));
  const { headingBoost, lexicalHalfSupport } = scoring.sparse;
  return {
    kind: "hnsw",
    manifest: index.manifest,
    embeddings: index.embeddings,
    chunks,
    async dense(vector: number[], k: number, filters?: Filters): Promise<ScoredLabel[]> {
      const predicate = metadataPredicate(filters);
      const results = await index.store.similaritySearchVectorWithScore(
        vector,
        Math.min(k, count),
        predicate ? (document: Document) => predicate(document.metadata as Record<string, MetadataValue>) : undefined,
      );
      // hnswlib's cosine space returns a distance (1 - cosine similarity).
      return results.map(([document, distance]) => ({ label: Number(document.metadata.label), score: 1 - distance }));
    },
    async sparse(query: string, k: number, filters?: Filters): Promise<SparseMatches> {
      const predicate = metadataPredicate(filters);
      const { hits, best } = index.sparse.search(query, {
        k,
        headingBoost,
        filter: predicate ? (label) => predicate(chunks[label]!.metadata) : undefined,
      });
      return {
        hits,
        // The best BM25 score per matched question term, squashed by x / (x + half).
        async lexicalSupport() {
          if (!best) return 0;
          const perTerm = best.score / Math.max(1, best.terms);
          return perTerm / (perTerm + lexicalHalfSupport);
        },
      };
    },
  };
}
