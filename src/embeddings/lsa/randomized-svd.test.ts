import { describe, expect, it } from "vitest";
import { seededRandom } from "../../math/seeded-random.js";
import { randomizedSvd, type SparseRows, sparseRows, type TruncatedSvd } from "./randomized-svd.js";

/** A dense matrix as sparse rows (zeros left out). */
function sparse(rows: number[][], shared = false): SparseRows {
  return sparseRows(
    rows.map((row) => {
      const indices = row.flatMap((value, index) => (value !== 0 ? [index] : []));
      return { indices: Int32Array.from(indices), values: Float64Array.from(indices, (index) => row[index]!) };
    }),
    rows[0]!.length,
    shared,
  );
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

const column = (svd: TruncatedSvd, dim: number) => Array.from({ length: A[0]!.length }, (_, term) => svd.components[term * svd.k + dim]!);
const dot = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

describe("randomizedSvd", async () => {
  const svd = await randomizedSvd(sparse(A), 2, { seed: 7 });

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

  it("is deterministic for a seed", async () => {
    expect(Array.from((await randomizedSvd(sparse(A), 2, { seed: 7 })).components)).toEqual(Array.from(svd.components));
  });

  it("gives the same bits on two worker threads as in this one, on a matrix of several blocks", async () => {
    // 5,000 rows (two blocks of sparseRows) of a seeded sparse matrix over 300 columns.
    const random = seededRandom(3);
    const rows = Array.from({ length: 5_000 }, () => Array.from({ length: 300 }, () => (random() < 0.03 ? Math.round(random() * 100) / 10 : 0)));
    const inThread = await randomizedSvd(sparse(rows), 12, { seed: 5 });
    const inWorkers = await randomizedSvd(sparse(rows, true), 12, { seed: 5, workers: 2 });
    expect(inWorkers.k).toBe(12);
    expect(Buffer.from(inWorkers.components.buffer).equals(Buffer.from(inThread.components.buffer))).toBe(true);
    expect(Array.from(inWorkers.singularValues)).toEqual(Array.from(inThread.singularValues));
  });

  it("refuses worker threads for a matrix they cannot share", async () => {
    await expect(randomizedSvd(sparse(A), 2, { workers: 2 })).rejects.toThrow("SharedArrayBuffers");
  });
});
