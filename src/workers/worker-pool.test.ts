import { describe, expect, it } from "vitest";
import { mapInWorkers, sliceRanges, WorkerPool } from "./worker-pool.js";

const task = new URL("./testing/square-task.ts", import.meta.url);
const inputs = [[1, 2], [3], [4, 5, 6], [7], [8, 9]];
const squares = (workers: number, offset: number, given: number[][], onOutput?: (index: number) => void) =>
  mapInWorkers<{ offset: number }, number[], Float64Array>({ task, workers, shared: { offset } }, given, { onOutput });

describe("WorkerPool", () => {
  it("returns the outputs in input order, the same with two workers as in this thread", async () => {
    const inThread = await squares(1, 0.5, inputs);
    const inWorkers = await squares(2, 0.5, inputs);
    expect(inThread.map((output) => [...output])).toEqual([[1.5, 4.5], [9.5], [16.5, 25.5, 36.5], [49.5], [64.5, 81.5]]);
    expect(inWorkers.map((output) => [...output])).toEqual(inThread.map((output) => [...output]));
  });

  it("gives the same outputs with every input sent ahead", async () => {
    const outputs = await mapInWorkers<{ offset: number }, number[], Float64Array>({ task, workers: 2, shared: { offset: 1 } }, inputs, { queued: Infinity });
    expect(outputs.map((output) => [...output])).toEqual([[2, 5], [10], [17, 26, 37], [50], [65, 82]]);
  });

  it("maps the inputs as given, though the caller empties its array once map has returned", async () => {
    for (const workers of [1, 2]) {
      const pool = await WorkerPool.start<{ offset: number }, number[], Float64Array>({ task, workers, shared: { offset: 0 } });
      const given = [[1], [2], [3]];
      const outputs = pool.map(given, { queued: Infinity });
      given.length = 0;
      expect((await outputs).map((output) => [...output])).toEqual([[1], [4], [9]]);
      await pool.close();
    }
  });

  it("reports each output as it arrives, once per input", async () => {
    const seen: number[] = [];
    await squares(2, 0, inputs, (index) => seen.push(index));
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("rejects with the task's error and can be closed afterwards", async () => {
    const pool = await WorkerPool.start<{ offset: number }, number[], Float64Array>({ task, workers: 2, shared: { offset: 0 } });
    await expect(pool.map([[1], [-2], [3]])).rejects.toThrow("negative input -2");
    await pool.close();
    await expect(squares(1, 0, [[-1]])).rejects.toThrow("negative input -1");
  });

  it("refuses a pool of no workers", async () => {
    await expect(WorkerPool.start({ task, workers: 0, shared: {} })).rejects.toThrow("workers must be a whole number from 1");
  });
});

describe("sliceRanges", () => {
  it("covers every item once, in order, a few slices per worker and none below the minimum", () => {
    expect(sliceRanges(10, 2, 3)).toEqual([[0, 3], [3, 6], [6, 9], [9, 10]]);
    expect(sliceRanges(1000, 2, 100)).toEqual([[0, 125], [125, 250], [250, 375], [375, 500], [500, 625], [625, 750], [750, 875], [875, 1000]]);
    expect(sliceRanges(5, 4, 256)).toEqual([[0, 5]]);
    expect(sliceRanges(0, 2)).toEqual([]);
  });
});
