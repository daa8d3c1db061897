/**
 * Ranked-retrieval metrics over one result list. `relevantKeys[i]` lists the gold items (quote
 * indices, or document ids) that the i-th retrieved chunk holds; `goldCount` is how many gold items
 * there are. A chunk is relevant when it holds at least one gold item.
 */
export interface RankingMetrics {
  /** Rank (1-based) of the first relevant chunk, or null when none was retrieved. */
  firstHitRank: number | null;
  hitAt: (k: number) => number;
  /** Share of gold items found in the top k. */
  recallAt: (k: number) => number;
  /** Reciprocal rank of the first relevant chunk within the top k (0 when none). */
  mrrAt: (k: number) => number;
  /** nDCG with binary gain for chunks that bring a gold item not seen higher up. */
  ndcgAt: (k: number) => number;
}

export function rankingMetrics(relevantKeys: Array<ReadonlyArray<string | number>>, goldCount: number): RankingMetrics {
  const firstIndex = relevantKeys.findIndex((keys) => keys.length > 0);
  const firstHitRank = firstIndex === -1 ? null : firstIndex + 1;
  return {
    firstHitRank,
    hitAt: (k) => (firstHitRank !== null && firstHitRank <= k ? 1 : 0),
    recallAt: (k) => {
      if (goldCount === 0) return 0;
      const found = new Set(relevantKeys.slice(0, k).flat());
      return Math.min(found.size, goldCount) / goldCount;
    },
    mrrAt: (k) => (firstHitRank !== null && firstHitRank <= k ? 1 / firstHitRank : 0),
    ndcgAt: (k) => {
      if (goldCount === 0) return 0;
      const seen = new Set<string | number>();
      let dcg = 0;
      relevantKeys.slice(0, k).forEach((keys, index) => {
        const novel = keys.filter((key) => !seen.has(key));
        if (novel.length > 0) dcg += 1 / Math.log2(index + 2);
        for (const key of keys) seen.add(key);
      });
      let ideal = 0;
      for (let index = 0; index < Math.min(goldCount, k); index += 1) ideal += 1 / Math.log2(index + 2);
      return dcg / ideal;
    },
  };
}
