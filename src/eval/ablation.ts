import type { Config, ConfigKey } from "../config/config.js";
import { createRagContext } from "../context.js";
import type { EvalReport } from "./report.js";
import { loadVerifiedSet, reportFor, runCases } from "./run-eval.js";

type RetrievalSettings = Config["retrieval"];

/** The stages of the retrieval pipeline, each row adding one to the previous (the last row is the default). */
export const ABLATION_STAGES: Array<{ name: string; retrieval: Partial<RetrievalSettings> }> = [
  { name: "dense only (LSA + HNSW)", retrieval: { mode: "dense", typoCorrection: false, entityBoost: 0, periodBoost: 0, dateAware: false, rerank: false, maxPerDocument: 50 } },
  { name: "sparse only (BM25)", retrieval: { mode: "sparse", typoCorrection: false, entityBoost: 0, periodBoost: 0, dateAware: false, rerank: false, maxPerDocument: 50 } },
  { name: "hybrid (RRF)", retrieval: { mode: "hybrid", typoCorrection: false, entityBoost: 0, periodBoost: 0, dateAware: false, rerank: false, maxPerDocument: 50 } },
  { name: "+ typo correction", retrieval: { mode: "hybrid", typoCorrection: true, entityBoost: 0, periodBoost: 0, dateAware: false, rerank: false, maxPerDocument: 50 } },
  { name: "+ entities (metadata, titles, file names)", retrieval: { mode: "hybrid", typoCorrection: true, periodBoost: 0, dateAware: false, rerank: false, maxPerDocument: 50 } },
  { name: "+ periods (years in titles, file names, dates)", retrieval: { mode: "hybrid", typoCorrection: true, dateAware: false, rerank: false, maxPerDocument: 50 } },
  { name: "+ date-aware", retrieval: { mode: "hybrid", typoCorrection: true, dateAware: true, rerank: false, maxPerDocument: 50 } },
  { name: "+ rerank", retrieval: { mode: "hybrid", typoCorrection: true, dateAware: true, rerank: true, maxPerDocument: 50 } },
  { name: "+ per-document cap (default; a corpus's tuned settings apply here)", retrieval: {} },
];

export interface AblationRow {
  name: string;
  summary: EvalReport["summary"];
}

/** Runs the eval set once per stage over the same index and returns one summary per stage. */
export async function runAblation(config: Config, options: { setPath?: string; k: number; concurrency: number; onStage?: (name: string) => void }): Promise<AblationRow[]> {
  const rows: AblationRow[] = [];
  // The set is read and its quotes verified once; every stage runs the same cases over the same index.
  let set: Awaited<ReturnType<typeof loadVerifiedSet>> | undefined;
  for (const stage of ABLATION_STAGES) {
    options.onStage?.(stage.name);
    // The stages run the generic settings, whatever the corpus's tuned ones (corpus.json "retrieval"); the last row is what the service runs.
    const last = stage === ABLATION_STAGES.at(-1);
    const explicit = last ? config.explicit : [...config.explicit, ...Object.keys(config.retrieval).map((key) => `retrieval.${key}` as ConfigKey)];
    const staged: Config = { ...config, retrieval: { ...config.retrieval, ...stage.retrieval }, explicit };
    const context = await createRagContext(staged, { buildIfNeeded: true });
    set ??= await loadVerifiedSet(context, options.setPath);
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
