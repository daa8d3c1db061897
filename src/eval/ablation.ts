import type { Config, ConfigKey } from "../config/config.js";
import { createRagContext } from "../context.js";
import type { EvalReport } from "./report.js";
import { loadVerifiedSet, reportFor, runCases } from "./run-eval.js";

type RetrievalSettings = Config["retrieval"];

const OFF: Partial<RetrievalSettings> = { typoCorrection: false, entityBoost: 0, periodBoost: 0, dateAware: false, rerank: false, documentFirst: false, reasons: false, proximity: false, synonyms: false, feedback: false, maxPerDocument: 50 };

/**
 * The stages of the retrieval pipeline, each row adding one to the previous up to the default row
 * (`corpusSettings`: the corpus's tuned settings apply there); the rows after it add an optional
 * stage that is off by default to that default row, one at a time.
 */
export const ABLATION_STAGES: Array<{ name: string; retrieval: Partial<RetrievalSettings>; corpusSettings?: true }> = [
  { name: "dense only (LSA + HNSW)", retrieval: { ...OFF, mode: "dense" } },
  { name: "sparse only (BM25)", retrieval: { ...OFF, mode: "sparse" } },
  { name: "hybrid (RRF)", retrieval: { ...OFF, mode: "hybrid" } },
  { name: "+ typo correction", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true } },
  { name: "+ entities (metadata, titles, file names)", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true, entityBoost: undefined, periodBoost: 0 } },
  { name: "+ periods (years in titles, file names, dates)", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true, entityBoost: undefined, periodBoost: undefined } },
  { name: "+ date-aware", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true, entityBoost: undefined, periodBoost: undefined, dateAware: true } },
  { name: "+ rerank", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true, entityBoost: undefined, periodBoost: undefined, dateAware: true, rerank: true } },
  { name: "+ document first, then chunk", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true, entityBoost: undefined, periodBoost: undefined, dateAware: true, rerank: true, documentFirst: true } },
  { name: "+ reason questions (asking words out, stated causes preferred)", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true, entityBoost: undefined, periodBoost: undefined, dateAware: true, rerank: true, documentFirst: true, reasons: true } },
  { name: "+ proximity (question terms close together)", retrieval: { ...OFF, mode: "hybrid", typoCorrection: true, entityBoost: undefined, periodBoost: undefined, dateAware: true, rerank: true, documentFirst: true, reasons: true, proximity: true } },
  { name: "+ per-document cap (default; a corpus's tuned settings apply here)", retrieval: {}, corpusSettings: true },
  { name: "default + WordNet synonyms (off by default)", retrieval: { synonyms: true }, corpusSettings: true },
  { name: "default + feedback words (off by default)", retrieval: { feedback: true }, corpusSettings: true },
];

/** A stage's settings over the config's: a key set to undefined keeps the config's value. */
export function stageSettings(base: RetrievalSettings, stage: Partial<RetrievalSettings>): RetrievalSettings {
  const defined = Object.entries(stage).filter(([, value]) => value !== undefined);
  return { ...base, ...Object.fromEntries(defined) };
}

export interface AblationRow {
  name: string;
  summary: EvalReport["summary"];
}

/** Runs the eval set once per stage over the same index and returns one summary per stage. */
export async function runAblation(config: Config, options: { setPath?: string; asUnanswerable?: boolean; k: number; concurrency: number; onStage?: (name: string) => void }): Promise<AblationRow[]> {
  const rows: AblationRow[] = [];
  // The set is read and its quotes verified once; every stage runs the same cases over the same index.
  let set: Awaited<ReturnType<typeof loadVerifiedSet>> | undefined;
  for (const stage of ABLATION_STAGES) {
    options.onStage?.(stage.name);
    // The stages run the generic settings, whatever the corpus's tuned ones (corpus.json "retrieval"); the last row is what the service runs.
    // A row on the corpus's settings still runs its own stage settings whatever corpus.json says.
    const pinned = stage.corpusSettings ? Object.keys(stage.retrieval) : Object.keys(config.retrieval);
    const explicit = [...config.explicit, ...pinned.map((key) => `retrieval.${key}` as ConfigKey)];
    const staged: Config = { ...config, retrieval: stageSettings(config.retrieval, stage.retrieval), explicit };
    const context = await createRagContext(staged, { buildIfNeeded: true });
    set ??= await loadVerifiedSet(context, options.setPath, { asUnanswerable: options.asUnanswerable });
    const results = await runCases(context, set.cases, options.k, options.concurrency);
    rows.push({ name: stage.name, summary: reportFor(context, set.setPath, options.k, results).summary });
    await context.close();
  }
  return rows;
}

/** The ablation as a Markdown table. */
export function renderAblationTable(rows: AblationRow[]): string {
  const f = (value: number | undefined) => (value === undefined ? "–" : value.toFixed(3));
  const lines = [
    "| configuration | hit@1 | hit@5 | MRR@10 | nDCG@10 | fact recall | citation precision | refusal recall | false-refusal rate | retrieval p50 (ms) |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const { name, summary: s } of rows) {
    lines.push(`| ${name} | ${f(s["hit@1"])} | ${f(s["hit@5"])} | ${f(s["mrr@10"])} | ${f(s["ndcg@10"])} | ${f(s.factRecall)} | ${f(s.citationPrecision)} | ${f(s.refusalRecall)} | ${f(s.falseRefusalRate)} | ${s.retrieveP50Ms.toFixed(2)} |`);
  }
  return `${lines.join("\n")}\n`;
}
