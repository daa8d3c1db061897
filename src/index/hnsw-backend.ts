import { readFile } from "node:fs/promises";
import path from "node:path";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import type { Chunk } from "../chunking/types.js";
import type { ScoringSettings } from "../config/scoring.js";
import { CHUNK_TEXTS_FILE, ChunkTextFile, readTextOnDemand } from "./chunk-texts.js";
import { type Filters, metadataPredicate } from "./filters.js";
import type { LoadedIndex } from "./load-index.js";
import type { ScoredLabel, SearchBackend, SparseMatches } from "./search-backend.js";
import { documentToChunk, storedMetadata } from "./stored-chunk.js";

/** The embedded backend: the hnswlib graph and the MiniSearch BM25 index of a version folder, in memory. */
export function hnswBackend(index: LoadedIndex, scoring: ScoringSettings): SearchBackend {
  const graph = index.store.index;
  const count = graph.getCurrentCount();
  const chunks = Array.from({ length: count }, (_, label) => documentToChunk(index.store.docstore.search(String(label))));
  // A build with a chunk text file keeps the texts on disk: each chunk's text is read when asked for.
  // (Builds made before it hold the texts in the docstore, and so in memory.)
  let texts: ChunkTextFile | undefined;
  if (index.manifest.files?.some((file) => file.name === CHUNK_TEXTS_FILE)) {
    const opened = ChunkTextFile.open(path.join(index.directory, CHUNK_TEXTS_FILE));
    if (opened.count !== count) {
      opened.close();
      throw new Error(`${CHUNK_TEXTS_FILE} holds ${opened.count} chunks, the graph ${count}`);
    }
    chunks.forEach((chunk, label) => readTextOnDemand(chunk, opened, label));
    texts = opened;
  }
  // The chunks now hold everything the docstore did, and search reads the graph directly: drop the
  // docstore's copy (its Document objects and metadata; at 100k chunks, hundreds of MiB).
  index.store.docstore = new SynchronousInMemoryDocstore();
  const { headingBoost, lexicalHalfSupport } = scoring.sparse;
  return {
    kind: "hnsw",
    manifest: index.manifest,
    embeddings: index.embeddings,
    chunks,
    derivedFile: async (name) => (index.manifest.derived?.includes(name) ? readFile(path.join(index.directory, name)) : undefined),
    close: () => texts?.close(),
    async dense(vector: number[], k: number, filters?: Filters): Promise<ScoredLabel[]> {
      const predicate = metadataPredicate(filters);
      if (vector.length !== index.manifest.embedder.dimensions) {
        throw new Error(`Query vector must have the same length as the number of dimensions (${index.manifest.embedder.dimensions})`);
      }
      // The graph searched directly (what HNSWLib#similaritySearchVectorWithScore does, without a docstore
      // lookup per result); a filter sees the metadata a stored document has (`storedMetadata`).
      const { neighbors, distances } = graph.searchKnn(
        vector,
        Math.min(k, count),
        predicate ? (label: number) => predicate(storedMetadata(chunks[label]!, label)) : undefined,
      );
      // hnswlib's cosine space returns a distance (1 - cosine similarity).
      return neighbors.map((label, position) => ({ label, score: 1 - distances[position]! }));
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
