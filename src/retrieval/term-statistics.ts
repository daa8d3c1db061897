import { contentTerms } from "../text/tokenize.js";

/** Term statistics as stored with a build: the chunk count and each term's document frequency, in first-seen order. */
export interface StoredTermStatistics {
  count: number;
  documentFrequency: Array<[string, number]>;
}

/** Document frequencies of content terms over the indexed chunks, for weighting question words. */
export class TermStatistics {
  private documentFrequency = new Map<string, number>();
  private count: number;

  constructor(texts: Iterable<string>) {
    this.count = 0;
    for (const text of texts) this.add(contentTerms(text));
  }

  /** Counts one more chunk, of these content terms (a repeat counts once): what the constructor does with each text's `contentTerms`. */
  add(terms: Iterable<string>): void {
    this.count += 1;
    for (const term of new Set(terms)) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  /** Statistics read back from `toStored()`, without the texts. */
  static fromStored(stored: StoredTermStatistics): TermStatistics {
    const statistics = new TermStatistics([]);
    statistics.documentFrequency = new Map(stored.documentFrequency);
    statistics.count = stored.count;
    return statistics;
  }

  /** The statistics of consecutive parts of the chunks (each `toStored()`), in their order: the same as of all the chunks at once. */
  static merge(parts: readonly StoredTermStatistics[]): TermStatistics {
    const statistics = new TermStatistics([]);
    for (const part of parts) {
      statistics.count += part.count;
      for (const [term, df] of part.documentFrequency) statistics.documentFrequency.set(term, (statistics.documentFrequency.get(term) ?? 0) + df);
    }
    return statistics;
  }

  toStored(): StoredTermStatistics {
    return { count: this.count, documentFrequency: [...this.documentFrequency] };
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
