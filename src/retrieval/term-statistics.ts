import { contentTerms } from "../text/tokenize.js";

/** Document frequencies of content terms over the indexed chunks, for weighting question words. */
export class TermStatistics {
  private readonly documentFrequency = new Map<string, number>();
  private readonly count: number;

  constructor(texts: Iterable<string>) {
    let count = 0;
    for (const text of texts) {
      count += 1;
      for (const term of new Set(contentTerms(text))) {
        this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      }
    }
    this.count = count;
  }

  /** Smoothed idf; a term the corpus never uses gets the weight of the rarest possible term. */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log((1 + this.count) / (1 + df)) + 1;
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }
}
