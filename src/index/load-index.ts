import { lstat, readFile, readlink, realpath } from "node:fs/promises";
import path from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { AppError, IndexNotFoundError, IndexStaleError } from "../errors.js";
import { corruptIndexError, REUSE_FILES, verifyFiles } from "./build-files.js";
import { type IndexExpectations, type IndexManifest, IndexManifestSchema, staleReasons } from "./index-manifest.js";
import { MANIFEST_FILE, currentLink, indexRoot } from "./index-paths.js";
import { loadSparseIndex, type SparseIndex } from "./sparse-index.js";

export interface LoadedIndex {
  manifest: IndexManifest;
  store: HNSWLib;
  sparse: SparseIndex;
  embeddings: Embeddings;
  directory: string;
}

/**
 * Reads the manifest of the current build, or undefined when no build has been made yet. A `current`
 * link that leads to no folder, or to a folder without a readable manifest, is an IndexCorruptError
 * naming `fixCommand`.
 */
export async function readCurrentManifest(
  dataDir: string,
  corpusName: string,
  fixCommand = `npm run ingest -- --corpus ${corpusName} --full`,
): Promise<{ manifest: IndexManifest; directory: string } | undefined> {
  const link = currentLink(indexRoot(dataDir, corpusName));
  try {
    await lstat(link);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let directory: string;
  try {
    directory = await realpath(link);
  } catch (error) {
    const target = await readlink(link).catch(() => "nothing");
    throw corruptIndexError(link, `points at ${target}, which does not exist`, fixCommand, error);
  }
  const manifestFile = path.join(directory, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(manifestFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw corruptIndexError(manifestFile, "is missing", fixCommand, error);
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw corruptIndexError(manifestFile, "is not valid JSON (truncated?)", fixCommand, error);
  }
  const parsed = IndexManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new IndexStaleError(`The index manifest in ${directory} is from another version of this project.`, ["manifest format"]);
  }
  return { manifest: parsed.data, directory };
}

export interface LoadIndexOptions {
  dataDir: string;
  provider: EmbedderProvider;
  expected: IndexExpectations;
  /** The least efSearch (HNSW_EF_SEARCH); a build's tuned efSearch, when higher, is used instead. */
  efSearch: number;
  /** The command that rebuilds the index, quoted in error messages. */
  fixCommand: string;
}

/**
 * Loads the current index, refusing one that does not match the config or the corpus, or whose
 * files are missing or differ from the sizes and checksums in its manifest (the error says how to fix it).
 */
export async function loadIndex(options: LoadIndexOptions): Promise<LoadedIndex> {
  const rebuild = `${options.fixCommand} --full`;
  const current = await readCurrentManifest(options.dataDir, options.expected.corpusName, rebuild);
  if (!current) {
    throw new IndexNotFoundError(
      `No index for corpus "${options.expected.corpusName}" in ${options.dataDir}. Build it with: ${options.fixCommand}`,
    );
  }
  const reasons = staleReasons(current.manifest, options.expected);
  if (reasons.length > 0) {
    throw new IndexStaleError(
      `The index for corpus "${options.expected.corpusName}" is out of date (${reasons.join("; ")}). Rebuild it with: ${options.fixCommand}`,
      reasons,
    );
  }
  // Vectors kept for the next incremental build are not read here; that build checks them itself.
  await verifyFiles(current.directory, current.manifest, { fixCommand: rebuild, skip: REUSE_FILES });
  try {
    const embeddings = await options.provider.load(current.directory);
    const store = await HNSWLib.load(current.directory, embeddings);
    store.index.setEf(Math.max(options.efSearch, current.manifest.hnsw.efSearch ?? 0));
    const sparse = await loadSparseIndex(current.directory, current.manifest.sparse.file);
    return { manifest: current.manifest, store, sparse, embeddings, directory: current.directory };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw corruptIndexError(current.directory, `cannot be loaded (${(error as Error).message})`, rebuild, error);
  }
}
