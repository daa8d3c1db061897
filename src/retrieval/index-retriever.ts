import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { MetadataValue } from "../corpus/types.js";
import type { SearchBackend } from "../index/search-backend.js";
import { type CorpusVocabulary, correctTypos, findDates, findEntities } from "./corpus-vocabulary.js";
import { contentTerms } from "../text/tokenize.js";
import { type RankedList, reciprocalRankFusion, weightedScoreFusion } from "./fusion.js";
import { type ChunkFeatures, chunkFeatures, queryFeatures, rerankScore } from "./rerank.js";
import type { TermStatistics } from "./term-statistics.js";
import type { RetrievedChunk, SearchOptions } from "./types.js";

/** How the retriever ranks; every stage can be switched off (the ablation does exactly that). */
export interface RetrieverSettings {
  topK: number;
  mode: "dense" | "sparse" | "hybrid";
  fusion: "rrf" | "weighted";
  denseWeight: number;
  sparseWeight: number;
  rrfK: number;
  /** Candidates taken from each side before fusion. */
  candidates: number;
  typoCorrection: boolean;
  /** Relative boost for chunks of documents whose product/title/type the question names (0 = off). */
  entityBoost: number;
  dateAware: boolean;
  /** Score factor for superseded versions unless the question asks about their date. */
  supersededPenalty: number;
  rerank: boolean;
  maxPerDocument: number;
}

/** Turns a stored LangChain document and its score into a RetrievedChunk. */
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

const OLDER_VERSION_WORDS = /\b(previous|prior|old|older|earlier|former|superseded|replaced|before)\b/i;

/**
 * Hybrid retrieval over a search backend (embedded HNSW + BM25, or PostgreSQL + pgvector): dense and
 * sparse candidates, both filtered before the cut, fused (RRF or weighted), then adjusted by what the
 * question names (entities, dates), reranked, and capped per document. A LangChain retriever, so
 * chains and the eval use the same one.
 */
export class IndexRetriever extends BaseRetriever {
  lc_namespace = ["vertical_rag", "retrieval"];
  private readonly backend: SearchBackend;
  private readonly settings: RetrieverSettings;
  private readonly vocabulary: CorpusVocabulary;
  private readonly statistics: TermStatistics;
  private readonly documents: readonly Document[];
  private readonly features: Array<ChunkFeatures | undefined>;

  constructor(backend: SearchBackend, settings: RetrieverSettings, vocabulary: CorpusVocabulary, statistics: TermStatistics) {
    super();
    this.backend = backend;
    this.settings = settings;
    this.vocabulary = vocabulary;
    this.statistics = statistics;
    this.documents = backend.chunks;
    this.features = new Array(backend.chunks.length);
  }

  private featuresOf(label: number): ChunkFeatures {
    let features = this.features[label];
    if (!features) {
      const document = this.documents[label]!;
      features = chunkFeatures(document.pageContent, (document.metadata.headingPath as string[] | undefined) ?? []);
      this.features[label] = features;
    }
    return features;
  }

  get defaultTopK(): number {
    return this.settings.topK;
  }

  /** Number of chunks in the index. */
  get size(): number {
    return this.documents.length;
  }

  /** The question as retrieval sees it: words the corpus never uses corrected to its nearest word. */
  normaliseQuery(query: string): string {
    return this.settings.typoCorrection ? correctTypos(query, this.vocabulary).text : query;
  }

  private async denseCandidates(query: string, count: number, filters: SearchOptions["filters"]): Promise<RankedList["items"]> {
    const vector = await this.backend.embeddings.embedQuery(query);
    // A question with no word the corpus knows embeds to zero: there is nothing to look for.
    if (!vector.some((value) => value !== 0)) return [];
    return this.backend.dense(vector, Math.min(count, this.size), filters);
  }

  /**
   * How strongly the corpus supports the question, 0..1. It is 1 when one of the top three retrieved
   * chunks contains every content word of the question. Otherwise it is the backend's lexical
   * evidence among chunks the filters allow (embedded: the best BM25 score per matched question term,
   * squashed by x / (x + 30); PostgreSQL: see `pgvector-backend.ts`): a question whose distinctive
   * word the corpus lacks matches only its common words, and weakly. The refusal threshold is
   * calibrated on this scale, per corpus and backend (scripts/calibrate-refusal.ts).
   */
  async evidence(query: string, retrieved: RetrievedChunk[], filters?: SearchOptions["filters"]): Promise<number> {
    const text = this.normaliseQuery(query);
    const terms = new Set(contentTerms(text));
    if (terms.size === 0) return 0;
    for (const chunk of retrieved.slice(0, 3)) {
      const label = Number(chunk.metadata.label);
      const features = Number.isInteger(label) ? this.featuresOf(label) : undefined;
      if (features && [...terms].every((term) => features.body.has(term) || features.heading.has(term))) return 1;
    }
    return this.backend.lexicalEvidence(text, filters);
  }

  async search(query: string, options: SearchOptions = {}): Promise<RetrievedChunk[]> {
    const topK = Math.min(options.topK ?? this.settings.topK, this.size);
    if (topK === 0) return [];
    const settings = this.settings;
    const text = this.normaliseQuery(query);
    const pool = Math.max(settings.candidates, topK * 3);
    // Both sides at once: on a database backend they are two round trips.
    const [dense, sparse] = await Promise.all([
      settings.mode !== "sparse" ? this.denseCandidates(text, pool, options.filters) : undefined,
      settings.mode !== "dense" ? this.backend.sparse(text, pool, options.filters) : undefined,
    ]);
    const lists: RankedList[] = [];
    if (dense) lists.push({ weight: settings.denseWeight, items: dense });
    if (sparse) lists.push({ weight: settings.sparseWeight, items: sparse });
    let ranked =
      lists.length === 1
        ? lists[0]!.items
        : settings.fusion === "rrf"
          ? reciprocalRankFusion(lists, settings.rrfK)
          : weightedScoreFusion(lists);
    if (ranked.length === 0) return [];

    const top = ranked[0]!.score || 1;
    const entityDocs = new Set(settings.entityBoost > 0 ? findEntities(text, this.vocabulary).flatMap((entity) => [...entity.docIds]) : []);
    const dates = findDates(text);
    const asksForOlder = OLDER_VERSION_WORDS.test(text);
    const features = settings.rerank ? queryFeatures(text, this.statistics) : undefined;
    ranked = ranked.map(({ key, score }) => {
      const metadata = this.documents[Number(key)]!.metadata as Record<string, MetadataValue>;
      const docId = String(metadata.docId);
      let adjusted = score / top;
      if (entityDocs.has(docId)) adjusted *= 1 + settings.entityBoost;
      if (settings.dateAware) {
        const version = this.vocabulary.versions.get(docId);
        if (version?.superseded && !asksForOlder && !dates.yearMonths.has(version.effectiveDate.slice(0, 7))) adjusted *= settings.supersededPenalty;
      }
      if (features) adjusted = rerankScore(adjusted, features, this.featuresOf(Number(key)));
      return { key, score: adjusted };
    });
    ranked.sort((a, b) => b.score - a.score || Number(a.key) - Number(b.key));

    const perDocument = new Map<string, number>();
    const chosen: RetrievedChunk[] = [];
    for (const { key, score } of ranked) {
      const document = this.documents[Number(key)]!;
      const docId = String(document.metadata.docId);
      const used = perDocument.get(docId) ?? 0;
      if (used >= settings.maxPerDocument) continue;
      perDocument.set(docId, used + 1);
      chosen.push(toRetrievedChunk(document, Math.round(score * 10_000) / 10_000, chosen.length + 1));
      if (chosen.length === topK) break;
    }
    return chosen;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const chunks = await this.search(query);
    return chunks.map(
      (chunk) => new Document({ id: chunk.chunkId, pageContent: chunk.text, metadata: { ...chunk.metadata, score: chunk.score, rank: chunk.rank } }),
    );
  }
}
