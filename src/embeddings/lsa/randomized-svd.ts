import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { seededRandom } from "../../math/seeded-random.js";

/** A sparse matrix in compressed-row form (rows = texts, columns = vocabulary terms). */
export interface SparseRows {
  rows: { indices: Int32Array; values: Float64Array }[];
  columns: number;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Y (n x l, row-major) = A (n x V) * X (V x l, row-major). */
function multiply(a: SparseRows, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(a.rows.length * l);
  a.rows.forEach((row, rowIndex) => {
    const out = rowIndex * l;
    for (let slot = 0; slot < row.indices.length; slot += 1) {
      const value = row.values[slot]!;
      const base = row.indices[slot]! * l;
      for (let column = 0; column < l; column += 1) y[out + column]! += value * x[base + column]!;
    }
  });
  return y;
}

/** Z (V x l, row-major) = A^T (V x n) * Y (n x l, row-major). */
function multiplyTransposed(a: SparseRows, y: Float64Array, l: number): Float64Array {
  const z = new Float64Array(a.columns * l);
  a.rows.forEach((row, rowIndex) => {
    const source = rowIndex * l;
    for (let slot = 0; slot < row.indices.length; slot += 1) {
      const value = row.values[slot]!;
      const base = row.indices[slot]! * l;
      for (let column = 0; column < l; column += 1) z[base + column]! += value * y[source + column]!;
    }
  });
  return z;
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
 * into the latent space.
 */
export function randomizedSvd(
  a: SparseRows,
  k: number,
  options: { oversample?: number; powerIterations?: number; seed?: number; onStep?: (done: number, total: number) => void } = {},
): TruncatedSvd {
  const n = a.rows.length;
  // Steps: the range finder, each power iteration, the small Gram matrix, the projection.
  const powerIterations = options.powerIterations ?? 2;
  const steps = powerIterations + 3;
  let step = 0;
  const stepDone = () => options.onStep?.((step += 1), steps);
  const l = Math.min(k + (options.oversample ?? 10), n, a.columns);
  const random = seededRandom(options.seed ?? 42);
  const omega = new Float64Array(a.columns * l);
  for (let index = 0; index < omega.length; index += 1) omega[index] = gaussian(random);

  let q = multiply(a, omega, l);
  orthonormalizeColumns(q, n, l);
  stepDone();
  for (let iteration = 0; iteration < powerIterations; iteration += 1) {
    // Only the small side (n x l) is re-orthonormalised; the term side (V x l) would cost V*l^2.
    q = multiply(a, multiplyTransposed(a, q, l), l);
    orthonormalizeColumns(q, n, l);
    stepDone();
  }
  // B = Q^T A (l x V); B B^T = Q^T A A^T Q is small (l x l): its eigenvectors give B's left singular vectors.
  const bt = multiplyTransposed(a, q, l); // V x l, = B^T
  const w = multiply(a, bt, l); // n x l, = A A^T Q
  const gram = new Matrix(l, l);
  for (let i = 0; i < l; i += 1) {
    for (let j = i; j < l; j += 1) {
      let sum = 0;
      for (let row = 0; row < n; row += 1) sum += q[row * l + i]! * w[row * l + j]!;
      gram.set(i, j, sum);
      gram.set(j, i, sum);
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
  const p = new Float64Array(n * rank);
  kept.forEach((entry, dim) => {
    const scale = 1 / singularValues[dim]!;
    for (let row = 0; row < n; row += 1) {
      let sum = 0;
      for (let i = 0; i < l; i += 1) sum += q[row * l + i]! * vectors.get(i, entry.index);
      p[row * rank + dim] = sum * scale;
    }
  });
  const components = Float32Array.from(multiplyTransposed(a, p, rank));
  stepDone();
  return { components, singularValues, k: rank };
}
