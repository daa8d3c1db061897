import type { ScoredLabel } from "../index/search-backend.js";

/** One ranked list from one retriever: chunk labels, best first, with the retriever's own scores. */
export interface RankedList {
  weight: number;
  items: ScoredLabel[];
}

/**
 * Weighted reciprocal rank fusion: score(d) = sum over lists of weight / (k + rank). Ties keep the
 * order of first appearance (list order, then rank), so the result is deterministic.
 */
export function reciprocalRankFusion(lists: RankedList[], k = 60): ScoredLabel[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.items.forEach((item, index) => {
      scores.set(item.label, (scores.get(item.label) ?? 0) + list.weight / (k + index + 1));
    });
  }
  return [...scores.entries()].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
}

/** Weighted sum of min-max normalised scores; an item missing from a list gets 0 from it. */
export function weightedScoreFusion(lists: RankedList[]): ScoredLabel[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    if (list.items.length === 0) continue;
    const values = list.items.map((item) => item.score);
    const min = Math.min(...values);
    const range = Math.max(...values) - min || 1;
    for (const item of list.items) scores.set(item.label, (scores.get(item.label) ?? 0) + (list.weight * (item.score - min)) / range);
  }
  return [...scores.entries()].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
}
