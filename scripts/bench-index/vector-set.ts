/** Unit-length vectors packed row after row in one Float32Array: 4 bytes a dimension, off the JS heap. */
export interface VectorSet {
  count: number;
  dimensions: number;
  data: Float32Array;
}

export function createVectorSet(count: number, dimensions: number): VectorSet {
  return { count, dimensions, data: new Float32Array(count * dimensions) };
}

/** A view of vector `index` (no copy). */
export function vectorAt(set: VectorSet, index: number): Float32Array {
  return set.data.subarray(index * set.dimensions, (index + 1) * set.dimensions);
}

/** Vector `index` as the plain number[] that hnswlib-node and LangChain take. */
export function vectorArray(set: VectorSet, index: number): number[] {
  return Array.from(vectorAt(set, index));
}

/** The first `count` vectors, sharing the same memory. */
export function firstVectors(set: VectorSet, count: number): VectorSet {
  return { count, dimensions: set.dimensions, data: set.data.subarray(0, count * set.dimensions) };
}
