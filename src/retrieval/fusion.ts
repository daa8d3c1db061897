/** One ranked list from one retriever: item keys, best first, with the retriever's own scores. */
export interface RankedList {
  weight: number;
  items: Array<{ key: string; score: number }>;
}

/**
 * Weighted reciprocal rank fusion: score(d) = sum over lists of weight / (k + rank). Ties keep the
 * order of first appearance (list order, then rank), so the result is deterministic.
 */
export function reciprocalRankFusion(lists: RankedList[], k = 60): Array<{ key: string; score: number }> {
  const scores = new Map<string, number>();
  for (const list of lists) {
    list.items.forEach((item, index) => {
      scores.set(item.key, (scores.get(item.key) ?? 0) + list.weight / (k + index + 1));
    });
  }
  return [...scores.entries()].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score);
}

/** Weighted sum of min-max normalised scores; an item missing from a list gets 0 from it. */
export function weightedScoreFusion(lists: RankedList[]): Array<{ key: string; score: number }> {
  const scores = new Map<string, number>();
  for (const list of lists) {
    if (list.items.length === 0) continue;
    const values = list.items.map((item) => item.score);
    const min = Math.min(...values);
    const range = Math.max(...values) - min || 1;
    for (const item of list.items) scores.set(item.key, (scores.get(item.key) ?? 0) + (list.weight * (item.score - min)) / range);
  }
  return [...scores.entries()].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score);
}
