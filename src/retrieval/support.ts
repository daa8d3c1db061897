import type { SupportModel } from "../config/scoring.js";
import type { Query } from "./query.js";
import type { ChunkFeatures } from "./rerank.js";

/** What the support score is computed from; `npm run calibrate` fits the model on these. */
export interface SupportSignals {
  /**
   * Lexical support, 0..1: 1 when one of the top chunks, of the documents the question names if it
   * names any, contains every content term of the question; otherwise the backend's lexical support
   * among chunks the filters allow (embedded: the best BM25 score per matched question term, squashed
   * by x / (x + 30); PostgreSQL: see `pg-lexical-support.ts`).
   */
  lexical: number;
  /** The question names known words the documents never use together ("Harbor Send Plus"). */
  unfamiliar: boolean;
  /** The question names something the documents never mention ("Ember 15", "Q1 2027", "48-month CD"). */
  missing: boolean;
}

/** A top chunk as the support check reads it. */
export interface SupportChunk {
  docId: string;
  features: ChunkFeatures;
}

/**
 * The support signals of a question. When the question names documents (a product, a contract, a
 * company's report), a top chunk of another document holding all its words does not count: a clause
 * found only in another contract does not answer a question about this one.
 */
export async function supportSignals(
  query: Pick<Query, "terms" | "namedDocIds" | "names">,
  topChunks: readonly SupportChunk[],
  lexicalSupport: () => Promise<number>,
): Promise<SupportSignals> {
  const distinct = [...new Set(query.terms)];
  const unfamiliar = query.names.unfamiliar.length > 0;
  const missing = query.names.missing.length > 0;
  if (distinct.length === 0) return { lexical: 0, unfamiliar, missing };
  const inScope = (chunk: SupportChunk) => query.namedDocIds.size === 0 || query.namedDocIds.has(chunk.docId);
  const covered = topChunks.some((chunk) => inScope(chunk) && distinct.every((term) => chunk.features.body.has(term) || chunk.features.heading.has(term)));
  return { lexical: covered ? 1 : await lexicalSupport(), unfamiliar, missing };
}

/**
 * The support score, 0..1, on a calibrated, probability-like scale: 0 when the question names
 * something the documents never mention, else the logistic model of the signals. The refusal
 * threshold (corpus.json "answer.minEvidence") is picked on this scale by `npm run calibrate`.
 */
export function supportScore(signals: SupportSignals, model: SupportModel): number {
  if (signals.missing) return 0;
  const logit = model.intercept + model.lexical * signals.lexical + model.unfamiliar * (signals.unfamiliar ? 1 : 0);
  return 1 / (1 + Math.exp(-logit));
}
