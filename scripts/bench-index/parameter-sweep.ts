// Recall versus latency over a grid of HNSW parameters, on one size's vectors and exact neighbours,
// and the defaults that grid recommends.
import type { HierarchicalNSW as HnswGraph } from "hnswlib-node";
import { estimateRecall, type RecallEstimate } from "./exact-search.js";
import { buildGraph, type HnswParameters, timeSearches } from "./hnsw-graph.js";
import { summarizeLatencies } from "./latency-summary.js";
import type { SizeArtifacts } from "./size-benchmark.js";

export const SWEEP_GRID = {
  m: [8, 16, 32],
  efConstruction: [100, 200],
  efSearch: [16, 32, 64, 100, 200],
};

export interface SweepRow {
  m: number;
  efConstruction: number;
  efSearch: number;
  buildMs: number;
  p50: number;
  p95: number;
  recall: RecallEstimate;
}

export interface SweepResult {
  label: string;
  count: number;
  rows: SweepRow[];
}

export interface SweepContext {
  label: string;
  artifacts: SizeArtifacts;
  /** Parameters the artifacts' graph was built with: that graph is reused instead of rebuilt. */
  builtWith: HnswParameters & { buildMs: number };
  queries: number[][];
  k: number;
  log: (line: string) => void;
}

export function runSweep(context: SweepContext): SweepResult {
  const rows: SweepRow[] = [];
  for (const m of SWEEP_GRID.m) {
    for (const efConstruction of SWEEP_GRID.efConstruction) {
      const { graph, buildMs } = graphFor({ m, efConstruction }, context);
      for (const efSearch of SWEEP_GRID.efSearch) {
        const searched = timeSearches(graph, context.queries, context.k, efSearch);
        const latency = summarizeLatencies(searched.latenciesMs);
        const recall = estimateRecall(searched.neighbours, context.artifacts.truth.neighbours);
        rows.push({ m, efConstruction, efSearch, buildMs, p50: latency.p50, p95: latency.p95, recall });
      }
    }
  }
  return { label: context.label, count: context.artifacts.vectors.count, rows };
}

function graphFor(parameters: HnswParameters, context: SweepContext): { graph: HnswGraph; buildMs: number } {
  const { builtWith } = context;
  if (parameters.m === builtWith.m && parameters.efConstruction === builtWith.efConstruction) {
    context.log(`[sweep] M=${parameters.m}, efConstruction=${parameters.efConstruction}: reusing the graph measured above`);
    return { graph: context.artifacts.graph, buildMs: builtWith.buildMs };
  }
  context.log(`[sweep] building M=${parameters.m}, efConstruction=${parameters.efConstruction}`);
  return buildGraph(context.artifacts.vectors, parameters);
}

export interface Recommendation {
  row: SweepRow;
  reason: string;
}

export interface RecommendationTargets {
  minRecall: number;
  maxP50Ms: number;
}

/** Recall minus two standard errors: what the setting reaches on this corpus with about 97.5% confidence. */
const recallLowerBound = (row: SweepRow): number => row.recall.mean - 2 * row.recall.standardError;

/**
 * The cheapest setting that meets both targets with confidence: among rows whose recall lower bound
 * reaches `minRecall` and whose p50 is under `maxP50Ms`, the fastest build (builds within 10% of the
 * fastest count as equal, since build times are noisy), then the lowest p50. Build time comes first
 * because M and efConstruction are paid at every ingest, while the query latencies that pass are all
 * far below the target. Undefined when no row qualifies.
 */
export function recommendDefaults(rows: SweepRow[], targets: RecommendationTargets): Recommendation | undefined {
  const eligible = rows.filter((row) => recallLowerBound(row) >= targets.minRecall && row.p50 < targets.maxP50Ms);
  if (eligible.length === 0) return undefined;
  const fastestBuild = Math.min(...eligible.map((row) => row.buildMs));
  const cheapest = eligible.filter((row) => row.buildMs <= fastestBuild * 1.1);
  const [row] = cheapest.sort((a, b) => a.p50 - b.p50);
  return {
    row: row!,
    reason:
      `of the ${eligible.length} settings whose recall@10 minus two standard errors reaches ${targets.minRecall} and whose p50 is under ${targets.maxP50Ms} ms, ` +
      "the fastest to build (within 10%), then the fastest to query",
  };
}
