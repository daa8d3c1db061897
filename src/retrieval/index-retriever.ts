import { Document } from "@langchain/core/documents";
import type { CallbackManagerForRetrieverRun } from "@langchain/core/callbacks/manager";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { Config } from "../config/config.js";
import type { SearchBackend } from "../index/search-backend.js";
import type { ChunkFeatureTable } from "./chunk-features.js";
import type { CorpusVocabulary } from "./corpus-vocabulary.js";
import { type HybridSearchDeps, hybridSearch } from "./hybrid-search.js";
import type { AskedKindsOf } from "./support.js";
import { prepareQuery, type Query } from "./query.js";
import type { TermStatistics } from "./term-statistics.js";
import type { Retrieval, RetrievedChunk, SearchOptions } from "./types.js";

/** A retrieved chunk as a LangChain document: the text as `pageContent`, everything else in `metadata`. */
export function retrievedChunkToDocument({ text, ...chunk }: RetrievedChunk): Document {
  return new Document({ id: chunk.id, pageContent: text, metadata: chunk });
}

/** The chunk a document made by `retrievedChunkToDocument` carries. */
export function documentToRetrievedChunk(document: Document): RetrievedChunk {
  return { ...(document.metadata as Omit<RetrievedChunk, "text">), text: document.pageContent };
}

/** One search a retriever ran: the prepared query and what it found. */
export interface RecordedSearch {
  query: Query;
  retrieval: Retrieval;
}

/**
 * The index retriever with one request's topK and filters (`IndexRetriever.scoped`), invoked as a
 * LangChain retriever so callbacks and tracing see each search as a run. It keeps every search it ran,
 * so the caller can read the prepared query and the support of what the run returned.
 */
export class ScopedRetriever extends BaseRetriever {
  lc_namespace = ["vertical_rag", "retrieval"];
  readonly searches: RecordedSearch[] = [];

  static override lc_name(): string {
    return "IndexRetriever";
  }

  constructor(private readonly run: (question: string) => Promise<RecordedSearch>) {
    super();
  }

  override async _getRelevantDocuments(question: string, _runManager?: CallbackManagerForRetrieverRun): Promise<Document[]> {
    const search = await this.run(question);
    this.searches.push(search);
    return search.retrieval.chunks.map(retrievedChunkToDocument);
  }
}

/**
 * The retriever over one loaded index: turns a question into a `Query` once, then runs hybrid
 * search (`hybrid-search.ts`) for it. A LangChain retriever, so chains and the eval use the same one.
 */
export class IndexRetriever extends BaseRetriever {
  lc_namespace = ["vertical_rag", "retrieval"];
  private readonly deps: HybridSearchDeps;

  constructor(
    backend: SearchBackend,
    config: Pick<Config, "retrieval" | "scoring">,
    vocabulary: CorpusVocabulary,
    statistics: TermStatistics,
    features: ChunkFeatureTable,
    askedKindsOf?: AskedKindsOf,
  ) {
    super();
    this.deps = { backend, settings: config.retrieval, scoring: config.scoring, vocabulary, statistics, features, ...(askedKindsOf ? { askedKindsOf } : {}) };
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
    return prepareQuery(question, this.deps.vocabulary, { typoCorrection: this.deps.settings.typoCorrection, typos: this.deps.scoring.typos, clipped: this.deps.scoring.clipped });
  }

  /** The top chunks for a prepared query, and their support for it. */
  retrieve(query: Query, options: SearchOptions = {}): Promise<Retrieval> {
    return hybridSearch(this.deps, query, options);
  }

  /** Prepares and retrieves in one step. */
  search(question: string, options: SearchOptions = {}): Promise<Retrieval> {
    return this.retrieve(this.prepare(question), options);
  }

  /** This retriever for one request: `scoped({ topK, filters }).invoke(question, config)`. */
  scoped(options: SearchOptions = {}): ScopedRetriever {
    return new ScopedRetriever(async (question) => {
      const query = this.prepare(question);
      return { query, retrieval: await this.retrieve(query, options) };
    });
  }

  override async _getRelevantDocuments(question: string): Promise<Document[]> {
    const { chunks } = await this.search(question);
    return chunks.map(retrievedChunkToDocument);
  }
}
