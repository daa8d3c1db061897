import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import MiniSearch, { type Options } from "minisearch";
import { STOP_WORDS, stem, tokenize } from "../text/tokenize.js";

/** What the sparse index stores per chunk: its HNSW label (as id), heading path and text. */
export interface SparseDocument {
  id: string;
  heading: string;
  text: string;
}

export const SPARSE_FILE = "sparse-index.json";

/** BM25 settings of the sparse side; recorded in the manifest so a change forces a rebuild. */
export const SPARSE_SETTINGS = { engine: "minisearch-bm25", fields: ["heading", "text"], stopWords: "stopword-en+questions", stemmer: "porter" } as const;

const OPTIONS: Options<SparseDocument> = {
  idField: "id",
  fields: ["heading", "text"],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm: (term) => (STOP_WORDS.has(term) ? null : stem(term)),
};

/** BM25 full-text index (MiniSearch) over the same chunks as the dense index, keyed by HNSW label. */
export function buildSparseIndex(documents: SparseDocument[]): MiniSearch<SparseDocument> {
  const index = new MiniSearch<SparseDocument>(OPTIONS);
  index.addAll(documents);
  return index;
}

export async function saveSparseIndex(index: MiniSearch<SparseDocument>, directory: string): Promise<void> {
  await writeFile(path.join(directory, SPARSE_FILE), JSON.stringify(index));
}

export async function loadSparseIndex(directory: string): Promise<MiniSearch<SparseDocument>> {
  return MiniSearch.loadJSON<SparseDocument>(await readFile(path.join(directory, SPARSE_FILE), "utf8"), OPTIONS);
}
