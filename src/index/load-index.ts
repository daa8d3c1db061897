import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type MiniSearch from "minisearch";
import type { Chunk } from "../chunking/types.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { IndexNotFoundError, IndexStaleError } from "../errors.js";
import { type IndexExpectations, type IndexManifest, IndexManifestSchema, staleReasons } from "./index-manifest.js";
import { MANIFEST_FILE, currentLink, indexRoot } from "./index-paths.js";
import { loadSparseIndex } from "./sparse-index.js";

export interface LoadedIndex {
  manifest: IndexManifest;
  store: HNSWLib;
  sparse: MiniSearch<Chunk>;
  embeddings: Embeddings;
  directory: string;
}

/** Reads the manifest of the current build, or undefined when no complete build exists. */
export async function readCurrentManifest(dataDir: string, corpusName: string): Promise<{ manifest: IndexManifest; directory: string } | undefined> {
  let directory: string;
  try {
    directory = await realpath(currentLink(indexRoot(dataDir, corpusName)));
  } catch {
    return undefined;
  }
  const text = await readFile(path.join(directory, MANIFEST_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = IndexManifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new IndexStaleError(`The index manifest in ${directory} is from another version of this project.`, ["manifest format"]);
  }
  return { manifest: parsed.data, directory };
}

export interface LoadIndexOptions {
  dataDir: string;
  provider: EmbedderProvider;
  expected: IndexExpectations;
  efSearch: number;
  /** The command that rebuilds the index, quoted in error messages. */
  fixCommand: string;
}

/** Loads the current index, refusing one that does not match the config or the corpus (the error says how to fix it). */
export async function loadIndex(options: LoadIndexOptions): Promise<LoadedIndex> {
  const current = await readCurrentManifest(options.dataDir, options.expected.corpusName);
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
  const embeddings = await options.provider.load(current.directory);
  const store = await HNSWLib.load(current.directory, embeddings);
  store.index.setEf(options.efSearch);
  const sparse = await loadSparseIndex(current.directory);
  return { manifest: current.manifest, store, sparse, embeddings, directory: current.directory };
}
