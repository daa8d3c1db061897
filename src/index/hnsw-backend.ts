import type { Document } from "@langchain/core/documents";
import type { MetadataValue } from "../corpus/types.js";
import { type Filters, metadataPredicate } from "../retrieval/filters.js";
import type { LoadedIndex } from "./load-index.js";
import type { ScoredKey, SearchBackend } from "./search-backend.js";

/** BM25 score per matched question term at which lexical evidence is 0.5. */
const BM25_HALF_EVIDENCE = 30;

/** The embedded backend: the hnswlib graph and the MiniSearch BM25 index of a version folder, in memory. */
export function hnswBackend(index: LoadedIndex): SearchBackend {
  const count = index.store.index.getCurrentCount();
  const chunks: Document[] = Array.from({ length: count }, (_, label) => index.store.docstore.search(String(label)));
  const sparseFilter = (filters: Filters | undefined) => {
    const predicate = metadataPredicate(filters);
    return predicate ? (result: { id: unknown }) => predicate(chunks[Number(result.id)]!.metadata as Record<string, MetadataValue>) : undefined;
  };
  return {
    kind: "hnsw",
    manifest: index.manifest,
    embeddings: index.embeddings,
    chunks,
    async dense(vector: number[], k: number, filters?: Filters): Promise<ScoredKey[]> {
      const predicate = metadataPredicate(filters);
      const results = await index.store.similaritySearchVectorWithScore(
        vector,
        Math.min(k, count),
        predicate ? (document: Document) => predicate(document.metadata as Record<string, MetadataValue>) : undefined,
      );
      // hnswlib's cosine space returns a distance (1 - cosine similarity).
      return results.map(([document, distance]) => ({ key: String(document.metadata.label), score: 1 - distance }));
    },
    async sparse(query: string, k: number, filters?: Filters): Promise<ScoredKey[]> {
      const results = index.sparse.search(query, { boost: { heading: 1.5 }, filter: sparseFilter(filters) });
      return results.slice(0, k).map((result) => ({ key: String(result.id), score: result.score }));
    },
    /** The best BM25 score per matched question term, squashed by x / (x + 30). */
    async lexicalEvidence(query: string, filters?: Filters): Promise<number> {
      const [best] = index.sparse.search(query, { boost: { heading: 1.5 }, filter: sparseFilter(filters) });
      if (!best) return 0;
      const perTerm = best.score / Math.max(1, best.terms.length);
      return perTerm / (perTerm + BM25_HALF_EVIDENCE);
    },
  };
}
