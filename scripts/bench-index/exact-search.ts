import { type VectorSet, vectorAt } from "./vector-set.js";

/**
 * The true k nearest labels of `query` by cosine similarity, by scanning every vector. The vectors
 * are unit length, so cosine is the dot product. Best first.
 */
export function exactTopK(vectors: VectorSet, query: Float32Array, k: number): number[] {
  const { data, dimensions } = vectors;
  const labels = new Int32Array(k).fill(-1);
  const scores = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  for (let label = 0; label < vectors.count; label += 1) {
    const base = label * dimensions;
    let dot = 0;
    for (let dim = 0; dim < dimensions; dim += 1) dot += data[base + dim]! * query[dim]!;
    if (dot <= scores[k - 1]!) continue;
    let slot = k - 1;
    while (slot > 0 && scores[slot - 1]! < dot) {
      scores[slot] = scores[slot - 1]!;
      labels[slot] = labels[slot - 1]!;
      slot -= 1;
    }
    scores[slot] = dot;
    labels[slot] = label;
  }
  return Array.from(labels).filter((label) => label >= 0);
}

export interface GroundTruth {
  /** neighbours[q] = the exact top-k labels of query q. */
  neighbours: number[][];
  /** Wall time of each exact scan, in ms: a flat Float32Array brute force, for comparison. */
  latenciesMs: number[];
}

/** Exact top-k of every query, timed one by one. */
export function computeGroundTruth(vectors: VectorSet, queries: VectorSet, k: number): GroundTruth {
  const neighbours: number[][] = [];
  const latenciesMs: number[] = [];
  for (let index = 0; index < queries.count; index += 1) {
    const started = performance.now();
    neighbours.push(exactTopK(vectors, vectorAt(queries, index), k));
    latenciesMs.push(performance.now() - started);
  }
  return { neighbours, latenciesMs };
}

export interface RecallEstimate {
  /** Mean over queries of |found ∩ truth| / |truth|. */
  mean: number;
  /** Standard error of that mean: the spread of per-query recall over the square root of the query count. */
  standardError: number;
}

/** Recall@k of `found` against the exact neighbours, with its sampling error. */
export function estimateRecall(found: number[][], truth: number[][]): RecallEstimate {
  const perQuery = found.map((labels, index) => {
    const expected = new Set(truth[index]);
    return expected.size === 0 ? 1 : labels.filter((label) => expected.has(label)).length / expected.size;
  });
  const count = perQuery.length;
  if (count === 0) return { mean: 0, standardError: 0 };
  const mean = perQuery.reduce((sum, value) => sum + value, 0) / count;
  const variance = count > 1 ? perQuery.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1) : 0;
  return { mean, standardError: Math.sqrt(variance / count) };
}
