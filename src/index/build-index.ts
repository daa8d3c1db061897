import { closeSync, openSync } from "node:fs";
import { mkdir, readFile, realpath, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Document } from "@langchain/core/documents";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import hnswlib from "hnswlib-node";
import type { Chunk } from "../chunking/types.js";
import type { LoadedCorpus } from "../corpus/load-corpus.js";
import { corruptIndexError, describeFiles, syncToDisk, verifyFiles } from "./build-files.js";
import type { IndexManifest } from "./index-manifest.js";
import { CHUNK_IDS_FILE, MANIFEST_FILE, NEXT_LINK_PREFIX, STAGING_PREFIX, VECTORS_FILE, currentLink, indexRoot, versionsDir } from "./index-paths.js";
import { markInFlight } from "./owner-process.js";
import { CHUNK_TEXTS_FILE, writeChunkTexts } from "./chunk-texts.js";
import { hnswFor } from "./hnsw-settings.js";
import { tuneEfSearch } from "./hnsw-tuning.js";
import { buildManifest, newBuildId, type PrepareOptions, type PreviousSource, prepareBuild } from "./prepare-build.js";
import { SPARSE_SETTINGS } from "./sparse-index.js";
import { buildSparsePostings, SPARSE_POSTINGS_FILE, writeSparsePostings } from "./sparse-postings.js";
import { chunkToDocument } from "./stored-chunk.js";
import { removeLeftovers, removeOldVersions } from "./version-cleanup.js";
import { writeFully } from "./write-fully.js";

const { HierarchicalNSW } = hnswlib;

export interface PreviousBuild {
  manifest: IndexManifest;
  directory: string;
}

export interface BuildOptions extends PrepareOptions {
  dataDir: string;
  /** The current build, if any: unchanged chunks reuse its vectors (and a fitted embedder its model). */
  previous?: PreviousBuild;
  /** efSearch tuned at build time: raised from `floor` until recall@10 on held-out vectors reaches `recallTarget` (0: not tuned). */
  efSearch?: { floor: number; recallTarget: number };
}

export interface BuildResult {
  manifest: IndexManifest;
  /** Where the build lives: the folder that `current` now points at, or `postgres:<table>`. */
  directory: string;
  /** Storage the build takes (files, or table, indexes and stored model), in bytes. */
  sizeBytes: number;
}

const HNSW_SEED = 100;

/** Vectors of the previous build by chunk id, read from its raw vector file. */
async function previousVectors(previous: PreviousBuild, fixCommand: string): Promise<Map<string, number[]>> {
  const idsFile = path.join(previous.directory, CHUNK_IDS_FILE);
  const vectorsFile = path.join(previous.directory, VECTORS_FILE);
  let ids: string[];
  try {
    ids = JSON.parse(await readFile(idsFile, "utf8")) as string[];
  } catch (error) {
    throw corruptIndexError(idsFile, "cannot be read as a JSON list of chunk ids", fixCommand, error);
  }
  const bytes = await readFile(vectorsFile);
  const dimensions = previous.manifest.embedder.dimensions;
  const expected = ids.length * dimensions * Float32Array.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== expected) {
    throw corruptIndexError(vectorsFile, `is ${bytes.byteLength} bytes; ${ids.length} chunks of ${dimensions} dimensions need ${expected}`, fixCommand);
  }
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return new Map(ids.map((id, row) => [id, Array.from(all.subarray(row * dimensions, (row + 1) * dimensions))]));
}

/** A previous build folder as the shared build step sees it; its vectors are reused only if every file checks out. */
function folderSource(previous: PreviousBuild, fixCommand: string): PreviousSource {
  return {
    manifest: previous.manifest,
    vectors: async () => {
      await verifyFiles(previous.directory, previous.manifest, { fixCommand });
      return previousVectors(previous, fixCommand);
    },
    embedder: (provider) => provider.load(previous.directory),
  };
}

/**
 * Builds the index of a corpus into a fresh version folder, checks every file of it against the
 * manifest, then switches the `current` link to it with an atomic rename; a failure or crash at any
 * point leaves the previous index untouched. The build `current` pointed at before is kept (readers
 * that resolved the link just before the switch still find their files); older ones are deleted.
 *
 * Incremental by default (see `prepareBuild`): only changed and new chunks are embedded. The HNSW
 * graph and the BM25 index are rebuilt from all vectors in chunk order, so the result is identical
 * to a full build with the same embedder model. Callers that may run concurrently take the ingest
 * lock first (`withIndexLock`); leftovers are removed only when their process no longer runs.
 */
export async function buildIndex(loaded: LoadedCorpus, options: BuildOptions): Promise<BuildResult> {
  const corpusManifest = loaded.corpus.manifest;
  const root = indexRoot(options.dataDir, corpusManifest.name);
  const fixCommand = `npm run ingest -- --corpus ${corpusManifest.name} --full`;
  await removeLeftovers(root);
  const previous = options.previous ? folderSource(options.previous, fixCommand) : undefined;
  const prepared = await prepareBuild(loaded, previous, options);
  const { chunks, embeddings, timings } = prepared;

  const hnsw = hnswFor(options.hnsw, chunks.length);
  const buildId = newBuildId();
  const staging = path.join(versionsDir(root), `${STAGING_PREFIX}${buildId}`);
  const finalDir = path.join(versionsDir(root), buildId);
  const unmark = markInFlight(staging, finalDir);
  let switched = false;
  timings.index = 0;
  timings.save = 0;
  const timed: Timed = async (into, step) => {
    const mark = performance.now();
    try {
      return await step();
    } finally {
      timings[into] += performance.now() - mark;
    }
  };
  try {
    await mkdir(staging, { recursive: true });
    // Each part is written as soon as it is made and then let go, so the build never holds the
    // vectors, the graph, the derived files and the BM25 postings all at once.
    const tuning = await writeGraph(staging, prepared, hnsw, options, timed);
    const derivedNames = options.derived ? await writeDerived(staging, chunks, options.derived, prepared.timings, timed, options.onStage) : [];
    await writeSparse(staging, chunks, timed, options.onStage);
    const mark = performance.now();
    writeChunkTexts(path.join(staging, CHUNK_TEXTS_FILE), chunks.map((chunk) => chunk.text));
    await options.provider.persist(embeddings, staging);
    const files = await describeFiles(staging);
    timings.save += performance.now() - mark;
    timings.total = performance.now() - prepared.started;
    const manifest: IndexManifest = {
      ...buildManifest(loaded, prepared, {
        buildId,
        previous,
        provider: options.provider,
        hnsw: { ...hnsw, ...(tuning && tuning.queries > 0 ? { efSearch: tuning.efSearch, recallAt10: tuning.recallAt10 } : {}) },
        sparse: { ...SPARSE_SETTINGS, fields: [...SPARSE_SETTINGS.fields], file: SPARSE_POSTINGS_FILE },
      }),
      ...(options.derived ? { derived: derivedNames } : {}),
      files,
    };
    // The manifest is written last: a folder without one is never a complete build.
    const manifestFile = path.join(staging, MANIFEST_FILE);
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    await syncToDisk(manifestFile);
    await rename(staging, finalDir);
    await syncToDisk(versionsDir(root));
    // Checked where it will be served from, before anything points at it.
    await verifyFiles(finalDir, manifest, { fixCommand });
    const sizeBytes = files.reduce((sum, file) => sum + file.bytes, 0);
    options.onStage?.("save", `${files.length} files written and verified (${(sizeBytes / 1024 / 1024).toFixed(1)} MiB)`);
    const replaced = await switchCurrent(root, finalDir);
    switched = true;
    options.onStage?.("switch", `current -> ${buildId}${replaced ? `; previous build ${replaced} kept` : ""}`);
    await removeOldVersions(root, [buildId, replaced]);
    return { manifest, directory: finalDir, sizeBytes: sizeBytes + Buffer.byteLength(`${JSON.stringify(manifest, null, 2)}\n`) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!switched) await rm(finalDir, { recursive: true, force: true });
    throw error;
  } finally {
    unmark();
  }
}

/** Computes the derived files and writes each; none of them is held once this returns. */
async function writeDerived(
  staging: string,
  chunks: readonly Chunk[],
  derive: NonNullable<BuildOptions["derived"]>,
  timings: IndexManifest["timingsMs"],
  timed: Timed,
  onStage: BuildOptions["onStage"],
): Promise<string[]> {
  const started = performance.now();
  const derived = await derive(chunks);
  timings.derived = performance.now() - started;
  await timed("save", async () => {
    for (const file of derived) await writeFile(path.join(staging, file.name), file.data);
  });
  const names = derived.map((file) => file.name);
  onStage?.("derived", `${names.join(", ")} computed from ${chunks.length} chunks and written`);
  return names;
}

/** Builds the BM25 postings and writes them (`sparse-postings.bin`); they are not held once this returns. */
async function writeSparse(staging: string, chunks: readonly Chunk[], timed: Timed, onStage: BuildOptions["onStage"]): Promise<void> {
  const sparse = await timed("index", () => buildSparsePostings(chunks));
  await timed("save", () => writeSparsePostings(path.join(staging, SPARSE_POSTINGS_FILE), sparse));
  onStage?.("sparse", `BM25 postings of ${sparse.terms.length} terms (${sparse.postings} postings) built and written`);
}

/** Runs one step of the build, adding its time to the manifest's `index` or `save` timing. */
type Timed = <T>(into: "index" | "save", step: () => T | Promise<T>) => Promise<T>;

/**
 * Builds the HNSW graph (and tunes efSearch), then writes the graph, the docstore, the raw vectors and
 * the chunk ids, and empties `prepared.vectors`: from here on the build holds no vector outside the
 * graph, and the graph and docstore are let go when this returns.
 */
async function writeGraph(
  staging: string,
  prepared: Awaited<ReturnType<typeof prepareBuild>>,
  hnsw: { m: number; efConstruction: number },
  options: BuildOptions,
  timed: Timed,
): Promise<ReturnType<typeof tuneEfSearch> | undefined> {
  const { chunks, vectors, dimensions, embeddings } = prepared;
  const graph = new HierarchicalNSW("cosine", dimensions);
  const stored = new Map<string, Document>();
  await timed("index", () => {
    graph.initIndex(chunks.length, hnsw.m, hnsw.efConstruction, HNSW_SEED);
    vectors.forEach((vector, label) => {
      graph.addPoint(vector, label);
      // The texts go to their own file (CHUNK_TEXTS_FILE), read per chunk when served; the docstore keeps the rest.
      stored.set(String(label), chunkToDocument({ ...chunks[label]!, text: "" }, label));
    });
  });
  options.onStage?.("graph", `${chunks.length} vectors in the HNSW graph (M=${hnsw.m}, efConstruction=${hnsw.efConstruction})`);
  const tuning = options.efSearch ? await timed("index", () => tuneEfSearch(graph, vectors, { floor: options.efSearch!.floor, target: options.efSearch!.recallTarget })) : undefined;
  if (tuning) options.onStage?.("tune", `efSearch ${tuning.efSearch}: recall@10 ${tuning.recallAt10} on ${tuning.queries} held-out vectors (target ${options.efSearch!.recallTarget})`);
  await timed("save", async () => {
    writeVectors(path.join(staging, VECTORS_FILE), vectors, dimensions);
    vectors.length = 0;
    await writeFile(path.join(staging, CHUNK_IDS_FILE), JSON.stringify(chunks.map((chunk) => chunk.id)));
    const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions, index: graph, docstore: new SynchronousInMemoryDocstore(stored) });
    await store.save(staging);
    // Frees the graph's native memory now (initIndex deletes the old graph): V8 does not see that
    // memory, so it would not hurry to collect the wrapper (about 1.3 GB at 1M chunks).
    graph.initIndex(1, hnsw.m, hnsw.efConstruction, HNSW_SEED);
  });
  options.onStage?.("graph-save", `HNSW graph, docstore, vectors and chunk ids of ${chunks.length} chunks written`);
  return tuning;
}

/** The raw vectors (float32, row by row), written through a buffer of 4,096 rows. */
function writeVectors(file: string, vectors: readonly number[][], dimensions: number): void {
  const rows = 4_096;
  const buffer = new Float32Array(rows * dimensions);
  const descriptor = openSync(file, "w");
  try {
    for (let start = 0; start < vectors.length; start += rows) {
      const count = Math.min(rows, vectors.length - start);
      for (let row = 0; row < count; row += 1) buffer.set(vectors[start + row]!, row * dimensions);
      writeFully(descriptor, new Uint8Array(buffer.buffer, 0, count * dimensions * Float32Array.BYTES_PER_ELEMENT));
    }
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Points `current` at the new build: a new symlink renamed over the old one, which is atomic on
 * POSIX. Returns the name of the build `current` pointed at before, if any.
 */
async function switchCurrent(root: string, target: string): Promise<string | undefined> {
  const link = currentLink(root);
  const before = await realpath(link).catch(() => undefined);
  const temporary = path.join(root, `${NEXT_LINK_PREFIX}${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const unmark = markInFlight(temporary);
  try {
    await symlink(path.relative(root, target), temporary, "dir");
    await rename(temporary, link);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    unmark();
  }
  await syncToDisk(root);
  return before && path.dirname(before) === (await realpath(versionsDir(root))) ? path.basename(before) : undefined;
}
