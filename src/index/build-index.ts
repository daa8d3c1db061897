import { mkdir, readdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { Document } from "@langchain/core/documents";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import hnswlib from "hnswlib-node";

const { HierarchicalNSW } = hnswlib;
import { chunkDocument } from "../chunking/chunker.js";
import { type Chunk, contextualText } from "../chunking/types.js";
import type { LoadedCorpus } from "../corpus/load-corpus.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { INDEX_SCHEMA_VERSION, type IndexManifest } from "./index-manifest.js";
import { buildSparseIndex, SPARSE_SETTINGS, saveSparseIndex } from "./sparse-index.js";
import { MANIFEST_FILE, currentLink, indexRoot, versionsDir } from "./index-paths.js";

export interface BuildOptions {
  dataDir: string;
  provider: EmbedderProvider;
  hnsw: { m: number; efConstruction: number };
  /** Called between stages, for progress output. */
  onStage?: (stage: string, detail: string) => void;
}

export interface BuildResult {
  manifest: IndexManifest;
  /** The folder that `current` now points at. */
  directory: string;
}

/** The LangChain document stored for a chunk: its text, metadata, and where it sits. */
export function chunkToDocument(chunk: Chunk, label: number): Document {
  return new Document({
    id: chunk.id,
    pageContent: chunk.text,
    metadata: { ...chunk.metadata, chunkId: chunk.id, headingPath: chunk.headingPath, ordinal: chunk.ordinal, label },
  });
}

const HNSW_SEED = 100;

/**
 * Builds the whole index of a corpus into a fresh version folder, then switches the `current` link to
 * it with an atomic rename. A failure or crash at any point leaves the previous index untouched.
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

  const texts = chunks.map(contextualText);
  mark = performance.now();
  const embeddings = await options.provider.prepare(texts);
  timings.fit = performance.now() - mark;
  mark = performance.now();
  const vectors = await embeddings.embedDocuments(texts);
  timings.embed = performance.now() - mark;
  const dimensions = vectors[0]?.length ?? 0;
  if (dimensions === 0 || vectors.length !== chunks.length) {
    throw new Error(`Embedder ${options.provider.id} returned ${vectors.length} vectors of ${dimensions} dimensions for ${chunks.length} chunks.`);
  }
  options.onStage?.("embed", `${vectors.length} vectors x ${dimensions} dimensions`);

  mark = performance.now();
  const graph = new HierarchicalNSW("cosine", dimensions);
  graph.initIndex(chunks.length, options.hnsw.m, options.hnsw.efConstruction, HNSW_SEED);
  const stored = new Map<string, Document>();
  vectors.forEach((vector, label) => {
    graph.addPoint(vector, label);
    stored.set(String(label), chunkToDocument(chunks[label]!, label));
  });
  const sparse = buildSparseIndex(chunks.map((chunk, label) => ({ id: String(label), heading: chunk.headingPath.join(" "), text: chunk.text })));
  const store = new HNSWLib(embeddings, {
    space: "cosine",
    numDimensions: dimensions,
    index: graph,
    docstore: new SynchronousInMemoryDocstore(stored),
  });
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
    const chunkCounts = new Map<string, number>();
    for (const chunk of chunks) chunkCounts.set(chunk.docId, (chunkCounts.get(chunk.docId) ?? 0) + 1);
    timings.save = performance.now() - mark;
    timings.load = 0;
    timings.total = performance.now() - started;
    const manifest: IndexManifest = {
      schemaVersion: INDEX_SCHEMA_VERSION,
      buildId,
      corpus: {
        name: corpusManifest.name,
        dir: loaded.corpus.dir,
        description: corpusManifest.description,
        contentHash: loaded.contentHash,
      },
      documents: loaded.documents.map((document) => ({
        id: document.id,
        title: document.title,
        sourcePath: document.sourcePath,
        contentHash: document.contentHash,
        chunks: chunkCounts.get(document.id) ?? 0,
        metadata: document.metadata,
      })),
      skipped: loaded.skipped,
      embedder: { id: options.provider.id, dimensions },
      chunking: corpusManifest.chunking,
      hnsw: { space: "cosine", m: options.hnsw.m, efConstruction: options.hnsw.efConstruction },
      sparse: { ...SPARSE_SETTINGS, fields: [...SPARSE_SETTINGS.fields] },
      counts: { documents: loaded.documents.length, chunks: chunks.length, skipped: loaded.skipped.length },
      builtAt: new Date().toISOString(),
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
