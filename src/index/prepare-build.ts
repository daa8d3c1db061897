import type { Embeddings } from "@langchain/core/embeddings";
import { chunkDocument } from "../chunking/chunker.js";
import { type Chunk, contextualText } from "../chunking/types.js";
import type { LoadedCorpus } from "../corpus/load-corpus.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { IndexCorruptError } from "../errors.js";
import { INDEX_SCHEMA_VERSION, type IndexManifest, settingsChanged } from "./index-manifest.js";
import type { ProgressCallback } from "../progress.js";
import type { HnswChoice } from "./hnsw-settings.js";

/** The current build as a backend sees it: its manifest, its vectors by chunk id, and its fitted embedder. */
export interface PreviousSource {
  manifest: IndexManifest;
  /** Vectors of the build by chunk id (only the ids asked for are needed). */
  vectors(chunkIds: string[]): Promise<Map<string, number[]>>;
  /** The embedder the build was made with (a fitted model is loaded from where the backend saved it). */
  embedder(provider: EmbedderProvider): Promise<Embeddings>;
}

/** A file computed from a build's chunks by the layers above the index (retrieval's vocabulary and chunk features), stored with the build. */
export interface DerivedFile {
  name: string;
  data: string | Uint8Array;
}

/** What every backend's build takes, whatever it writes to. */
export interface PrepareOptions {
  /**
   * Files computed from all chunks of the build, stored with it and named in the manifest's `derived`
   * (the embedded backend writes them into the version folder, PostgreSQL into `rag_build_files`).
   */
  derived?: (chunks: readonly Chunk[]) => DerivedFile[] | Promise<DerivedFile[]>;
  provider: EmbedderProvider;
  /** The graph's M and efConstruction, or how to choose them from the number of chunks. */
  hnsw: HnswChoice;
  /** Rebuild everything and refit a fitted embedder, even when an incremental run would do. */
  full?: boolean;
  /** Share of chunks changed since the embedder was fitted above which it is refitted. */
  maxModelDrift?: number;
  /** Texts per embeddings call. */
  batchSize?: number;
  /** Why the current build could not be read, when one exists (said in the plan line of the full build that follows). */
  previousProblem?: string;
  /** Called between stages, for progress output. */
  onStage?: (stage: string, detail: string) => void;
  /** Called as the embedder is fitted (by phase) and as chunks are embedded. */
  onProgress?: ProgressCallback;
}

interface Plan {
  mode: "full" | "incremental";
  reason: string;
  refit: boolean;
}

/** Chunks with their vectors, ready to be written by a backend, and what the manifest needs to say about them. */
export interface PreparedBuild {
  chunks: Chunk[];
  vectors: number[][];
  dimensions: number;
  embeddings: Embeddings;
  plan: Plan;
  model: IndexManifest["build"]["model"];
  /** Chunks the embedder was fitted on in this build (undefined when it was not fitted here). */
  fittedOn?: number;
  changedShare: number;
  embedded: number;
  documentDelta: IndexManifest["build"]["documents"];
  timings: IndexManifest["timingsMs"];
  started: number;
}

/** Decides between a full and an incremental build, and whether a fitted embedder is refitted. */
function plan(
  options: PrepareOptions,
  previous: PreviousSource | undefined,
  expected: Parameters<typeof settingsChanged>[1],
  changedShare: number,
  unusable: string | undefined,
): Plan {
  const { provider } = options;
  if (options.full) return { mode: "full", reason: "--full was asked for", refit: true };
  if (!previous) {
    const reason = options.previousProblem ? `the current index cannot be read (${options.previousProblem})` : "no previous index";
    return { mode: "full", reason, refit: true };
  }
  const changed = settingsChanged(previous.manifest, expected);
  if (changed.length > 0) return { mode: "full", reason: changed.join("; "), refit: true };
  if (unusable) return { mode: "full", reason: `the previous build cannot be reused (${unusable})`, refit: true };
  const drift = previous.manifest.embedder.driftSinceFit + changedShare;
  const limit = options.maxModelDrift ?? 0.25;
  if (provider.fitted && drift > limit) {
    return { mode: "full", reason: `${Math.round(drift * 100)}% of chunks changed since the embedder was fitted (limit ${Math.round(limit * 100)}%): refitting`, refit: true };
  }
  return { mode: "incremental", reason: "same settings: unchanged chunks keep their vectors", refit: false };
}

/** A unique build id, safe in file and table names: the UTC time to the second, the pid and a random part (`20261129-101500-1234-ab12cd`); ids sort by time only to the second, and nothing relies on their order. */
export function newBuildId(): string {
  return `${new Date().toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 15)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The pid of the process that made a build id (see `newBuildId`), or undefined for a name of another shape. */
export function buildIdPid(buildId: string): number | undefined {
  const match = /^\d{8}-\d{6}-(\d+)-[a-z0-9]+$/.exec(buildId);
  return match ? Number(match[1]) : undefined;
}

/**
 * Chunks the corpus and gives every chunk a vector: chunks whose id (document, heading path and
 * text) is in the previous build keep its vector, and a fitted embedder keeps its model, so only
 * changed and new chunks are embedded. Shared by every backend, so incremental re-indexing behaves
 * the same whatever the index is written to.
 */
export async function prepareBuild(loaded: LoadedCorpus, previous: PreviousSource | undefined, options: PrepareOptions): Promise<PreparedBuild> {
  const started = performance.now();
  const timings = { load: 0, chunk: 0, fit: 0, embed: 0, index: 0, save: 0, total: 0 };
  const { manifest: corpusManifest } = loaded.corpus;

  let mark = performance.now();
  const chunks = loaded.documents.flatMap((document) => chunkDocument(document, corpusManifest.chunking));
  timings.chunk = performance.now() - mark;
  if (chunks.length === 0) throw new Error(`Corpus "${corpusManifest.name}" produced no chunks: are its files empty?`);
  options.onStage?.("chunk", `${loaded.documents.length} documents -> ${chunks.length} chunks`);

  const before = new Map((previous?.manifest.documents ?? []).map((document) => [document.id, document.contentHash]));
  const now = new Set(loaded.documents.map((document) => document.id));
  const documentDelta = {
    added: loaded.documents.filter((document) => !before.has(document.id)).length,
    changed: loaded.documents.filter((document) => before.has(document.id) && before.get(document.id) !== document.contentHash).length,
    removed: [...before.keys()].filter((id) => !now.has(id)).length,
    unchanged: loaded.documents.filter((document) => before.get(document.id) === document.contentHash).length,
  };
  const expected = {
    corpusName: corpusManifest.name,
    embedderId: options.provider.id,
    chunking: corpusManifest.chunking,
    hnsw: options.hnsw,
  };
  // Stored vectors that cannot be read (a damaged file) make the build a full one, saying why.
  let unusable: string | undefined;
  const reusable = previous && !options.full && settingsChanged(previous.manifest, expected).length === 0
    ? await previous.vectors(chunks.map((chunk) => chunk.id)).catch((error: unknown) => {
        unusable = error instanceof IndexCorruptError ? `${error.file} ${error.problem}` : String((error as Error).message ?? error);
        return new Map<string, number[]>();
      })
    : new Map<string, number[]>();
  const changedShare = chunks.filter((chunk) => !reusable.has(chunk.id)).length / chunks.length;
  const decided = plan(options, previous, expected, changedShare, unusable);
  options.onStage?.("plan", `${decided.mode} build: ${decided.reason}`);

  const texts = chunks.map(contextualText);
  mark = performance.now();
  let embeddings: Embeddings;
  let model: IndexManifest["build"]["model"];
  if (!options.provider.fitted) {
    embeddings = await options.provider.prepare(texts);
    model = "remote";
  } else if (decided.refit || !previous) {
    embeddings = await options.provider.prepare(texts, { onProgress: options.onProgress });
    model = "fitted";
  } else {
    embeddings = await previous.embedder(options.provider);
    model = "reused";
  }
  timings.fit = performance.now() - mark;
  const vectorsByChunk = decided.mode === "incremental" ? reusable : new Map<string, number[]>();

  mark = performance.now();
  const vectors: number[][] = new Array(chunks.length);
  const missing = chunks.map((chunk, index) => index).filter((index) => !vectorsByChunk.has(chunks[index]!.id));
  chunks.forEach((chunk, index) => {
    const reused = vectorsByChunk.get(chunk.id);
    if (reused) vectors[index] = reused;
  });
  if (options.provider.embedAll) {
    if (missing.length > 0) {
      const embedded = await options.provider.embedAll(embeddings, missing.map((index) => texts[index]!), { onProgress: (done, total) => options.onProgress?.("embed", done, total) });
      missing.forEach((index, position) => {
        vectors[index] = embedded[position]!;
      });
    }
  } else {
    const batchSize = options.batchSize ?? 64;
    for (let start = 0; start < missing.length; start += batchSize) {
      const batch = missing.slice(start, start + batchSize);
      const embedded = await embeddings.embedDocuments(batch.map((index) => texts[index]!));
      batch.forEach((index, position) => {
        vectors[index] = embedded[position]!;
      });
      options.onProgress?.("embed", Math.min(start + batchSize, missing.length), missing.length);
    }
  }
  timings.embed = performance.now() - mark;
  const dimensions = vectors[0]?.length ?? 0;
  if (dimensions === 0 || vectors.some((vector) => vector?.length !== dimensions)) {
    throw new Error(`Embedder ${options.provider.id} returned vectors of inconsistent or zero length for ${chunks.length} chunks.`);
  }
  options.onStage?.("embed", `${missing.length} chunks embedded, ${chunks.length - missing.length} reused, ${dimensions} dimensions`);
  const fittedOn = model === "fitted" ? Math.min(texts.length, options.provider.fitSample ?? texts.length) : undefined;
  return { chunks, vectors, dimensions, embeddings, plan: decided, model, fittedOn, changedShare, embedded: missing.length, documentDelta, timings, started };
}

/** The manifest of a prepared build; `sparse` says which full-text engine the backend used. */
export function buildManifest(
  loaded: LoadedCorpus,
  prepared: PreparedBuild,
  options: { buildId: string; previous: PreviousSource | undefined; provider: EmbedderProvider; hnsw: { m: number; efConstruction: number; efSearch?: number; recallAt10?: number }; sparse: IndexManifest["sparse"] },
): IndexManifest {
  const { chunks, model, changedShare, buildId } = { ...prepared, buildId: options.buildId };
  const corpusManifest = loaded.corpus.manifest;
  const chunkCounts = new Map<string, number>();
  for (const chunk of chunks) chunkCounts.set(chunk.docId, (chunkCounts.get(chunk.docId) ?? 0) + 1);
  const previousEmbedder = options.previous?.manifest.embedder;
  return {
    schemaVersion: INDEX_SCHEMA_VERSION,
    buildId,
    corpus: { name: corpusManifest.name, dir: loaded.corpus.dir, description: corpusManifest.description, contentHash: loaded.contentHash },
    documents: loaded.documents.map((document) => ({
      id: document.id,
      title: document.title,
      sourcePath: document.sourcePath,
      contentHash: document.contentHash,
      chunks: chunkCounts.get(document.id) ?? 0,
      metadata: document.metadata,
    })),
    skipped: loaded.skipped,
    embedder: {
      id: options.provider.id,
      dimensions: prepared.dimensions,
      modelBuildId: model === "reused" && previousEmbedder ? previousEmbedder.modelBuildId : model === "remote" ? "remote" : buildId,
      driftSinceFit: model === "reused" && previousEmbedder ? previousEmbedder.driftSinceFit + changedShare : 0,
      fittedOn: model === "reused" ? previousEmbedder?.fittedOn : prepared.fittedOn,
    },
    chunking: corpusManifest.chunking,
    hnsw: { space: "cosine", ...options.hnsw },
    sparse: options.sparse,
    counts: { documents: loaded.documents.length, chunks: chunks.length, skipped: loaded.skipped.length },
    builtAt: new Date().toISOString(),
    build: {
      mode: prepared.plan.mode,
      reason: prepared.plan.reason,
      documents: prepared.documentDelta,
      chunks: { embedded: prepared.embedded, reused: chunks.length - prepared.embedded },
      model,
    },
    timingsMs: prepared.timings,
  };
}
