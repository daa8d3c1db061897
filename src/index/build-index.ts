import { mkdir, readFile, realpath, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Document } from "@langchain/core/documents";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import hnswlib from "hnswlib-node";
import type { LoadedCorpus } from "../corpus/load-corpus.js";
import { corruptIndexError, describeFiles, syncToDisk, verifyFiles } from "./build-files.js";
import type { IndexManifest } from "./index-manifest.js";
import { CHUNK_IDS_FILE, MANIFEST_FILE, NEXT_LINK_PREFIX, STAGING_PREFIX, VECTORS_FILE, currentLink, indexRoot, versionsDir } from "./index-paths.js";
import { markInFlight } from "./owner-process.js";
import { CHUNK_TEXTS_FILE, encodeChunkTexts } from "./chunk-texts.js";
import { hnswFor } from "./hnsw-settings.js";
import { tuneEfSearch } from "./hnsw-tuning.js";
import { buildManifest, newBuildId, type PrepareOptions, type PreviousSource, prepareBuild } from "./prepare-build.js";
import { SPARSE_SETTINGS } from "./sparse-index.js";
import { buildSparsePostings, SPARSE_POSTINGS_FILE, writeSparsePostings } from "./sparse-postings.js";
import { chunkToDocument } from "./stored-chunk.js";
import { removeLeftovers, removeOldVersions } from "./version-cleanup.js";

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
  const { chunks, vectors, dimensions, embeddings, timings } = prepared;

  let mark = performance.now();
  const hnsw = hnswFor(options.hnsw, chunks.length);
  const graph = new HierarchicalNSW("cosine", dimensions);
  graph.initIndex(chunks.length, hnsw.m, hnsw.efConstruction, HNSW_SEED);
  const stored = new Map<string, Document>();
  vectors.forEach((vector, label) => {
    graph.addPoint(vector, label);
    // The texts go to their own file (CHUNK_TEXTS_FILE), read per chunk when served; the docstore keeps the rest.
    stored.set(String(label), chunkToDocument({ ...chunks[label]!, text: "" }, label));
  });
  options.onStage?.("graph", `${chunks.length} vectors in the HNSW graph (M=${hnsw.m}, efConstruction=${hnsw.efConstruction})`);
  const tuning = options.efSearch ? tuneEfSearch(graph, vectors, { floor: options.efSearch.floor, target: options.efSearch.recallTarget }) : undefined;
  if (tuning) options.onStage?.("tune", `efSearch ${tuning.efSearch}: recall@10 ${tuning.recallAt10} on ${tuning.queries} held-out vectors (target ${options.efSearch!.recallTarget})`);
  const derivedStarted = performance.now();
  const derived = options.derived?.(chunks) ?? [];
  if (options.derived) {
    timings.derived = performance.now() - derivedStarted;
    options.onStage?.("derived", `${derived.map((file) => file.name).join(", ")} computed from ${chunks.length} chunks`);
  }
  const sparse = buildSparsePostings(chunks);
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions, index: graph, docstore: new SynchronousInMemoryDocstore(stored) });
  timings.index = performance.now() - mark - (timings.derived ?? 0);

  const buildId = newBuildId();
  const staging = path.join(versionsDir(root), `${STAGING_PREFIX}${buildId}`);
  const finalDir = path.join(versionsDir(root), buildId);
  const unmark = markInFlight(staging, finalDir);
  let switched = false;
  mark = performance.now();
  try {
    await mkdir(staging, { recursive: true });
    await store.save(staging);
    writeSparsePostings(path.join(staging, SPARSE_POSTINGS_FILE), sparse);
    await options.provider.persist(embeddings, staging);
    const raw = new Float32Array(chunks.length * dimensions);
    vectors.forEach((vector, row) => raw.set(vector, row * dimensions));
    await writeFile(path.join(staging, VECTORS_FILE), Buffer.from(raw.buffer));
    await writeFile(path.join(staging, CHUNK_IDS_FILE), JSON.stringify(chunks.map((chunk) => chunk.id)));
    for (const file of derived) await writeFile(path.join(staging, file.name), file.data);
    await writeFile(path.join(staging, CHUNK_TEXTS_FILE), encodeChunkTexts(chunks.map((chunk) => chunk.text)));
    const files = await describeFiles(staging);
    timings.save = performance.now() - mark;
    timings.total = performance.now() - prepared.started;
    const manifest: IndexManifest = {
      ...buildManifest(loaded, prepared, {
        buildId,
        previous,
        provider: options.provider,
        hnsw: { ...hnsw, ...(tuning && tuning.queries > 0 ? { efSearch: tuning.efSearch, recallAt10: tuning.recallAt10 } : {}) },
        sparse: { ...SPARSE_SETTINGS, fields: [...SPARSE_SETTINGS.fields], file: SPARSE_POSTINGS_FILE },
      }),
      ...(options.derived ? { derived: derived.map((file) => file.name) } : {}),
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
