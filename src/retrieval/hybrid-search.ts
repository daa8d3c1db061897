import type { Config } from "../config/config.js";
import type { ScoredLabel, SearchBackend, SparseMatches } from "../index/search-backend.js";
import type { CorpusVocabulary } from "./corpus-vocabulary.js";
import { isUnaskedOldVersion } from "./document-versions.js";
import { type RankedList, reciprocalRankFusion, weightedScoreFusion } from "./fusion.js";
import type { Query } from "./query.js";
import { type ChunkFeatureCache, queryFeatures, rerankScore } from "./rerank.js";
import { supportScore, supportSignals } from "./support.js";
import type { TermStatistics } from "./term-statistics.js";
import type { Retrieval, RetrievedChunk, SearchOptions } from "./types.js";

/** How the retriever ranks; every stage can be switched off (the ablation does exactly that). */
export type RetrieverSettings = Config["retrieval"];

/** What hybrid search reads besides the query: the index, what is known of the corpus, and the weights. */
export interface HybridSearchDeps {
  backend: SearchBackend;
  settings: RetrieverSettings;
  scoring: Config["scoring"];
  vocabulary: CorpusVocabulary;
  statistics: TermStatistics;
  features: ChunkFeatureCache;
}

const NO_MATCHES: SparseMatches = { hits: [], lexicalSupport: async () => 0 };

async function denseCandidates(deps: HybridSearchDeps, query: Query, count: number, options: SearchOptions): Promise<ScoredLabel[]> {
  const vector = await deps.backend.embeddings.embedQuery(query.text);
  // A question with no word the corpus knows embeds to zero: there is nothing to look for.
  if (!vector.some((value) => value !== 0)) return [];
  return deps.backend.dense(vector, Math.min(count, deps.backend.chunks.length), options.filters);
}

/** Fused scores adjusted by what the question names (entities, dates) and by the reranker's features. */
function adjust(deps: HybridSearchDeps, query: Query, ranked: ScoredLabel[]): ScoredLabel[] {
  const { settings, backend, vocabulary } = deps;
  const top = ranked[0]!.score || 1;
  const features = settings.rerank ? queryFeatures(query, deps.statistics) : undefined;
  const adjusted = ranked.map(({ label, score }) => {
    const { docId } = backend.chunks[label]!;
    let value = score / top;
    if (settings.entityBoost > 0 && query.namedDocIds.has(docId)) value *= 1 + settings.entityBoost;
    if (settings.periodBoost > 0 && query.periodDocIds.has(docId)) value *= 1 + settings.periodBoost;
    if (settings.dateAware && isUnaskedOldVersion(vocabulary.versions.get(docId), query.dates, query.asksForOlder)) value *= settings.supersededPenalty;
    if (features) value = rerankScore(value, features, deps.features.get(label), deps.scoring.rerank);
    return { label, score: value };
  });
  return adjusted.sort((a, b) => b.score - a.score || a.label - b.label);
}

/** The best `topK` labels with at most `maxPerDocument` chunks of one document. */
function capPerDocument(deps: HybridSearchDeps, ranked: ScoredLabel[], topK: number): ScoredLabel[] {
  const perDocument = new Map<string, number>();
  const chosen: ScoredLabel[] = [];
  for (const entry of ranked) {
    const { docId } = deps.backend.chunks[entry.label]!;
    const used = perDocument.get(docId) ?? 0;
    if (used >= deps.settings.maxPerDocument) continue;
    perDocument.set(docId, used + 1);
    chosen.push(entry);
    if (chosen.length === topK) break;
  }
  return chosen;
}

/**
 * Hybrid retrieval over a search backend (embedded HNSW + BM25, or PostgreSQL + pgvector): dense and
 * sparse candidates, both filtered before the cut, fused (RRF or weighted), then adjusted by what the
 * question names (entities, dates), reranked, and capped per document. BM25 runs once: the same
 * full-text search gives the sparse candidates and the lexical part of the support.
 */
export async function hybridSearch(deps: HybridSearchDeps, query: Query, options: SearchOptions = {}): Promise<Retrieval> {
  const { settings, backend } = deps;
  const topK = Math.min(options.topK ?? settings.topK, backend.chunks.length);
  const pool = Math.max(settings.candidates, topK * deps.scoring.retrieval.poolPerTopK);
  // Both sides at once: on a database backend they are two round trips.
  const [dense, sparse] = topK === 0
    ? [undefined, NO_MATCHES]
    : await Promise.all([
        settings.mode !== "sparse" ? denseCandidates(deps, query, pool, options) : undefined,
        settings.mode !== "dense" ? backend.sparse(query.text, pool, options.filters) : undefined,
      ]);
  const lists: RankedList[] = [];
  if (dense) lists.push({ weight: settings.denseWeight, items: dense });
  if (sparse) lists.push({ weight: settings.sparseWeight, items: sparse.hits });
  const fused =
    lists.length === 1 ? lists[0]!.items : settings.fusion === "rrf" ? reciprocalRankFusion(lists, settings.rrfK) : weightedScoreFusion(lists);
  const chosen = fused.length === 0 || topK === 0 ? [] : capPerDocument(deps, adjust(deps, query, fused), topK);

  const chunks: RetrievedChunk[] = chosen.map(({ label, score }, index) => ({
    ...backend.chunks[label]!,
    score: Math.round(score * 10_000) / 10_000,
    rank: index + 1,
  }));
  const lexicalSupport = sparse
    ? () => sparse.lexicalSupport()
    : async () => (await backend.sparse(query.text, 1, options.filters)).lexicalSupport();
  const topChunks = () => chosen.slice(0, deps.scoring.support.fullCoverageDepth).map(({ label }) => ({ docId: backend.chunks[label]!.docId, features: deps.features.get(label) }));
  let signals: ReturnType<Retrieval["signals"]> | undefined;
  const getSignals = () => (signals ??= supportSignals(query, topChunks(), lexicalSupport));
  return { chunks, signals: getSignals, support: async () => supportScore(await getSignals(), deps.scoring.support.model) };
}
