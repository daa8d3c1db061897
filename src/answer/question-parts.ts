import type { TermStatistics } from "../retrieval/term-statistics.js";

/** Term statistics that weigh a part's own terms `factor` times more than the rest of the question's (the subject it shares with the other parts). */
export function partStatistics(statistics: Pick<TermStatistics, "idf">, own: readonly string[], factor: number): Pick<TermStatistics, "idf"> {
  const boosted = new Set(own);
  return { idf: (term) => statistics.idf(term) * (boosted.has(term) ? factor : 1) };
}
