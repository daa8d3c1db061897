// LangChain's MemoryVectorStore as the brute-force baseline. The project does not depend on
// `langchain` or `@langchain/classic` directly: @langchain/classic is installed as a dependency of
// @langchain/community (node_modules/@langchain/community/node_modules/@langchain/classic), so it is
// resolved from there when it is not hoisted to the top level.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod";
import { type VectorSet, vectorArray } from "./vector-set.js";

interface StoredDocument {
  pageContent: string;
  metadata: Record<string, unknown>;
}

export interface MemoryStore {
  addVectors(vectors: number[][], documents: StoredDocument[]): Promise<unknown>;
  similaritySearchVectorWithScore(query: number[], k: number): Promise<[StoredDocument, number][]>;
}

type MemoryStoreClass = new (embeddings: Embeddings) => MemoryStore;

export interface LoadedMemoryStore {
  MemoryVectorStore: MemoryStoreClass;
  /** Where it was found, for the report. */
  source: string;
}

export interface TimedMemorySearch {
  latenciesMs: number[];
  neighbours: number[][];
}

const TOP_LEVEL_SPECIFIERS = ["@langchain/classic/vectorstores/memory", "langchain/vectorstores/memory"];
const NESTED_SPECIFIER = "@langchain/classic/vectorstores/memory";
const PackageSchema = z.object({ version: z.string() });

function isMemoryStoreClass(value: unknown): value is MemoryStoreClass {
  if (typeof value !== "function") return false;
  const prototype: unknown = value.prototype;
  return (
    typeof prototype === "object" &&
    prototype !== null &&
    "addVectors" in prototype &&
    typeof prototype.addVectors === "function" &&
    "similaritySearchVectorWithScore" in prototype &&
    typeof prototype.similaritySearchVectorWithScore === "function"
  );
}

function exportedClass(module: unknown): MemoryStoreClass | undefined {
  if (typeof module !== "object" || module === null) return undefined;
  if ("MemoryVectorStore" in module && isMemoryStoreClass(module.MemoryVectorStore)) return module.MemoryVectorStore;
  if ("default" in module) return exportedClass(module.default);
  return undefined;
}

/** Finds MemoryVectorStore: top-level packages first, then the copy @langchain/community depends on. */
export async function loadMemoryVectorStore(): Promise<LoadedMemoryStore> {
  for (const specifier of TOP_LEVEL_SPECIFIERS) {
    const found = exportedClass(await import(specifier).catch(() => undefined));
    if (found) return { MemoryVectorStore: found, source: specifier };
  }
  const fromCommunity = createRequire(createRequire(import.meta.url).resolve("@langchain/community/vectorstores/hnswlib"));
  const file = fromCommunity.resolve(NESTED_SPECIFIER);
  const found = exportedClass(await import(pathToFileURL(file).href));
  if (!found) throw new Error(`MemoryVectorStore not found in ${file}: is @langchain/classic installed (npm ci)?`);
  const { version } = PackageSchema.parse(JSON.parse(readFileSync(fromCommunity.resolve("@langchain/classic/package.json"), "utf8")));
  return { MemoryVectorStore: found, source: `@langchain/classic ${version}, the copy @langchain/community depends on: ${path.relative(process.cwd(), file)}` };
}

/** A store holding every vector, with the label in the metadata; returns the time taken by addVectors. */
export async function fillMemoryStore(store: MemoryStore, vectors: VectorSet): Promise<number> {
  const arrays = Array.from({ length: vectors.count }, (_, label) => vectorArray(vectors, label));
  const documents = arrays.map((_, label) => ({ pageContent: "", metadata: { label } }));
  const started = performance.now();
  await store.addVectors(arrays, documents);
  return performance.now() - started;
}

/** Times similaritySearchVectorWithScore for each query (after one warm-up query). */
export async function timeMemorySearches(store: MemoryStore, queries: number[][], k: number): Promise<TimedMemorySearch> {
  if (queries[0]) await store.similaritySearchVectorWithScore(queries[0], k);
  const latenciesMs: number[] = [];
  const neighbours: number[][] = [];
  for (const query of queries) {
    const started = performance.now();
    const results = await store.similaritySearchVectorWithScore(query, k);
    latenciesMs.push(performance.now() - started);
    neighbours.push(results.map(([document]) => labelOf(document)));
  }
  return { latenciesMs, neighbours };
}

function labelOf(document: StoredDocument): number {
  const label = document.metadata.label;
  if (typeof label !== "number") throw new Error("MemoryVectorStore returned a document without its numeric label");
  return label;
}
