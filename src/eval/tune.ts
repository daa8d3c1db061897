import type { Config } from "../config/config.js";
import type { RagContext } from "../context.js";
import { IndexRetriever } from "../retrieval/index-retriever.js";
import type { EvalCase } from "./eval-set.js";
import { normaliseWhitespace } from "./eval-set.js";
import { stratifiedParts } from "./calibrate.js";
import { bootstrapMeanInterval, mean } from "./statistics.js";

/** The retrieval settings `tune` searches over (the rest stay as configured). */
export type TunedSettings = Pick<Config["retrieval"], "mode" | "entityBoost" | "periodBoost" | "maxPerDocument">;

/** The candidates: every combination of these values. */
export const TUNING_GRID: { [K in keyof TunedSettings]: Array<TunedSettings[K]> } = {
  mode: ["hybrid", "sparse", "dense"],
  entityBoost: [0, 0.25, 0.5],
  periodBoost: [0, 0.25],
  maxPerDocument: [2, 3, 50],
};

/** Fewest answerable cases worth tuning on: below it a held-out fold says nothing. */
export const MIN_TUNING_CASES = 30;

export function gridCandidates(): TunedSettings[] {
  const out: TunedSettings[] = [];
  for (const mode of TUNING_GRID.mode)
    for (const entityBoost of TUNING_GRID.entityBoost)
      for (const periodBoost of TUNING_GRID.periodBoost) for (const maxPerDocument of TUNING_GRID.maxPerDocument) out.push({ mode, entityBoost, periodBoost, maxPerDocument });
  return out;
}

/** Reciprocal rank (within the top 10) of the first chunk that holds one of a case's gold quotes. */
function reciprocalRank(evalCase: EvalCase, chunks: Array<{ docId: string; text: string }>): number {
  const quotes = evalCase.evidence.map((gold) => ({ doc: gold.doc, text: normaliseWhitespace(gold.quote) }));
  const rank = chunks.slice(0, 10).findIndex((chunk) => quotes.some((quote) => quote.doc === chunk.docId && normaliseWhitespace(chunk.text).includes(quote.text)));
  return rank < 0 ? 0 : 1 / (rank + 1);
}

export interface TuningReport {
  cases: number;
  folds: number;
  candidates: number;
  defaults: TunedSettings;
  /** The best candidate on all cases. */
  chosen: TunedSettings;
  /** Held-out MRR@10: each fold scored with the candidate chosen on the other folds, against the defaults on the same cases. */
  heldOut: { tuned: number; defaults: number; gain: number; low: number; high: number };
  /** The gain holds when its 95% interval is above 0. */
  holds: boolean;
}

/**
 * Tunes retrieval honestly: scores every candidate setting on every answerable case (MRR@10 of the
 * gold quotes), then in k folds picks the best candidate on the other folds and scores it on the fold
 * it was not picked on. The reported gain over the defaults is that held-out one, with a bootstrap
 * interval; only a gain whose interval is above zero counts.
 */
export async function tuneRetrieval(context: RagContext, cases: EvalCase[], options: { folds: number; seed: number; defaults: TunedSettings }): Promise<TuningReport> {
  const answerable = cases.filter((evalCase) => evalCase.answerable);
  if (answerable.length < MIN_TUNING_CASES) {
    throw new Error(`The eval set has ${answerable.length} answerable case(s); tuning needs at least ${MIN_TUNING_CASES} so that held-out folds mean something. Nothing was changed.`);
  }
  const candidates = gridCandidates();
  const scores: number[][] = [];
  for (const candidate of candidates) {
    const retriever = new IndexRetriever(context.backend, { retrieval: { ...context.config.retrieval, ...candidate }, scoring: context.config.scoring }, context.vocabulary, context.statistics, context.features);
    const row: number[] = [];
    for (const evalCase of answerable) {
      const { chunks } = await retriever.search(evalCase.question, { topK: 10, ...(evalCase.filters ? { filters: evalCase.filters } : {}) });
      row.push(reciprocalRank(evalCase, chunks));
    }
    scores.push(row);
  }
  const key = (settings: TunedSettings) => JSON.stringify([settings.mode, settings.entityBoost, settings.periodBoost, settings.maxPerDocument]);
  const defaultIndex = candidates.findIndex((candidate) => key(candidate) === key(options.defaults));
  if (defaultIndex < 0) throw new Error(`The current settings ${key(options.defaults)} are not in the tuning grid.`);
  const best = (indexes: number[]) =>
    candidates.reduce((top, _, candidate) => (mean(indexes.map((i) => scores[candidate]![i]!)) > mean(indexes.map((i) => scores[top]![i]!)) + 1e-12 ? candidate : top), defaultIndex);
  const positions = answerable.map((evalCase, index) => ({ index, answerable: evalCase.answerable }));
  const parts = stratifiedParts(positions, options.folds, options.seed).map((part) => part.map((entry) => entry.index));
  const differences: number[] = [];
  const tunedHeldOut: number[] = [];
  const defaultHeldOut: number[] = [];
  parts.forEach((part, fold) => {
    const chosen = best(parts.filter((_, other) => other !== fold).flat());
    for (const index of part) {
      tunedHeldOut.push(scores[chosen]![index]!);
      defaultHeldOut.push(scores[defaultIndex]![index]!);
      differences.push(scores[chosen]![index]! - scores[defaultIndex]![index]!);
    }
  });
  const interval = bootstrapMeanInterval(differences);
  const gain = mean(differences);
  return {
    cases: answerable.length,
    folds: options.folds,
    candidates: candidates.length,
    defaults: options.defaults,
    chosen: candidates[best(answerable.map((_, index) => index))]!,
    heldOut: { tuned: mean(tunedHeldOut), defaults: mean(defaultHeldOut), gain, low: interval.low, high: interval.high },
    holds: interval.low > 0,
  };
}
