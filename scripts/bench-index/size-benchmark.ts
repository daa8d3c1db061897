// One corpus size, end to end: embed, index, save/load, query, and compare with exact search and
// with LangChain's MemoryVectorStore over the same vectors.
import type { HierarchicalNSW as HnswGraph } from "hnswlib-node";
import type { LsaEmbeddings } from "../../src/embeddings/lsa/lsa-embeddings.js";
import { embedRange } from "./embed-corpus.js";
import { CURVE_EF_SEARCH, type EfSearchPoint, measureEfSearchCurve } from "./ef-search-curve.js";
import { computeGroundTruth, estimateRecall, type GroundTruth, type RecallEstimate } from "./exact-search.js";
import { buildGraph, type DiskRoundTrip, type HnswParameters, measureDiskRoundTrip, timeSearches } from "./hnsw-graph.js";
import { type LatencySummary, summarizeLatencies } from "./latency-summary.js";
import { fillMemoryStore, type LoadedMemoryStore, timeMemorySearches } from "./memory-store-baseline.js";
import type { PeakRssMeter } from "./peak-rss.js";
import type { SyntheticCorpus } from "./synthetic-corpus.js";
import type { VectorSet } from "./vector-set.js";

export interface QuerySet {
  vectors: VectorSet;
  arrays: number[][];
}

export interface SizeBenchmarkContext {
  corpus: SyntheticCorpus;
  embeddings: LsaEmbeddings;
  queries: QuerySet;
  parameters: HnswParameters;
  efSearch: number;
  k: number;
  memoryStore: LoadedMemoryStore;
  meter: PeakRssMeter;
  log: (line: string) => void;
}

export interface SizeResult {
  label: string;
  count: number;
  generateMs: number;
  embedMs: number;
  buildMs: number;
  ingestPeakRssBytes: number;
  peakRssBytes: number;
  disk: DiskRoundTrip;
  hnsw: LatencySummary & { recall: RecallEstimate };
  exactScan: LatencySummary;
  baseline: LatencySummary & { recall: RecallEstimate; addMs: number };
  /** MemoryVectorStore p50 / HNSW p50. */
  speedup: number;
  /** The same graph queried at each efSearch of CURVE_EF_SEARCH. */
  efSearchCurve: EfSearchPoint[];
}

/** What the parameter sweep can reuse from this size. */
export interface SizeArtifacts {
  vectors: VectorSet;
  graph: HnswGraph;
  truth: GroundTruth;
}

/** MemoryVectorStore scans every vector per query: time fewer of them on big corpora. */
export function baselineQueryCount(size: number, queries: number): number {
  if (size >= 1_000_000) return Math.min(queries, 20);
  if (size >= 100_000) return Math.min(queries, 50);
  return queries;
}

export async function runSizeBenchmark(label: string, count: number, context: SizeBenchmarkContext): Promise<{ result: SizeResult; artifacts: SizeArtifacts }> {
  const { meter, log, k } = context;
  meter.reset();
  log(`[${label}] embedding ${count} chunks`);
  const embedded = embedRange(context.corpus, context.embeddings, { start: 0, count, onBatch: () => meter.sample() });
  log(`[${label}] embedded in ${(embedded.embedMs / 1000).toFixed(1)} s; building HNSW (M=${context.parameters.m}, efConstruction=${context.parameters.efConstruction})`);
  const { graph, buildMs } = buildGraph(embedded.vectors, context.parameters, () => meter.sample());
  const ingestPeakRssBytes = meter.peakBytes();
  log(`[${label}] indexed in ${(buildMs / 1000).toFixed(1)} s; saving and loading`);

  graph.setEf(context.efSearch);
  const disk = await measureDiskRoundTrip(graph, { dimensions: embedded.vectors.dimensions, probe: context.queries.arrays[0]!, k });
  log(`[${label}] exact search for ${context.queries.arrays.length} queries`);
  const truth = computeGroundTruth(embedded.vectors, context.queries.vectors, k);
  const searched = timeSearches(graph, context.queries.arrays, k, context.efSearch);
  const hnsw = { ...summarizeLatencies(searched.latenciesMs), recall: estimateRecall(searched.neighbours, truth.neighbours) };
  const efSearchCurve = measureEfSearchCurve(graph, { queries: context.queries.arrays, truth, k, efSearchValues: CURVE_EF_SEARCH });

  const baselineQueries = baselineQueryCount(count, context.queries.arrays.length);
  log(`[${label}] MemoryVectorStore: ${baselineQueries} queries`);
  const baseline = await measureBaseline(context, embedded.vectors, baselineQueries, truth);
  const result: SizeResult = {
    label,
    count,
    generateMs: embedded.generateMs,
    embedMs: embedded.embedMs,
    buildMs,
    ingestPeakRssBytes,
    peakRssBytes: meter.peakBytes(),
    disk,
    hnsw,
    exactScan: summarizeLatencies(truth.latenciesMs),
    baseline,
    speedup: baseline.p50 / hnsw.p50,
    efSearchCurve,
  };
  return { result, artifacts: { vectors: embedded.vectors, graph, truth } };
}

async function measureBaseline(context: SizeBenchmarkContext, vectors: VectorSet, queryCount: number, truth: GroundTruth): Promise<SizeResult["baseline"]> {
  const store = new context.memoryStore.MemoryVectorStore(context.embeddings);
  const addMs = await fillMemoryStore(store, vectors);
  const searched = await timeMemorySearches(store, context.queries.arrays.slice(0, queryCount), context.k);
  context.meter.sample();
  const recall = estimateRecall(searched.neighbours, truth.neighbours.slice(0, queryCount));
  return { ...summarizeLatencies(searched.latenciesMs), recall, addMs };
}
