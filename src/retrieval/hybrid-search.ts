import type { Config } from "../config/config.js";
import { UpstreamError, UpstreamTimeoutError, upstreamStatusOf } from "../errors.js";
import type { ScoredLabel, SearchBackend, SparseMatches } from "../index/search-backend.js";
import type { CorpusVocabulary } from "./corpus-vocabulary.js";
import { bodyEvidenceOf, documentKey, evidenceTerms, isLeadChunk, orderWithinDocuments } from "./document-first.js";
import { isUnaskedOldVersion } from "./document-versions.js";
import { feedbackTerms, synonymTerms } from "./expansion.js";
import { type RankedList, reciprocalRankFusion, weightedScoreFusion } from "./fusion.js";
import type { Query } from "./query.js";
import type { ChunkFeatureTable } from "./chunk-features.js";
import { withoutReasonWords } from "./reasons.js";
import { queryFeatures, rerankScore } from "./rerank.js";
import { type AskedKindsOf, supportScore, supportSignals } from "./support.js";
import type { TermStatistics } from "./term-statistics.js";
import { contentTerms } from "../text/tokenize.js";
import type { Retrieval, RetrievedChunk, SearchOptions } from "./types.js";
import { otherVariants } from "./variants.js";

/** How the retriever ranks; every stage can be switched off (the ablation does exactly that). */
export type RetrieverSettings = Config["retrieval"];

/** What hybrid search reads besides the query: the index, what is known of the corpus, and the weights. */
export interface HybridSearchDeps {
  backend: SearchBackend;
  settings: RetrieverSettings;
  scoring: Config["scoring"];
  vocabulary: CorpusVocabulary;
  statistics: TermStatistics;
  features: ChunkFeatureTable;
  /** The kinds of value a question asks for, for the support check (`AskedKindsOf`); the question's form alone without it. */
  askedKindsOf?: AskedKindsOf;
}

const NO_MATCHES: SparseMatches = { hits: [], lexicalSupport: async () => 0 };

/** Why the question could not be embedded, without the upstream's own message (it may echo credentials). */
function embeddingFailure(error: unknown): UpstreamError | UpstreamTimeoutError {
  const status = upstreamStatusOf(error);
  if (status !== undefined) return new UpstreamError(`the embeddings endpoint answered ${status}`, { cause: error, status });
  const timedOut = /time(d)?\s?out|abort/i.test(`${(error as Error).name} ${(error as Error).message}`);
  return timedOut
    ? new UpstreamTimeoutError("the embeddings endpoint did not answer within EMBEDDINGS_QUERY_TIMEOUT_MS", { cause: error })
    : new UpstreamError("the embeddings endpoint could not be reached", { cause: error });
}

/**
 * The dense candidates, or why there are none. A question the embedder cannot embed (the endpoint
 * fails or is too slow) leaves hybrid search to full-text search, with a warning; dense-only search
 * has nothing to fall back on and fails with the upstream error.
 */
async function denseSide(deps: HybridSearchDeps, text: string, count: number, options: SearchOptions): Promise<{ items: ScoredLabel[]; warning?: string }> {
  let vector: number[];
  try {
    vector = await deps.backend.embeddings.embedQuery(text);
  } catch (error) {
    const failure = embeddingFailure(error);
    if (deps.settings.mode === "dense") throw failure;
    return { items: [], warning: `Dense search was skipped (${failure.message}): these results come from full-text search alone.` };
  }
  return { items: await denseCandidates(deps, vector, count, options) };
}

async function denseCandidates(deps: HybridSearchDeps, vector: number[], count: number, options: SearchOptions): Promise<ScoredLabel[]> {
  // A question with no word the corpus knows embeds to zero: there is nothing to look for.
  if (!vector.some((value) => value !== 0)) return [];
  return deps.backend.dense(vector, Math.min(count, deps.backend.chunks.length), options.filters);
}

/** Candidates whose documents are compared for variants (`otherVariants`): the ones that can reach the top. */
const VARIANT_CANDIDATES = 20;

/** Each document's title's content terms, by the chunks it was read from (made on first use, once per loaded index). */
const titleTerms = new WeakMap<readonly { docId: string; title: string }[], Map<string, ReadonlySet<string>>>();
function titleTermsOf(deps: HybridSearchDeps, docId: string): ReadonlySet<string> | undefined {
  let byDocument = titleTerms.get(deps.backend.chunks);
  if (!byDocument) {
    byDocument = new Map();
    for (const chunk of deps.backend.chunks) if (!byDocument.has(chunk.docId)) byDocument.set(chunk.docId, new Set(contentTerms(chunk.title)));
    titleTerms.set(deps.backend.chunks, byDocument);
  }
  return byDocument.get(docId);
}

/** Fused scores adjusted by what the question names (entities, dates) and by the reranker's features. */
function adjust(deps: HybridSearchDeps, query: Query, ranked: ScoredLabel[]): ScoredLabel[] {
  const { settings, backend, vocabulary } = deps;
  const top = ranked[0]!.score || 1;
  const features = settings.rerank ? queryFeatures(query, deps.statistics) : undefined;
  const rerankWeights = { ...deps.scoring.rerank, ...(settings.reasons ? {} : { statedReason: 0 }), ...(settings.proximity ? {} : { proximity: 0 }) };
  // The documents of the first candidates and those the question names: a variant is judged against the others found.
  const found = [...ranked.slice(0, VARIANT_CANDIDATES).map(({ label }) => backend.chunks[label]!.docId), ...query.namedDocIds];
  const variants = otherVariants(found, (docId) => titleTermsOf(deps, docId), query.terms);
  const adjusted = ranked.map(({ label, score }) => {
    const { docId } = backend.chunks[label]!;
    let value = score / top;
    if (settings.entityBoost > 0 && query.namedDocIds.has(docId)) value *= 1 + settings.entityBoost;
    if (variants.has(docId)) value *= deps.scoring.retrieval.otherVariant;
    if (settings.periodBoost > 0 && query.periodDocIds.has(docId)) value *= 1 + settings.periodBoost;
    if (settings.dateAware && isUnaskedOldVersion(vocabulary.versions.get(docId), query.dates, query.asksForOlder)) value *= settings.supersededPenalty;
    if (features) value = rerankScore(value, features, deps.features.get(label), rerankWeights);
    return { label, score: value };
  });
  adjusted.sort((a, b) => b.score - a.score || a.label - b.label);
  if (!settings.documentFirst) return adjusted;
  const chunks = backend.chunks;
  const weighted = evidenceTerms(query.terms, query.documentTerms, deps.statistics);
  return orderWithinDocuments(
    adjusted,
    {
      keyOf: (label) => documentKey(chunks[label]!),
      evidenceOf: (label) => bodyEvidenceOf(weighted, deps.features.get(label)),
      isLead: (label) => isLeadChunk(chunks[label]!),
    },
    deps.scoring.documentFirst,
  );
}

function fuse(settings: RetrieverSettings, lists: RankedList[]): ScoredLabel[] {
  return lists.length === 1 ? lists[0]!.items : settings.fusion === "rrf" ? reciprocalRankFusion(lists, settings.rrfK) : weightedScoreFusion(lists);
}

/** Full-text searches for words the question does not use: WordNet synonyms the corpus knows, and feedback words of the first search's top chunks. */
async function expansionLists(deps: HybridSearchDeps, query: Query, first: ScoredLabel[], pool: number, options: SearchOptions): Promise<RankedList[]> {
  const { settings, backend, statistics } = deps;
  const weights = deps.scoring.expansion;
  const searches: Array<{ weight: number; words: string[] }> = [];
  if (settings.synonyms) searches.push({ weight: weights.synonymWeight, words: synonymTerms(query.text, query.terms, statistics, weights) });
  if (settings.feedback) {
    const top = adjust(deps, query, first).slice(0, weights.feedbackChunks).map(({ label }) => backend.chunks[label]!.text);
    searches.push({ weight: weights.feedbackWeight, words: feedbackTerms(top, query.terms, statistics, weights) });
  }
  const lists: RankedList[] = [];
  for (const { weight, words } of searches) {
    if (words.length === 0) continue;
    lists.push({ weight, items: (await backend.sparse(words.join(" "), pool, options.filters)).hits });
  }
  return lists;
}

/** Candidates per side: at least `candidates`, `poolPerTopK` times topK, and `poolShare` of the corpus (at most `maxSharePool` by that share). */
export function candidatePool(candidates: number, topK: number, chunkCount: number, settings: Config["scoring"]["retrieval"]): number {
  return Math.max(candidates, topK * settings.poolPerTopK, Math.min(settings.maxSharePool, Math.ceil(chunkCount * settings.poolShare)));
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
export async function hybridSearch(deps: HybridSearchDeps, asked: Query, options: SearchOptions = {}): Promise<Retrieval> {
  const { settings, backend } = deps;
  // A question asking why searches without its asking words; the reranker still reads it as asked (`text`), with the terms searched.
  const searchText = settings.reasons ? withoutReasonWords(asked.text) : asked.text;
  const query: Query = searchText === asked.text ? asked : { ...asked, terms: contentTerms(searchText) };
  const topK = Math.min(options.topK ?? settings.topK, backend.chunks.length);
  const pool = candidatePool(settings.candidates, topK, backend.chunks.length, deps.scoring.retrieval);
  // Both sides at once: on a database backend they are two round trips.
  const [dense, sparse] = topK === 0
    ? [undefined, NO_MATCHES]
    : await Promise.all([
        settings.mode !== "sparse" ? denseSide(deps, searchText, pool, options) : undefined,
        settings.mode !== "dense" ? backend.sparse(searchText, pool, options.filters) : undefined,
      ]);
  const lists: RankedList[] = [];
  if (dense && !dense.warning) lists.push({ weight: settings.denseWeight, items: dense.items });
  if (sparse) lists.push({ weight: settings.sparseWeight, items: sparse.hits });
  let fused = fuse(settings, lists);
  if (fused.length > 0 && topK > 0 && settings.mode !== "dense" && (settings.synonyms || settings.feedback)) {
    fused = fuse(settings, [...lists, ...(await expansionLists(deps, query, fused, pool, options))]);
  }
  const chosen = fused.length === 0 || topK === 0 ? [] : capPerDocument(deps, adjust(deps, query, fused), topK);

  const chunks: RetrievedChunk[] = chosen.map(({ label, score }, index) => ({
    ...backend.chunks[label]!,
    score: Math.round(score * 10_000) / 10_000,
    rank: index + 1,
  }));
  const lexicalSupport = sparse
    ? () => sparse.lexicalSupport()
    : async () => (await backend.sparse(searchText, 1, options.filters)).lexicalSupport();
  const topChunks = () =>
    chosen.slice(0, Math.max(deps.scoring.support.fullCoverageDepth, deps.scoring.support.passageDepth)).map(({ label }) => {
      const { docId, text } = backend.chunks[label]!;
      return { docId, text, features: deps.features.get(label), documentYears: deps.vocabulary.years.get(docId) };
    });
  let signals: ReturnType<Retrieval["signals"]> | undefined;
  const getSignals = () => (signals ??= supportSignals(query, topChunks(), lexicalSupport, deps.scoring.support, deps.askedKindsOf, (term) => deps.statistics.idf(term)));
  return { chunks, signals: getSignals, support: async () => supportScore(await getSignals(), deps.scoring.support.model), warnings: dense?.warning ? [dense.warning] : [] };
}
