import type { Config } from "../config/config.js";
import type { RagContext } from "../context.js";
import type { ScoredLabel, SearchBackend, SparseMatches } from "../index/search-backend.js";
import { IndexRetriever } from "../retrieval/index-retriever.js";
import type { EvalCase } from "./eval-set.js";
import { normaliseWhitespace } from "./eval-set.js";
import { stratifiedParts } from "./calibrate.js";
import { bootstrapMeanInterval, mean } from "./statistics.js";

/** The retrieval settings `tune` searches over (the rest stay as configured). */
export type TunedSettings = Pick<Config["retrieval"], "mode" | "denseWeight" | "entityBoost" | "periodBoost" | "maxPerDocument" | "documentFirst">;

/** The candidates: every combination of these values (the dense weight only in hybrid mode, where it counts). */
export const TUNING_GRID: { [K in keyof TunedSettings]: Array<TunedSettings[K]> } = {
  mode: ["hybrid", "sparse", "dense"],
  denseWeight: [0.25, 0.5, 1],
  entityBoost: [0, 0.25, 0.5],
  periodBoost: [0, 0.25],
  maxPerDocument: [2, 3, 50],
  documentFirst: [true, false],
};

/** Fewest answerable cases worth tuning on: below it a held-out fold says nothing. */
export const MIN_TUNING_CASES = 30;

/** The key of a candidate: its values in the grid's order. */
export const settingsKey = (settings: TunedSettings): string => JSON.stringify((Object.keys(TUNING_GRID) as Array<keyof TunedSettings>).map((name) => settings[name]));

/**
 * Every combination of the grid's values, with the current settings' own values added where the grid
 * lacks them (so the current settings are always a candidate). Outside hybrid mode the dense weight
 * changes nothing, so those candidates keep the current one instead of repeating the same run.
 */
export function gridCandidates(current?: TunedSettings): TunedSettings[] {
  const values = <K extends keyof TunedSettings>(name: K): Array<TunedSettings[K]> => {
    const grid: Array<TunedSettings[K]> = TUNING_GRID[name];
    return current === undefined || grid.includes(current[name]) ? grid : [...grid, current[name]];
  };
  const out: TunedSettings[] = [];
  for (const mode of values("mode"))
    for (const denseWeight of mode === "hybrid" ? values("denseWeight") : [current?.denseWeight ?? 0.5])
      for (const entityBoost of values("entityBoost"))
        for (const periodBoost of values("periodBoost"))
          for (const maxPerDocument of values("maxPerDocument"))
            for (const documentFirst of values("documentFirst")) out.push({ mode, denseWeight, entityBoost, periodBoost, maxPerDocument, documentFirst });
  return out;
}

/**
 * The backend with each distinct dense and full-text search run once: the candidates of the grid ask
 * the same first-stage searches of the same question again and again (they differ in what happens after
 * them), so the tuning run costs about one search per question and mode, not one per candidate.
 */
export function memoisedBackend(backend: SearchBackend): SearchBackend {
  const dense = new Map<string, Promise<ScoredLabel[]>>();
  const sparse = new Map<string, Promise<SparseMatches>>();
  const remember = <T>(cache: Map<string, Promise<T>>, key: string, run: () => Promise<T>): Promise<T> => {
    let found = cache.get(key);
    if (found === undefined) {
      found = run();
      cache.set(key, found);
    }
    return found;
  };
  return {
    kind: backend.kind,
    manifest: backend.manifest,
    embeddings: backend.embeddings,
    chunks: backend.chunks,
    dense: (vector, k, filters) => remember(dense, JSON.stringify([vector, k, filters ?? null]), () => backend.dense(vector, k, filters)),
    sparse: (query, k, filters) => remember(sparse, JSON.stringify([query, k, filters ?? null]), () => backend.sparse(query, k, filters)),
    derivedFile: (name) => backend.derivedFile(name),
    close: () => backend.close(),
  };
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
  const candidates = gridCandidates(options.defaults);
  const scores: number[][] = [];
  const backend = memoisedBackend(context.backend);
  for (const candidate of candidates) {
    const retriever = new IndexRetriever(backend, { retrieval: { ...context.config.retrieval, ...candidate }, scoring: context.config.scoring }, context.vocabulary, context.statistics, context.features);
    const row: number[] = [];
    for (const evalCase of answerable) {
      const { chunks } = await retriever.search(evalCase.question, { topK: 10, ...(evalCase.filters ? { filters: evalCase.filters } : {}) });
      row.push(reciprocalRank(evalCase, chunks));
    }
    scores.push(row);
  }
  const defaultIndex = candidates.findIndex((candidate) => settingsKey(candidate) === settingsKey(options.defaults));
  if (defaultIndex < 0) throw new Error(`The current settings ${settingsKey(options.defaults)} are not in the tuning grid.`);
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
