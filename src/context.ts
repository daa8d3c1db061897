import { createAnswerer } from "./answer/create-answerer.js";
import { createQuestionRewriter } from "./answer/create-question-rewriter.js";
import { createQaChain, type QaChain } from "./answer/qa-chain.js";
import { buildValueProfile } from "./answer/value-profile.js";
import { askedValueKinds } from "./answer/answer-type.js";
import type { QuestionRewriter } from "./answer/question-rewriter.js";
import type { Config, ConfigKey } from "./config/config.js";
import { loadCorpus, readCorpusFiles } from "./corpus/load-corpus.js";
import { type ResolvedCorpus, resolveCorpus } from "./corpus/manifest.js";
import { createEmbedderProvider } from "./embeddings/create-embedder-provider.js";
import type { EmbedderProvider } from "./embeddings/embedder-provider.js";
import { IndexCorruptError, IndexNotFoundError, IndexStaleError } from "./errors.js";
import type { BuildResult } from "./index/build-index.js";
import { createIndexStore, type IndexStore } from "./index/create-index-store.js";
import { hnswBySize } from "./index/hnsw-settings.js";
import { type IndexExpectations, type IndexManifest, staleReasons } from "./index/index-manifest.js";
import type { SearchBackend } from "./index/search-backend.js";
import type { ChunkFeatureTable } from "./retrieval/chunk-features.js";
import type { CorpusVocabulary } from "./retrieval/corpus-vocabulary.js";
import { IndexRetriever } from "./retrieval/index-retriever.js";
import { loadRetrievalData, retrievalFiles } from "./retrieval/stored-retrieval-data.js";
import type { TermStatistics } from "./retrieval/term-statistics.js";
import type { ProgressCallback } from "./progress.js";

/**
 * The refusal threshold of a corpus that has not been calibrated, on the support scale of the default
 * support model: the largest that refuses at most 4.5% of the shipped eval sets' answerable questions,
 * pooled, under that model (`npx tsx scripts/fit-default-support.ts`, which fits both), so that a
 * corpus nobody has calibrated leans towards answering.
 */
export const DEFAULT_MIN_SUPPORT = 0.29;

/** The retrieval settings: the config's, with the corpus's tuned ones (corpus.json "retrieval") where no variable was set. */
export function corpusRetrievalSettings(config: Config, corpus: ResolvedCorpus): Config["retrieval"] {
  const tuned = Object.entries(corpus.manifest.retrieval ?? {}).filter(([key]) => !config.explicit.includes(`retrieval.${key}` as ConfigKey));
  return { ...config.retrieval, ...Object.fromEntries(tuned) };
}

/** Everything a running service needs, assembled once from the config. */
export interface RagContext {
  config: Config;
  corpus: ResolvedCorpus;
  /** The manifest of the loaded build. */
  manifest: IndexManifest;
  /** Where search runs: the embedded HNSW + BM25 index or PostgreSQL (INDEX_BACKEND); it holds the indexed chunks. */
  backend: SearchBackend;
  retriever: IndexRetriever;
  /** Term statistics of the indexed chunks (idf), for snippets and answers. */
  statistics: TermStatistics;
  rewriter: QuestionRewriter;
  chain: QaChain;
  /** What retrieval knows of the corpus's words and documents (spellings, names, versions, years). */
  vocabulary: CorpusVocabulary;
  /** Every chunk's reranking features (stored with the build at ingest). */
  features: ChunkFeatureTable;
  /** Files of retrieval data the build did not have (built before they were stored), computed at load instead. */
  computedAtLoad: string[];
  answererName: string;
  /** The id of the build that is current in the index store now (it differs from `manifest.buildId` once a newer build is made current). */
  currentBuildId(): Promise<string | undefined>;
  /** Releases the index store's connections (PostgreSQL); call it on shutdown. */
  close(): Promise<void>;
}

export function ingestCommand(corpusName: string): string {
  return `npm run ingest -- --corpus ${corpusName}`;
}

/** A short description of the corpus for refusals: "retail banking documents (corpus "finance")". */
export function corpusLabel(corpus: ResolvedCorpus): string {
  return `${corpus.manifest.domain} documents (corpus "${corpus.manifest.name}")`;
}

async function expectationsFor(config: Config, corpus: ResolvedCorpus, provider: EmbedderProvider): Promise<IndexExpectations> {
  const { contentHash } = await readCorpusFiles(corpus);
  return {
    corpusName: corpus.manifest.name,
    contentHash,
    embedderId: provider.id,
    chunking: corpus.manifest.chunking,
    hnsw: hnswBySize(config.index, config.scoring.hnsw),
  };
}

export interface IngestOptions {
  onStage?: (stage: string, detail: string) => void;
  /** Files loaded, embedder fitted (by phase), chunks embedded. */
  onProgress?: ProgressCallback;
  /** Rebuild everything (and refit the local embedder) instead of re-embedding only what changed. */
  full?: boolean;
  /** The store to build into; by default one is created from the config (and closed afterwards). */
  store?: IndexStore;
  /** How long to wait for another ingest of the same corpus to finish, in ms (embedded backend). */
  lockWaitMs?: number;
}

/** Loads the corpus and builds a fresh index (atomically replacing the old one). */
export async function ingest(config: Config, options: IngestOptions = {}): Promise<BuildResult & { corpus: ResolvedCorpus }> {
  const corpus = await resolveCorpus(config.corpus, config.corporaDir);
  const started = performance.now();
  const loaded = await loadCorpus(corpus, { onProgress: options.onProgress, workers: config.ingestWorkers });
  const loadMs = performance.now() - started;
  options.onStage?.("load", `${loaded.documents.length} documents loaded, ${loaded.skipped.length} skipped`);
  if (loaded.renamed.length > 0) {
    const examples = loaded.renamed.slice(0, 5).map((entry) => `"${entry.from}" in ${entry.path} -> "${entry.to}"`).join(", ");
    options.onStage?.("ids", `${loaded.renamed.length} record id(s) already used by another document were prefixed with their file: ${examples}${loaded.renamed.length > 5 ? ", ..." : ""}`);
  }
  const store = options.store ?? createIndexStore(config);
  let result: BuildResult;
  try {
    result = await store.build(loaded, {
      provider: createEmbedderProvider(config),
      hnsw: hnswBySize(config.index, config.scoring.hnsw),
      full: options.full,
      derived: (chunks) => retrievalFiles(chunks, { workers: config.ingestWorkers }),
      lockWaitMs: options.lockWaitMs,
      batchSize: config.embeddings.batchSize,
      onStage: options.onStage,
      onProgress: options.onProgress,
    });
  } finally {
    if (!options.store) await store.close();
  }
  result.manifest.timingsMs.load = loadMs;
  result.manifest.timingsMs.total += loadMs;
  return { ...result, corpus };
}

/** Why the index must be (re)built, or an empty list when it is current. */
export async function indexStatus(config: Config): Promise<string[]> {
  const corpus = await resolveCorpus(config.corpus, config.corporaDir);
  const provider = createEmbedderProvider(config);
  const store = createIndexStore(config);
  try {
    const manifest = await store.currentManifest(corpus.manifest.name);
    if (!manifest) return ["no index has been built yet"];
    return staleReasons(manifest, await expectationsFor(config, corpus, provider));
  } finally {
    await store.close();
  }
}

/** Why an index that failed to load would be fixed by a rebuild, or undefined when a rebuild would not help. */
function rebuildReasons(error: unknown): string[] | undefined {
  if (error instanceof IndexStaleError) return error.reasons;
  if (error instanceof IndexCorruptError) return [`${error.file} ${error.problem}`];
  if (error instanceof IndexNotFoundError) return ["no index has been built yet"];
  return undefined;
}

/**
 * Loads the index and assembles retriever, answerer and chain. With `buildIfNeeded`, a missing,
 * stale or damaged index is rebuilt first; otherwise the error names the command that fixes it.
 */
export async function createRagContext(config: Config, options: { buildIfNeeded?: boolean; onBuild?: (reasons: string[]) => void } & IngestOptions = {}): Promise<RagContext> {
  const corpus = await resolveCorpus(config.corpus, config.corporaDir);
  const provider = createEmbedderProvider(config);
  const expected = await expectationsFor(config, corpus, provider);
  const store = createIndexStore(config);
  const load = () => store.load({ provider, expected, fixCommand: ingestCommand(corpus.manifest.name) });
  let backend: SearchBackend;
  try {
    try {
      backend = await load();
    } catch (error) {
      const reasons = rebuildReasons(error);
      if (!options.buildIfNeeded || !reasons) throw error;
      options.onBuild?.(reasons);
      await ingest(config, { ...options, store });
      backend = await load();
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  const { vocabulary, statistics, features, computedAtLoad } = await loadRetrievalData(backend, config.scoring);
  // The support model calibrated for this corpus (npm run calibrate) replaces the default one.
  const supportModel = corpus.manifest.answer?.supportModel;
  const scoring = supportModel ? { ...config.scoring, support: { ...config.scoring.support, model: supportModel } } : config.scoring;
  const profile = buildValueProfile(backend.chunks, statistics);
  // The support check reads what kind of value a question asks for as the answer does (`askedValueKinds`).
  const retriever = new IndexRetriever(backend, { ...config, scoring, retrieval: corpusRetrievalSettings(config, corpus) }, vocabulary, statistics, features, (question, terms) =>
    askedValueKinds(question, terms, profile),
  );
  // An explicit ANSWER_MIN_EVIDENCE wins; otherwise the threshold calibrated for this corpus (npm run calibrate), else the default.
  const minSupport = config.answerer.minSupport ?? corpus.manifest.answer?.minEvidence ?? DEFAULT_MIN_SUPPORT;
  const answerer = await createAnswerer(config, { statistics, profile }, corpusLabel(corpus), minSupport);
  const rewriter = await createQuestionRewriter(config, corpusLabel(corpus));
  const chain = createQaChain({ retriever, answerer, rewriter });
  return {
    config,
    corpus,
    manifest: backend.manifest,
    backend,
    retriever,
    statistics,
    rewriter,
    chain,
    vocabulary,
    features,
    computedAtLoad,
    answererName: answerer.name,
    currentBuildId: () => store.currentBuildId(corpus.manifest.name),
    close: async () => {
      backend.close();
      await store.close();
    },
  };
}
