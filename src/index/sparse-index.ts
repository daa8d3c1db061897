import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import MiniSearch, { type Options } from "minisearch";
import type { Chunk } from "../chunking/types.js";
import { STOP_WORDS, stem, tokenize } from "../text/tokenize.js";

export const SPARSE_FILE = "sparse-index.json";

/** BM25 settings of the sparse side; recorded in the manifest so a change forces a rebuild. */
export const SPARSE_SETTINGS = { engine: "minisearch-bm25", fields: ["heading", "text"], stopWords: "stopword-en+questions", stemmer: "porter" } as const;

const OPTIONS: Options<Chunk> = {
  idField: "id",
  fields: ["heading", "text"],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm: (term) => (STOP_WORDS.has(term) ? null : stem(term)),
};

/** BM25 full-text index (MiniSearch) over the same chunks as the dense index; a result's id is the chunk's label. */
export function buildSparseIndex(chunks: readonly Chunk[]): MiniSearch<Chunk> {
  const labels = new Map(chunks.map((chunk, label) => [chunk, String(label)]));
  const index = new MiniSearch<Chunk>({
    ...OPTIONS,
    extractField: (chunk, field) => (field === "id" ? labels.get(chunk) : field === "heading" ? chunk.headingPath.join(" ") : chunk.text),
  });
  index.addAll(chunks);
  return index;
}

export async function saveSparseIndex(index: MiniSearch<Chunk>, directory: string): Promise<void> {
  await writeFile(path.join(directory, SPARSE_FILE), JSON.stringify(index));
}

export async function loadSparseIndex(directory: string): Promise<MiniSearch<Chunk>> {
  return MiniSearch.loadJSON<Chunk>(await readFile(path.join(directory, SPARSE_FILE), "utf8"), OPTIONS);
}
