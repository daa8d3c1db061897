import { runSvdStep, type SparseRows, type SvdStep } from "./randomized-svd.js";

/** Worker task (WorkerPool): computes one share of an SVD product into its shared output array. */
export function run(input: { step: SvdStep; part: number; parts: number }, matrix: SparseRows): number {
  runSvdStep(matrix, input.step, input.part, input.parts);
  return input.part;
}
