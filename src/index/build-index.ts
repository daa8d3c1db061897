import { mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Document } from "@langchain/core/documents";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import hnswlib from "hnswlib-node";
import type { LoadedCorpus } from "../corpus/load-corpus.js";
import type { IndexManifest } from "./index-manifest.js";
import { MANIFEST_FILE, currentLink, indexRoot, versionsDir } from "./index-paths.js";
import { buildManifest, newBuildId, type PrepareOptions, type PreviousSource, prepareBuild } from "./prepare-build.js";
import { buildSparseIndex, SPARSE_SETTINGS, saveSparseIndex } from "./sparse-index.js";
import { chunkToDocument } from "./stored-chunk.js";

const { HierarchicalNSW } = hnswlib;

export interface PreviousBuild {
  manifest: IndexManifest;
  directory: string;
}

export interface BuildOptions extends PrepareOptions {
  dataDir: string;
  /** The current build, if any: unchanged chunks reuse its vectors (and a fitted embedder its model). */
  previous?: PreviousBuild;
}

export interface BuildResult {
  manifest: IndexManifest;
  /** Where the build lives: the folder that `current` now points at, or `postgres:<table>`. */
  directory: string;
  /** Storage the build takes (files, or table, indexes and stored model), in bytes. */
  sizeBytes: number;
}

const VECTORS_FILE = "vectors.f32";
const CHUNK_IDS_FILE = "chunk-ids.json";
const HNSW_SEED = 100;

/** Vectors of the previous build by chunk id, read from its raw vector file. */
async function previousVectors(previous: PreviousBuild): Promise<Map<string, number[]>> {
  const ids = JSON.parse(await readFile(path.join(previous.directory, CHUNK_IDS_FILE), "utf8")) as string[];
  const bytes = await readFile(path.join(previous.directory, VECTORS_FILE));
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const dimensions = previous.manifest.embedder.dimensions;
  return new Map(ids.map((id, row) => [id, Array.from(all.subarray(row * dimensions, (row + 1) * dimensions))]));
}

/** A previous build folder as the shared build step sees it. */
function folderSource(previous: PreviousBuild): PreviousSource {
  return {
    manifest: previous.manifest,
    vectors: () => previousVectors(previous),
    embedder: (provider) => provider.load(previous.directory),
  };
}

/**
 * Builds the index of a corpus into a fresh version folder, then switches the `current` link to it
 * with an atomic rename; a failure or crash at any point leaves the previous index untouched.
 *
 * Incremental by default (see `prepareBuild`): only changed and new chunks are embedded. The HNSW
 * graph and the BM25 index are rebuilt from all vectors in chunk order, so the result is identical
 * to a full build with the same embedder model.
 */
export async function buildIndex(loaded: LoadedCorpus, options: BuildOptions): Promise<BuildResult> {
  const previous = options.previous ? folderSource(options.previous) : undefined;
  const prepared = await prepareBuild(loaded, previous, options);
  const { chunks, vectors, dimensions, embeddings, timings } = prepared;
  const corpusManifest = loaded.corpus.manifest;

  let mark = performance.now();
  const graph = new HierarchicalNSW("cosine", dimensions);
  graph.initIndex(chunks.length, options.hnsw.m, options.hnsw.efConstruction, HNSW_SEED);
  const stored = new Map<string, Document>();
  vectors.forEach((vector, label) => {
    graph.addPoint(vector, label);
    stored.set(String(label), chunkToDocument(chunks[label]!, label));
  });
  const sparse = buildSparseIndex(chunks);
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions, index: graph, docstore: new SynchronousInMemoryDocstore(stored) });
  timings.index = performance.now() - mark;

  const root = indexRoot(options.dataDir, corpusManifest.name);
  const buildId = newBuildId();
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
    timings.save = performance.now() - mark;
    timings.total = performance.now() - prepared.started;
    const manifest = buildManifest(loaded, prepared, {
      buildId,
      previous,
      provider: options.provider,
      hnsw: options.hnsw,
      sparse: { ...SPARSE_SETTINGS, fields: [...SPARSE_SETTINGS.fields] },
    });
    // The manifest is written last: a folder without one is never a complete build.
    await writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(staging, finalDir);
    await switchCurrent(root, finalDir);
    await removeOtherVersions(root, buildId);
    const files = await readdir(finalDir);
    const sizes = await Promise.all(files.map((file) => stat(path.join(finalDir, file)).then((info) => info.size)));
    return { manifest, directory: finalDir, sizeBytes: sizes.reduce((sum, size) => sum + size, 0) };
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
