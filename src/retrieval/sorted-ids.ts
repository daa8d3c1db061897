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

/** Whether the sorted values at [from, to) hold a value (binary search). */
export function sortedHas(values: Uint32Array | Float64Array, from: number, to: number, value: number): boolean {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = values[middle]!;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
