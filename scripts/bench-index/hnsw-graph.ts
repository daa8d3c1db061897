// The HNSW graph exactly as src/index/build-index.ts builds it (hnswlib-node directly, cosine space,
// same seed), with the timings the benchmark needs around each step.
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import hnswlib, { type HierarchicalNSW as HnswGraph } from "hnswlib-node";
import { type VectorSet, vectorArray } from "./vector-set.js";

const { HierarchicalNSW } = hnswlib;

/** build-index.ts's seed for the level generator, so graphs match the app's. */
const HNSW_SEED = 100;

export interface HnswParameters {
  m: number;
  efConstruction: number;
}

export interface BuiltGraph {
  graph: HnswGraph;
  buildMs: number;
}

export interface DiskRoundTrip {
  bytes: number;
  writeMs: number;
  loadMs: number;
  /** Whether the loaded graph answers a probe query exactly like the one in memory. */
  sameAnswers: boolean;
}

export interface TimedSearch {
  latenciesMs: number[];
  /** Labels found per query, best first. */
  neighbours: number[][];
}

/** Adds every vector, label = position, timing the whole insertion (including number[] conversion, as the app does). */
export function buildGraph(vectors: VectorSet, parameters: HnswParameters, onProgress?: (done: number) => void): BuiltGraph {
  const started = performance.now();
  const graph = new HierarchicalNSW("cosine", vectors.dimensions);
  graph.initIndex(vectors.count, parameters.m, parameters.efConstruction, HNSW_SEED);
  for (let label = 0; label < vectors.count; label += 1) {
    graph.addPoint(vectorArray(vectors, label), label);
    if (onProgress && (label + 1) % 10_000 === 0) onProgress(label + 1);
  }
  return { graph, buildMs: performance.now() - started };
}

/** Runs every query once (after a short warm-up) and times each searchKnn call. */
export function timeSearches(graph: HnswGraph, queries: number[][], k: number, efSearch: number): TimedSearch {
  graph.setEf(efSearch);
  for (const query of queries.slice(0, 20)) graph.searchKnn(query, k);
  const latenciesMs: number[] = [];
  const neighbours: number[][] = [];
  for (const query of queries) {
    const started = performance.now();
    const result = graph.searchKnn(query, k);
    latenciesMs.push(performance.now() - started);
    neighbours.push(result.neighbors);
  }
  return { latenciesMs, neighbours };
}

export interface RoundTripOptions {
  dimensions: number;
  /** A query both graphs must answer alike. */
  probe: number[];
  k: number;
}

/** Writes the graph to a temporary folder, reads it back into a fresh object, and removes the folder. */
export async function measureDiskRoundTrip(graph: HnswGraph, options: RoundTripOptions): Promise<DiskRoundTrip> {
  const { dimensions, probe, k } = options;
  const directory = await mkdtemp(path.join(os.tmpdir(), "bench-index-"));
  const file = path.join(directory, "hnswlib.index");
  try {
    let started = performance.now();
    await graph.writeIndex(file);
    const writeMs = performance.now() - started;
    const { size } = await stat(file);
    const loaded = new HierarchicalNSW("cosine", dimensions);
    started = performance.now();
    await loaded.readIndex(file);
    const loadMs = performance.now() - started;
    loaded.setEf(graph.getEf());
    const sameAnswers = loaded.searchKnn(probe, k).neighbors.join() === graph.searchKnn(probe, k).neighbors.join();
    return { bytes: size, writeMs, loadMs, sameAnswers };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
