import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { Config } from "../config/config.js";
import type { SearchBackend } from "../index/search-backend.js";
import type { CorpusVocabulary } from "./corpus-vocabulary.js";
import { type HybridSearchDeps, hybridSearch } from "./hybrid-search.js";
import { prepareQuery, type Query } from "./query.js";
import { ChunkFeatureCache } from "./rerank.js";
import type { TermStatistics } from "./term-statistics.js";
import type { Retrieval, SearchOptions } from "./types.js";

/**
 * The retriever over one loaded index: turns a question into a `Query` once, then runs hybrid
 * search (`hybrid-search.ts`) for it. A LangChain retriever, so chains and the eval use the same one.
 */
export class IndexRetriever extends BaseRetriever {
  lc_namespace = ["vertical_rag", "retrieval"];
  private readonly deps: HybridSearchDeps;

  constructor(backend: SearchBackend, config: Pick<Config, "retrieval" | "scoring">, vocabulary: CorpusVocabulary, statistics: TermStatistics) {
    super();
    this.deps = { backend, settings: config.retrieval, scoring: config.scoring, vocabulary, statistics, features: new ChunkFeatureCache(backend.chunks) };
  }

  get defaultTopK(): number {
    return this.deps.settings.topK;
  }

  /** Number of chunks in the index. */
  get size(): number {
    return this.deps.backend.chunks.length;
  }

  /** The question as every later stage reads it (typo-corrected text, terms, named documents, dates). */
  prepare(question: string): Query {
    return prepareQuery(question, this.deps.vocabulary, { typoCorrection: this.deps.settings.typoCorrection, typos: this.deps.scoring.typos });
  }

  /** The top chunks for a prepared query, and their support for it. */
  retrieve(query: Query, options: SearchOptions = {}): Promise<Retrieval> {
    return hybridSearch(this.deps, query, options);
  }

  /** Prepares and retrieves in one step. */
  search(question: string, options: SearchOptions = {}): Promise<Retrieval> {
    return this.retrieve(this.prepare(question), options);
  }

  override async _getRelevantDocuments(question: string): Promise<Document[]> {
    const { chunks } = await this.search(question);
    return chunks.map(({ text, score, rank, ...chunk }) => new Document({ id: chunk.id, pageContent: text, metadata: { ...chunk, score, rank } }));
  }
}
