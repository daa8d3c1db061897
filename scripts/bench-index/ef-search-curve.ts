import type { HierarchicalNSW as HnswGraph } from "hnswlib-node";
import { estimateRecall, type GroundTruth, type RecallEstimate } from "./exact-search.js";
import { timeSearches } from "./hnsw-graph.js";
import { summarizeLatencies } from "./latency-summary.js";

/** The efSearch values of the parameter sweep. */
export const SWEEP_EF_SEARCH = [16, 32, 64, 100, 200];
/** The values tried on each size's graph: the sweep's, and more, because large corpora need more. */
export const CURVE_EF_SEARCH = [...SWEEP_EF_SEARCH, 400, 800];

export interface EfSearchPoint {
  efSearch: number;
  p50: number;
  p95: number;
  recall: RecallEstimate;
}

export interface CurveOptions {
  queries: number[][];
  /** Exact neighbours of the queries. */
  truth: GroundTruth;
  k: number;
  efSearchValues: number[];
}

/** Latency and recall of one graph at each efSearch (efSearch is a query-time setting: no rebuild). */
export function measureEfSearchCurve(graph: HnswGraph, options: CurveOptions): EfSearchPoint[] {
  const { queries, truth, k } = options;
  return options.efSearchValues.map((efSearch) => {
    const searched = timeSearches(graph, queries, k, efSearch);
    const { p50, p95 } = summarizeLatencies(searched.latenciesMs);
    return { efSearch, p50, p95, recall: estimateRecall(searched.neighbours, truth.neighbours) };
  });
}

/** Recall minus two standard errors: what the setting reaches on this corpus with about 97.5% confidence. */
export function recallLowerBound(recall: RecallEstimate): number {
  return recall.mean - 2 * recall.standardError;
}

/** The smallest efSearch whose recall lower bound reaches `minRecall`, if any does. */
export function smallestSufficientEfSearch(curve: EfSearchPoint[], minRecall: number): EfSearchPoint | undefined {
  return curve.find((point) => recallLowerBound(point.recall) >= minRecall);
}
