import type { HierarchicalNSW } from "hnswlib-node";
import { seededRandom } from "../math/seeded-random.js";

/** Neighbours per query that recall is measured on (recall@10). */
const RECALL_K = 10;
/** Queries the recall is measured with: stored vectors, each searched for without itself. */
const QUERIES = 100;
const SEED = 16;
/** The largest efSearch tried (the config's limit). */
const MAX_EF = 5000;

export interface EfSearchTuning {
  /** The efSearch chosen: the floor, raised until recall@10 reaches the target (or stops rising, or MAX_EF). */
  efSearch: number;
  /** Recall@10 measured with it. */
  recallAt10: number;
  /** Stored vectors used as queries. */
  queries: number;
}

/** The `count` labels with the highest cosine similarity to `query`, `exclude` left out; ties by label. */
function exactNeighbours(vectors: readonly number[][], norms: Float64Array, query: number[], exclude: number, count: number): number[] {
  const best: Array<{ label: number; score: number }> = [];
  let queryNorm = 0;
  for (const value of query) queryNorm += value * value;
  queryNorm = Math.sqrt(queryNorm) || 1;
  vectors.forEach((vector, label) => {
    if (label === exclude) return;
    let dot = 0;
    for (let dim = 0; dim < vector.length; dim += 1) dot += vector[dim]! * query[dim]!;
    const score = dot / (queryNorm * (norms[label]! || 1));
    if (best.length === count && score <= best[count - 1]!.score) return;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at -= 1;
    best.splice(at, 0, { label, score });
    if (best.length > count) best.pop();
  });
  return best.map((entry) => entry.label);
}

/**
 * Chooses the graph's efSearch at build time: a seeded sample of the stored vectors is searched for
 * (each without itself: held out of its own answer), the exact 10 nearest neighbours found by brute
 * force, and efSearch raised from `floor` (x1.5 a step) until the graph's recall@10 reaches `target`.
 * The floor is kept when it already reaches the target, so a small corpus searches as before; a
 * graph that cannot reach it stops where a step no longer raises the recall.
 */
export function tuneEfSearch(graph: HierarchicalNSW, vectors: readonly number[][], options: { floor: number; target: number }): EfSearchTuning {
  const floor = Math.min(MAX_EF, Math.max(1, options.floor));
  const k = Math.min(RECALL_K, vectors.length - 1);
  if (k <= 0 || options.target <= 0) return { efSearch: floor, recallAt10: 1, queries: 0 };
  const random = seededRandom(SEED);
  const labels = new Set<number>();
  const wanted = Math.min(QUERIES, vectors.length);
  while (labels.size < wanted) labels.add(Math.floor(random() * vectors.length));
  const norms = Float64Array.from(vectors, (vector) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)));
  const queries = [...labels].sort((a, b) => a - b).map((label) => ({ label, exact: new Set(exactNeighbours(vectors, norms, vectors[label]!, label, k)) }));
  const recallAt = (ef: number): number => {
    graph.setEf(ef);
    let found = 0;
    for (const { label, exact } of queries) {
      const { neighbors } = graph.searchKnn(vectors[label]!, k + 1);
      found += neighbors.filter((neighbour) => neighbour !== label).slice(0, k).filter((neighbour) => exact.has(neighbour)).length;
    }
    return found / (queries.length * k);
  };
  let efSearch = floor;
  let recall = recallAt(efSearch);
  while (recall < options.target && efSearch < MAX_EF) {
    // hnswlib searches with at least k + 1 candidates whatever efSearch says: step from there.
    const next = Math.min(MAX_EF, Math.ceil(Math.max(efSearch, k + 1) * 1.5));
    const nextRecall = recallAt(next);
    // A graph that cannot reach the target (too sparse): stop where raising efSearch stops helping.
    if (nextRecall <= recall) break;
    efSearch = next;
    recall = nextRecall;
  }
  return { efSearch, recallAt10: Math.round(recall * 10_000) / 10_000, queries: queries.length };
}
