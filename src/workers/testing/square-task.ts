/** A task for the worker pool's tests: squares a slice of numbers, offset by the shared value; throws on a negative number. */
export function run(input: number[], shared: { offset: number }): Float64Array {
  return Float64Array.from(input, (value) => {
    if (value < 0) throw new RangeError(`negative input ${value}`);
    return value * value + shared.offset;
  });
}

export function transferList(output: Float64Array): ArrayBuffer[] {
  return [output.buffer as ArrayBuffer];
}
