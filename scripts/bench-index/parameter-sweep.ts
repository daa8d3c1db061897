// Recall versus latency over a grid of HNSW parameters, on one size's vectors and exact neighbours,
// and the defaults that grid recommends.
import { type EfSearchPoint, measureEfSearchCurve, recallLowerBound, SWEEP_EF_SEARCH } from "./ef-search-curve.js";
import { buildGraph, type HnswParameters } from "./hnsw-graph.js";
import type { SizeArtifacts } from "./size-benchmark.js";

/** Build-time parameters; each graph is then queried at every efSearch of SWEEP_EF_SEARCH. */
export const SWEEP_GRID = {
  m: [8, 16, 32],
  efConstruction: [100, 200],
};

export interface SweepRow extends EfSearchPoint {
  m: number;
  efConstruction: number;
  buildMs: number;
}

export interface SweepResult {
  label: string;
  count: number;
  rows: SweepRow[];
}

export interface SweepContext {
  label: string;
  artifacts: SizeArtifacts;
  /** Parameters the artifacts' graph was built with, and its measurements: that graph is not rebuilt. */
  builtWith: HnswParameters & { buildMs: number; curve: EfSearchPoint[] };
  queries: number[][];
  k: number;
  log: (line: string) => void;
}

export function runSweep(context: SweepContext): SweepResult {
  const rows: SweepRow[] = [];
  for (const m of SWEEP_GRID.m) {
    for (const efConstruction of SWEEP_GRID.efConstruction) {
      const { buildMs, curve } = measureGraph({ m, efConstruction }, context);
      rows.push(...curve.map((point) => ({ m, efConstruction, buildMs, ...point })));
    }
  }
  return { label: context.label, count: context.artifacts.vectors.count, rows };
}

function measureGraph(parameters: HnswParameters, context: SweepContext): { buildMs: number; curve: EfSearchPoint[] } {
  const { builtWith } = context;
  if (parameters.m === builtWith.m && parameters.efConstruction === builtWith.efConstruction) {
    context.log(`[sweep] M=${parameters.m}, efConstruction=${parameters.efConstruction}: measured above`);
    return { buildMs: builtWith.buildMs, curve: builtWith.curve.filter((point) => SWEEP_EF_SEARCH.includes(point.efSearch)) };
  }
  context.log(`[sweep] building M=${parameters.m}, efConstruction=${parameters.efConstruction}`);
  const { graph, buildMs } = buildGraph(context.artifacts.vectors, parameters);
  const curve = measureEfSearchCurve(graph, { queries: context.queries, truth: context.artifacts.truth, k: context.k, efSearchValues: SWEEP_EF_SEARCH });
  return { buildMs, curve };
}

export interface Recommendation {
  row: SweepRow;
  reason: string;
}

export interface RecommendationTargets {
  minRecall: number;
  maxP50Ms: number;
}

/**
 * The cheapest setting that meets both targets with confidence: among rows whose recall lower bound
 * reaches `minRecall` and whose p50 is under `maxP50Ms`, the fastest build (builds within 10% of the
 * fastest count as equal, since build times are noisy), then the lowest p50. Build time comes first
 * because M and efConstruction are paid at every ingest, while query latency only has to stay under
 * its target. Undefined when no row qualifies.
 */
export function recommendDefaults(rows: SweepRow[], targets: RecommendationTargets): Recommendation | undefined {
  const eligible = rows.filter((row) => recallLowerBound(row.recall) >= targets.minRecall && row.p50 < targets.maxP50Ms);
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
