import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import hnswlib from "hnswlib-node";
import { chunkDocument } from "../chunking/chunker.js";
import { type Chunk, contextualText } from "../chunking/types.js";
import type { LoadedCorpus } from "../corpus/load-corpus.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { INDEX_SCHEMA_VERSION, type IndexManifest, settingsChanged } from "./index-manifest.js";
import { MANIFEST_FILE, currentLink, indexRoot, versionsDir } from "./index-paths.js";
import { buildSparseIndex, SPARSE_SETTINGS, saveSparseIndex } from "./sparse-index.js";

const { HierarchicalNSW } = hnswlib;

export interface PreviousBuild {
  manifest: IndexManifest;
  directory: string;
}

export interface BuildOptions {
  dataDir: string;
  provider: EmbedderProvider;
  hnsw: { m: number; efConstruction: number };
  /** The current build, if any: unchanged chunks reuse its vectors (and a fitted embedder its model). */
  previous?: PreviousBuild;
  /** Rebuild everything and refit a fitted embedder, even when an incremental run would do. */
  full?: boolean;
  /** Share of chunks changed since the embedder was fitted above which it is refitted. */
  maxModelDrift?: number;
  /** Texts per embeddings call. */
  batchSize?: number;
  /** Called between stages, for progress output. */
  onStage?: (stage: string, detail: string) => void;
  /** Called as chunks are embedded. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildResult {
  manifest: IndexManifest;
  /** The folder that `current` now points at. */
  directory: string;
}

const VECTORS_FILE = "vectors.f32";
const CHUNK_IDS_FILE = "chunk-ids.json";
const HNSW_SEED = 100;

/** The LangChain document stored for a chunk: its text, metadata, and where it sits. */
export function chunkToDocument(chunk: Chunk, label: number): Document {
  return new Document({
    id: chunk.id,
    pageContent: chunk.text,
    metadata: { ...chunk.metadata, chunkId: chunk.id, headingPath: chunk.headingPath, ordinal: chunk.ordinal, label },
  });
}

/** Vectors of the previous build by chunk id, read from its raw vector file. */
async function previousVectors(previous: PreviousBuild): Promise<Map<string, number[]>> {
  const ids = JSON.parse(await readFile(path.join(previous.directory, CHUNK_IDS_FILE), "utf8")) as string[];
  const bytes = await readFile(path.join(previous.directory, VECTORS_FILE));
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const dimensions = previous.manifest.embedder.dimensions;
  return new Map(ids.map((id, row) => [id, Array.from(all.subarray(row * dimensions, (row + 1) * dimensions))]));
}

interface Plan {
  mode: "full" | "incremental";
  reason: string;
  refit: boolean;
}

/** Decides between a full and an incremental build, and whether a fitted embedder is refitted. */
function plan(options: BuildOptions, expected: Parameters<typeof settingsChanged>[1], changedShare: number): Plan {
  const { previous, provider } = options;
  if (options.full) return { mode: "full", reason: "--full was asked for", refit: true };
  if (!previous) return { mode: "full", reason: "no previous index", refit: true };
  const changed = settingsChanged(previous.manifest, expected);
  if (changed.length > 0) return { mode: "full", reason: changed.join("; "), refit: true };
  const drift = previous.manifest.embedder.driftSinceFit + changedShare;
  const limit = options.maxModelDrift ?? 0.25;
  if (provider.fitted && drift > limit) {
    return { mode: "full", reason: `${Math.round(drift * 100)}% of chunks changed since the embedder was fitted (limit ${Math.round(limit * 100)}%): refitting`, refit: true };
  }
  return { mode: "incremental", reason: "same settings: unchanged chunks keep their vectors", refit: false };
}

/**
 * Builds the index of a corpus into a fresh version folder, then switches the `current` link to it
 * with an atomic rename; a failure or crash at any point leaves the previous index untouched.
 *
 * Incremental by default: chunks whose id (document, heading path and text) is already in the
 * previous build keep their vectors, and a fitted embedder keeps its model, so only changed and new
 * documents are embedded. The HNSW graph and the BM25 index are rebuilt from all vectors in chunk
 * order, so the result is identical to a full build with the same embedder model.
 */
export async function buildIndex(loaded: LoadedCorpus, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const timings = { load: 0, chunk: 0, fit: 0, embed: 0, index: 0, save: 0, total: 0 };
  const { manifest: corpusManifest } = loaded.corpus;

  let mark = performance.now();
  const chunks = loaded.documents.flatMap((document) => chunkDocument(document, corpusManifest.chunking));
  timings.chunk = performance.now() - mark;
  if (chunks.length === 0) throw new Error(`Corpus "${corpusManifest.name}" produced no chunks: are its files empty?`);
  options.onStage?.("chunk", `${loaded.documents.length} documents -> ${chunks.length} chunks`);

  const before = new Map((options.previous?.manifest.documents ?? []).map((document) => [document.id, document.contentHash]));
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
  const reusable = options.previous && !options.full && settingsChanged(options.previous.manifest, expected).length === 0
    ? await previousVectors(options.previous).catch(() => new Map<string, number[]>())
    : new Map<string, number[]>();
  const changedShare = chunks.filter((chunk) => !reusable.has(chunk.id)).length / chunks.length;
  const decided = plan(options, expected, changedShare);
  options.onStage?.("plan", `${decided.mode} build: ${decided.reason}`);

  const texts = chunks.map(contextualText);
  mark = performance.now();
  let embeddings: Embeddings;
  let model: IndexManifest["build"]["model"];
  if (!options.provider.fitted) {
    embeddings = await options.provider.prepare(texts);
    model = "remote";
  } else if (decided.refit || !options.previous) {
    embeddings = await options.provider.prepare(texts);
    model = "fitted";
  } else {
    embeddings = await options.provider.load(options.previous.directory);
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
  const batchSize = options.batchSize ?? 64;
  for (let start = 0; start < missing.length; start += batchSize) {
    const batch = missing.slice(start, start + batchSize);
    const embedded = await embeddings.embedDocuments(batch.map((index) => texts[index]!));
    batch.forEach((index, position) => {
      vectors[index] = embedded[position]!;
    });
    options.onProgress?.(Math.min(start + batchSize, missing.length), missing.length);
  }
  timings.embed = performance.now() - mark;
  const dimensions = vectors[0]?.length ?? 0;
  if (dimensions === 0 || vectors.some((vector) => vector?.length !== dimensions)) {
    throw new Error(`Embedder ${options.provider.id} returned vectors of inconsistent or zero length for ${chunks.length} chunks.`);
  }
  options.onStage?.("embed", `${missing.length} chunks embedded, ${chunks.length - missing.length} reused, ${dimensions} dimensions`);

  mark = performance.now();
  const graph = new HierarchicalNSW("cosine", dimensions);
  graph.initIndex(chunks.length, options.hnsw.m, options.hnsw.efConstruction, HNSW_SEED);
  const stored = new Map<string, Document>();
  vectors.forEach((vector, label) => {
    graph.addPoint(vector, label);
    stored.set(String(label), chunkToDocument(chunks[label]!, label));
  });
  const sparse = buildSparseIndex(chunks.map((chunk, label) => ({ id: String(label), heading: chunk.headingPath.join(" "), text: chunk.text })));
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions, index: graph, docstore: new SynchronousInMemoryDocstore(stored) });
  timings.index = performance.now() - mark;

  const root = indexRoot(options.dataDir, corpusManifest.name);
  const buildId = `${new Date().toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 15)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const staging = path.join(versionsDir(root), `.staging-${buildId}`);
  const finalDir = path.join(versionsDir(root), buildId);
  mark = performance.now();
  try {
    await mkdir(staging, { recursive: true });
    await store.save(staging);
    await saveSparseIndex(sparse, staging);
    await options.provider.persist(embeddings, staging);
    const raw = new Float32Array(chunks.length * dimensions);
    vectors.forEach((vector, row) => raw.set(vector, row * dimensions));
    await writeFile(path.join(staging, VECTORS_FILE), Buffer.from(raw.buffer));
    await writeFile(path.join(staging, CHUNK_IDS_FILE), JSON.stringify(chunks.map((chunk) => chunk.id)));
    const chunkCounts = new Map<string, number>();
    for (const chunk of chunks) chunkCounts.set(chunk.docId, (chunkCounts.get(chunk.docId) ?? 0) + 1);
    timings.save = performance.now() - mark;
    timings.total = performance.now() - started;
    const previousEmbedder = options.previous?.manifest.embedder;
    const manifest: IndexManifest = {
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
        dimensions,
        modelBuildId: model === "reused" && previousEmbedder ? previousEmbedder.modelBuildId : model === "remote" ? "remote" : buildId,
        driftSinceFit: model === "reused" && previousEmbedder ? previousEmbedder.driftSinceFit + changedShare : 0,
      },
      chunking: corpusManifest.chunking,
      hnsw: { space: "cosine", m: options.hnsw.m, efConstruction: options.hnsw.efConstruction },
      sparse: { ...SPARSE_SETTINGS, fields: [...SPARSE_SETTINGS.fields] },
      counts: { documents: loaded.documents.length, chunks: chunks.length, skipped: loaded.skipped.length },
      builtAt: new Date().toISOString(),
      build: {
        mode: decided.mode,
        reason: decided.reason,
        documents: documentDelta,
        chunks: { embedded: missing.length, reused: chunks.length - missing.length },
        model,
      },
      timingsMs: timings,
    };
    // The manifest is written last: a folder without one is never a complete build.
    await writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(staging, finalDir);
    await switchCurrent(root, finalDir);
    await removeOtherVersions(root, buildId);
    return { manifest, directory: finalDir };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Points `current` at the new build: a new symlink renamed over the old one, which is atomic on POSIX. */
async function switchCurrent(root: string, target: string): Promise<void> {
  const link = currentLink(root);
  const temporary = `${link}.next-${process.pid}`;
  await rm(temporary, { force: true });
  await symlink(path.relative(root, target), temporary, "dir");
  await rename(temporary, link);
}

/** Deletes older builds and leftovers of interrupted ones; never the build `current` points at. */
async function removeOtherVersions(root: string, keep: string): Promise<void> {
  const entries = await readdir(versionsDir(root));
  await Promise.all(
    entries.filter((entry) => entry !== keep).map((entry) => rm(path.join(versionsDir(root), entry), { recursive: true, force: true })),
  );
}
