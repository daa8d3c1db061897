import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { seededRandom } from "../../math/seeded-random.js";
import { taskModule, WorkerPool } from "../../workers/worker-pool.js";

/** Rows of a sparse matrix in compressed-row form: row r's entries are `indices/values[offsets[r]..offsets[r + 1]]`. */
export interface SparseBlock {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** A sparse matrix (rows = texts, columns = vocabulary terms) as consecutive blocks of rows; in SharedArrayBuffers when worker threads read it. */
export interface SparseRows {
  blocks: SparseBlock[];
  rows: number;
  columns: number;
}

/** Rows per block of `sparseRows`. */
const BLOCK_ROWS = 4_096;

/** Packs sparse rows into blocks as they come (in SharedArrayBuffers when `shared`, for worker threads): only a block's rows are held apart at a time. */
export function sparseRows(rows: Iterable<{ indices: Int32Array; values: Float64Array }>, columns: number, shared = false): SparseRows {
  const blocks: SparseBlock[] = [];
  let pending: Array<{ indices: Int32Array; values: Float64Array }> = [];
  let count = 0;
  for (const row of rows) {
    pending.push(row);
    count += 1;
    if (pending.length === BLOCK_ROWS) {
      blocks.push(packBlock(pending, shared));
      pending = [];
    }
  }
  if (pending.length > 0) blocks.push(packBlock(pending, shared));
  return { blocks, rows: count, columns };
}

function packBlock(rows: ReadonlyArray<{ indices: Int32Array; values: Float64Array }>, shared: boolean): SparseBlock {
  const entries = rows.reduce((sum, row) => sum + row.indices.length, 0);
  const offsets = new Int32Array(buffer(shared, (rows.length + 1) * 4));
  const indices = new Int32Array(buffer(shared, entries * 4));
  const values = new Float64Array(buffer(shared, entries * 8));
  rows.forEach((row, index) => {
    indices.set(row.indices, offsets[index]!);
    values.set(row.values, offsets[index]!);
    offsets[index + 1] = offsets[index]! + row.indices.length;
  });
  return { offsets, indices, values };
}

function buffer(shared: boolean, bytes: number): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/*
 * The kernels below compute a share of one product: columns [from, to) of the dense side, or every
 * `parts`-th row. Each output value is summed in the same order whatever the share, so splitting a
 * product over worker threads gives exactly the bits of computing it in one thread.
 */

/**
 * Y (n x l, row-major) += A (n x V) * X (V x l, row-major), or, `transposed`, Z (V x l) += A^T (V x n) * Y (n x l):
 * columns [from, to) of the output.
 */
export function multiplyColumns(a: SparseRows, transposed: boolean, input: Float64Array, output: Float64Array, l: number, from: number, to: number): void {
  let rowIndex = 0;
  for (const block of a.blocks) {
    for (let row = 0; row + 1 < block.offsets.length; row += 1, rowIndex += 1) {
      const rowBase = rowIndex * l;
      for (let slot = block.offsets[row]!; slot < block.offsets[row + 1]!; slot += 1) {
        const value = block.values[slot]!;
        const termBase = block.indices[slot]! * l;
        const out = transposed ? termBase : rowBase;
        const base = transposed ? rowBase : termBase;
        for (let column = from; column < to; column += 1) output[out + column]! += value * input[base + column]!;
      }
    }
  }
}

/** The upper triangle of Q^T W (l x l, row-major) for rows i = part, part + parts, ... (n rows of Q and W, l columns each). */
export function gramRows(q: Float64Array, w: Float64Array, gram: Float64Array, n: number, l: number, part: number, parts: number): void {
  for (let i = part; i < l; i += parts) {
    for (let j = i; j < l; j += 1) {
      let sum = 0;
      for (let row = 0; row < n; row += 1) sum += q[row * l + i]! * w[row * l + j]!;
      gram[i * l + j] = sum;
    }
  }
}

/** P (n x rank) = Q (n x l) U (l x rank, row-major) scaled per column, for rows [from, to). */
export function projectRows(q: Float64Array, u: Float64Array, scales: Float64Array, p: Float64Array, l: number, from: number, to: number): void {
  const rank = scales.length;
  for (let dim = 0; dim < rank; dim += 1) {
    for (let row = from; row < to; row += 1) {
      let sum = 0;
      for (let i = 0; i < l; i += 1) sum += q[row * l + i]! * u[i * rank + dim]!;
      p[row * rank + dim] = sum * scales[dim]!;
    }
  }
}

/** One product of the SVD, as the worker task (svd-task.ts) receives it with the share to compute. */
export type SvdStep =
  | { kind: "multiply" | "multiplyTransposed"; input: Float64Array; output: Float64Array; l: number }
  | { kind: "gram"; q: Float64Array; w: Float64Array; gram: Float64Array; n: number; l: number }
  | { kind: "project"; q: Float64Array; u: Float64Array; scales: Float64Array; p: Float64Array; l: number; n: number };

/** Computes share `part` of `parts` of a step (all of it for 1 of 1). */
export function runSvdStep(a: SparseRows, step: SvdStep, part: number, parts: number): void {
  const share = (count: number): [number, number] => [Math.floor((count * part) / parts), Math.floor((count * (part + 1)) / parts)];
  if (step.kind === "multiply" || step.kind === "multiplyTransposed") multiplyColumns(a, step.kind === "multiplyTransposed", step.input, step.output, step.l, ...share(step.l));
  else if (step.kind === "gram") gramRows(step.q, step.w, step.gram, step.n, step.l, part, parts);
  else if (step.kind === "project") projectRows(step.q, step.u, step.scales, step.p, step.l, ...share(step.n));
}

/** Runs the SVD's products: in this thread, or split over worker threads that share the matrix and the dense arrays. */
interface SvdSteps {
  /** A zeroed array the steps can write (shared with the workers). */
  array(length: number): Float64Array;
  run(step: SvdStep): Promise<void>;
  close(): Promise<void>;
}

async function svdSteps(a: SparseRows, workers: number): Promise<SvdSteps> {
  if (workers <= 1) {
    return { array: (length) => new Float64Array(length), run: async (step) => runSvdStep(a, step, 0, 1), close: async () => undefined };
  }
  if (a.blocks.some((block) => !(block.values.buffer instanceof SharedArrayBuffer))) throw new TypeError("the matrix must be in SharedArrayBuffers (sparseRows(..., shared)) for worker threads");
  const pool = await WorkerPool.start<SparseRows, { step: SvdStep; part: number; parts: number }, number>({ task: taskModule("./svd-task", import.meta.url), workers, shared: a });
  return {
    array: (length) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)),
    run: async (step) => {
      await pool.map(Array.from({ length: workers }, (_, part) => ({ step, part, parts: workers })));
    },
    close: () => pool.close(),
  };
}

/** Orthonormalises the l columns of a (rows x l, row-major) in place by modified Gram-Schmidt; returns how many are independent. */
function orthonormalizeColumns(a: Float64Array, rows: number, l: number): number {
  let rank = 0;
  for (let column = 0; column < l; column += 1) {
    for (let previous = 0; previous < column; previous += 1) {
      let dot = 0;
      for (let row = 0; row < rows; row += 1) dot += a[row * l + column]! * a[row * l + previous]!;
      for (let row = 0; row < rows; row += 1) a[row * l + column]! -= dot * a[row * l + previous]!;
    }
    let norm = 0;
    for (let row = 0; row < rows; row += 1) norm += a[row * l + column]! ** 2;
    norm = Math.sqrt(norm);
    const scale = norm > 1e-10 ? 1 / norm : 0;
    if (scale > 0) rank += 1;
    for (let row = 0; row < rows; row += 1) a[row * l + column]! *= scale;
  }
  return rank;
}

export interface TruncatedSvd {
  /** V x k right singular vectors, row-major (term-major): component[term * k + dim]. */
  components: Float32Array;
  singularValues: Float64Array;
  k: number;
}

/**
 * Truncated SVD of a sparse matrix by the randomized range finder (Halko, Martinsson, Tropp 2011)
 * with power iterations. Returns the top-k right singular vectors, which project any TF-IDF row
 * into the latent space. The sparse-dense products, the Gram matrix and the projection run on
 * `workers` threads (the matrix in SharedArrayBuffers, see `sparseRows`), with the same result to
 * the bit; the Gram-Schmidt steps and the small eigendecomposition stay in this thread.
 */
export async function randomizedSvd(
  a: SparseRows,
  k: number,
  options: { oversample?: number; powerIterations?: number; seed?: number; workers?: number; onStep?: (done: number, total: number) => void } = {},
): Promise<TruncatedSvd> {
  const n = a.rows;
  // Steps: the range finder, each power iteration, the small Gram matrix, the projection.
  const powerIterations = options.powerIterations ?? 2;
  const steps = powerIterations + 3;
  let step = 0;
  const stepDone = () => options.onStep?.((step += 1), steps);
  const l = Math.min(k + (options.oversample ?? 10), n, a.columns);
  const products = await svdSteps(a, options.workers ?? 1);
  try {
    // The dense arrays are made once and reused (zeroed) from product to product: one V x l and two
    // n x l, rather than a new one per product (worker threads would keep the shared ones alive).
    const termSide = products.array(a.columns * l);
    const textSides = [products.array(n * l), products.array(n * l)];
    const product = async (kind: "multiply" | "multiplyTransposed", input: Float64Array, output: Float64Array, width: number): Promise<Float64Array> => {
      output.fill(0);
      await products.run({ kind, input, output, l: width });
      return output;
    };
    const multiply = (x: Float64Array, output: Float64Array, width: number) => product("multiply", x, output, width);
    const multiplyTransposed = (y: Float64Array, output: Float64Array, width: number) => product("multiplyTransposed", y, output, width);
    const random = seededRandom(options.seed ?? 42);
    const omega = termSide;
    for (let index = 0; index < omega.length; index += 1) omega[index] = gaussian(random);

    let q = await multiply(omega, textSides[0]!, l);
    orthonormalizeColumns(q, n, l);
    stepDone();
    for (let iteration = 0; iteration < powerIterations; iteration += 1) {
      // Only the small side (n x l) is re-orthonormalised; the term side (V x l) would cost V*l^2.
      q = await multiply(await multiplyTransposed(q, termSide, l), textSides[(iteration + 1) % 2]!, l);
      orthonormalizeColumns(q, n, l);
      stepDone();
    }
    // B = Q^T A (l x V); B B^T = Q^T A A^T Q is small (l x l): its eigenvectors give B's left singular vectors.
    const bt = await multiplyTransposed(q, termSide, l); // V x l, = B^T
    const w = await multiply(bt, textSides.find((side) => side !== q)!, l); // n x l, = A A^T Q
    const upper = products.array(l * l);
    await products.run({ kind: "gram", q, w, gram: upper, n, l });
    const gram = new Matrix(l, l);
    for (let i = 0; i < l; i += 1) {
      for (let j = i; j < l; j += 1) {
        gram.set(i, j, upper[i * l + j]!);
        gram.set(j, i, upper[i * l + j]!);
      }
    }
    const eigen = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
    stepDone();
    const order = eigen.realEigenvalues.map((value, index) => ({ value, index })).sort((x, y) => y.value - x.value);
    const kept = order.filter((entry) => entry.value > 1e-10).slice(0, k);
    const rank = kept.length;
    const singularValues = Float64Array.from(kept, (entry) => Math.sqrt(entry.value));
    const vectors = eigen.eigenvectorMatrix;
    // V_k = B^T U_b S^-1 = A^T (Q U_b S^-1): project through the small n x k matrix P, never a V x l dense product.
    const u = products.array(l * rank);
    kept.forEach((entry, dim) => {
      for (let i = 0; i < l; i += 1) u[i * rank + dim] = vectors.get(i, entry.index);
    });
    const scales = products.array(rank);
    scales.set(Array.from(singularValues, (value) => 1 / value));
    const p = products.array(n * rank);
    await products.run({ kind: "project", q, u, scales, p, l, n });
    const components = Float32Array.from(await multiplyTransposed(p, products.array(a.columns * rank), rank));
    stepDone();
    return { components, singularValues, k: rank };
  } finally {
    await products.close();
  }
}
