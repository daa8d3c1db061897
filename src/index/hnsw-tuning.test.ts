import hnswlib from "hnswlib-node";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../math/seeded-random.js";
import { tuneEfSearch } from "./hnsw-tuning.js";

/** Seeded vectors around 40 centres, in a sparse graph (small M and efConstruction), so a low efSearch misses neighbours. */
function synthetic(count: number, dimensions: number, m = 8, efConstruction = 16) {
  const random = seededRandom(3);
  const centres = Array.from({ length: 40 }, () => Array.from({ length: dimensions }, () => random() * 2 - 1));
  const vectors = Array.from({ length: count }, () => centres[Math.floor(random() * centres.length)]!.map((value) => value + (random() - 0.5) * 0.8));
  const graph = new hnswlib.HierarchicalNSW("cosine", dimensions);
  graph.initIndex(count, m, efConstruction, 100);
  vectors.forEach((vector, label) => graph.addPoint(vector, label));
  return { graph, vectors };
}

describe("tuneEfSearch", () => {
  const { graph, vectors } = synthetic(3000, 24);

  it("raises efSearch from the floor until recall@10 on held-out vectors reaches the target", () => {
    const low = tuneEfSearch(graph, vectors, { floor: 1, target: 0 });
    expect(low).toEqual({ efSearch: 1, recallAt10: 1, queries: 0 });
    const untuned = tuneEfSearch(graph, vectors, { floor: 1, target: 0.01 });
    expect(untuned.efSearch).toBe(1);
    expect(untuned.recallAt10).toBeLessThan(0.95);
    const tuned = tuneEfSearch(graph, vectors, { floor: 1, target: 0.95 });
    expect(tuned.queries).toBe(100);
    expect(tuned.efSearch).toBeGreaterThan(1);
    expect(tuned.recallAt10).toBeGreaterThanOrEqual(0.95);
    // The step below the chosen one did not reach the target (x1.5 a step from the floor, hnswlib's least being k + 1 = 11).
    const step = (ef: number) => Math.ceil(Math.max(ef, 11) * 1.5);
    let previous = 1;
    while (step(previous) < tuned.efSearch) previous = step(previous);
    expect(tuneEfSearch(graph, vectors, { floor: previous, target: 0.01 }).recallAt10).toBeLessThan(0.95);
  });

  it("keeps a floor that already reaches the target", () => {
    const kept = tuneEfSearch(graph, vectors, { floor: 400, target: 0.95 });
    expect(kept.efSearch).toBe(400);
    expect(kept.recallAt10).toBeGreaterThanOrEqual(0.95);
  });
});

describe("tuneEfSearch on a graph that cannot reach the target", () => {
  it("stops where raising efSearch no longer raises recall, instead of running to the limit", () => {
    const { graph, vectors } = synthetic(3000, 24, 2, 4);
    const tuned = tuneEfSearch(graph, vectors, { floor: 10, target: 1 });
    expect(tuned.recallAt10).toBeLessThan(1);
    expect(tuned.efSearch).toBeLessThan(5000);
  });
});
