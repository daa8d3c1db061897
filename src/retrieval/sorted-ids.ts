/** Term ids in the order the terms are first met: `terms[idOf(term)] === term`, `ids.get(term)` without adding it. */
export function termIds(): { terms: string[]; ids: ReadonlyMap<string, number>; idOf: (term: string) => number } {
  const terms: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (term: string): number => {
    let id = ids.get(term);
    if (id === undefined) {
      id = terms.length;
      ids.set(term, id);
      terms.push(term);
    }
    return id;
  };
  return { terms, ids, idOf };
}

/** The first position in the sorted values at [from, to) whose value is not below `value` (`to` when none; binary search). */
export function sortedIndex(values: ArrayLike<number>, from: number, to: number, value: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether the sorted values at [from, to) hold a value (binary search). */
export function sortedHas(values: Uint32Array | Float64Array, from: number, to: number, value: number): boolean {
  const index = sortedIndex(values, from, to, value);
  return index < to && values[index] === value;
}
