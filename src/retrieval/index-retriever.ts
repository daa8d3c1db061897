import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { MetadataValue } from "../corpus/types.js";
import type { LoadedIndex } from "../index/load-index.js";
import type { RetrievedChunk, SearchOptions } from "./types.js";

/** Turns a stored LangChain document and its similarity into a RetrievedChunk. */
export function toRetrievedChunk(document: Document, score: number, rank: number): RetrievedChunk {
  const metadata = document.metadata as Record<string, MetadataValue> & { headingPath?: unknown };
  const headingPath = Array.isArray(metadata.headingPath) ? metadata.headingPath.map(String) : [];
  return {
    chunkId: String(metadata.chunkId ?? document.id),
    docId: String(metadata.docId),
    title: String(metadata.title),
    section: String(metadata.section ?? metadata.title),
    headingPath,
    text: document.pageContent,
    score,
    rank,
    metadata,
  };
}

/**
 * Dense retrieval over the HNSW index, as a LangChain retriever so chains can use it. `search` returns
 * typed chunks with scores (cosine similarity); `invoke` returns LangChain documents.
 */
export class IndexRetriever extends BaseRetriever {
  lc_namespace = ["vertical_rag", "retrieval"];
  private readonly index: LoadedIndex;
  private readonly defaultTopK: number;

  constructor(index: LoadedIndex, defaultTopK: number) {
    super();
    this.index = index;
    this.defaultTopK = defaultTopK;
  }

  /** Number of chunks in the index. */
  get size(): number {
    return this.index.store.index.getCurrentCount();
  }

  async search(query: string, options: SearchOptions = {}): Promise<RetrievedChunk[]> {
    const topK = Math.min(options.topK ?? this.defaultTopK, this.size);
    const vector = await this.index.embeddings.embedQuery(query);
    // A question with no word the corpus knows embeds to zero: there is nothing to look for.
    if (topK === 0 || !vector.some((value) => value !== 0)) return [];
    const results = await this.index.store.similaritySearchVectorWithScore(vector, topK);
    // hnswlib's cosine space returns a distance (1 - cosine similarity).
    return results.map(([document, distance], position) => toRetrievedChunk(document, 1 - distance, position + 1));
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const chunks = await this.search(query);
    return chunks.map(
      (chunk) => new Document({ id: chunk.chunkId, pageContent: chunk.text, metadata: { ...chunk.metadata, score: chunk.score, rank: chunk.rank } }),
    );
  }
}
