import { describe, expect, it } from "vitest";
import { randomizedSvd, type SparseRows } from "./randomized-svd.js";

/** A dense matrix as sparse rows (zeros left out). */
function sparse(rows: number[][]): SparseRows {
  return {
    columns: rows[0]!.length,
    rows: rows.map((row) => {
      const indices = row.flatMap((value, index) => (value !== 0 ? [index] : []));
      return { indices: Int32Array.from(indices), values: Float64Array.from(indices, (index) => row[index]!) };
    }),
  };
}

// Rank 2 by construction: every row is a mix of two fixed term patterns.
const A = [
  [2, 1, 0, 0, 1],
  [4, 2, 0, 0, 2],
  [0, 0, 3, 1, 0],
  [0, 0, 6, 2, 0],
  [2, 1, 3, 1, 1],
  [1, 0.5, 0, 0, 0.5],
];

const column = (svd: ReturnType<typeof randomizedSvd>, dim: number) => Array.from({ length: A[0]!.length }, (_, term) => svd.components[term * svd.k + dim]!);
const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

describe("randomizedSvd", () => {
  const svd = randomizedSvd(sparse(A), 2, { seed: 7 });

  it("returns orthonormal right singular vectors", () => {
    expect(svd.k).toBe(2);
    expect(dot(column(svd, 0), column(svd, 0))).toBeCloseTo(1, 6);
    expect(dot(column(svd, 1), column(svd, 1))).toBeCloseTo(1, 6);
    expect(dot(column(svd, 0), column(svd, 1))).toBeCloseTo(0, 6);
    expect(svd.singularValues[0]!).toBeGreaterThanOrEqual(svd.singularValues[1]!);
  });

  it("reconstructs a rank-2 matrix exactly from two components", () => {
    const v = [column(svd, 0), column(svd, 1)];
    for (const row of A) {
      // Project onto the components and back: A V V^T = A when rank(A) <= k.
      const coordinates = v.map((component) => dot(row, component));
      const back = row.map((_, term) => coordinates[0]! * v[0]![term]! + coordinates[1]! * v[1]![term]!);
      back.forEach((value, term) => expect(value).toBeCloseTo(row[term]!, 4));
    }
  });

  it("is deterministic for a seed", () => {
    expect(Array.from(randomizedSvd(sparse(A), 2, { seed: 7 }).components)).toEqual(Array.from(svd.components));
  });
});
