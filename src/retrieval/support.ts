import type { ChunkFeatures } from "./rerank.js";

/**
 * How strongly the corpus supports the question, 0..1: 1 when one of the top chunks contains every
 * content term of the question; otherwise the backend's lexical support among chunks the filters
 * allow (embedded: the best BM25 score per matched question term, squashed by x / (x + 30);
 * PostgreSQL: see `pg-lexical-support.ts`): a question whose distinctive word the corpus lacks
 * matches only its common words, and weakly. The refusal threshold is calibrated on this scale,
 * per corpus and backend (scripts/calibrate-refusal.ts).
 */
export async function questionSupport(terms: readonly string[], topChunks: readonly ChunkFeatures[], lexicalSupport: () => Promise<number>): Promise<number> {
  const distinct = new Set(terms);
  if (distinct.size === 0) return 0;
  for (const features of topChunks) {
    if ([...distinct].every((term) => features.body.has(term) || features.heading.has(term))) return 1;
  }
  return lexicalSupport();
}
