import type { JudgeSummary } from "./judge.js";
import type { CaseResult } from "./score-case.js";
import { computeDetails, latencySummary, type MetricDetail, RATE_METRICS, type RateMetric } from "./summarize.js";

export const REPORT_SCHEMA_VERSION = 1;

/** Flat numbers for scripts and the gate: every rate metric plus latencies and token counts. */
export type Summary = { n: number } & Partial<Record<RateMetric, number>> & ReturnType<typeof latencySummary> & {
  tokensIn: number;
  tokensOut: number;
};

export interface TagBreakdown {
  n: number;
  summary: Summary;
  details: Partial<Record<RateMetric, MetricDetail>>;
}

export interface GateCheck {
  name: string;
  passed: boolean;
  message: string;
}

export interface EvalReport {
  schemaVersion: number;
  corpus: string;
  set: string;
  /** Every case of the set was read as unanswerable (`--as-unanswerable`: questions about another corpus). */
  asUnanswerable?: boolean;
  k: number;
  answerer: string;
  embedder: string;
  indexBuildId: string;
  generatedAt: string;
  summary: Summary;
  details: Partial<Record<RateMetric, MetricDetail>>;
  byTag: Record<string, TagBreakdown>;
  /** How many answerable cases had their first gold chunk at rank 1..k, or none ("miss"). */
  firstHitRanks: Record<string, number>;
  gate?: { passed: boolean; checks: GateCheck[] };
  /** LLM judge results (advisory unless `gated`). */
  judge?: JudgeSummary & { gated: boolean };
  cases: CaseResult[];
}

function summarise(cases: CaseResult[]): { summary: Summary; details: Partial<Record<RateMetric, MetricDetail>> } {
  const details = computeDetails(cases);
  const summary = { n: cases.length } as Summary;
  for (const metric of RATE_METRICS) {
    const detail = details[metric];
    if (detail) summary[metric] = Math.round(detail.value * 10_000) / 10_000;
  }
  Object.assign(summary, latencySummary(cases));
  summary.tokensIn = cases.reduce((sum, result) => sum + (result.usage?.inputTokens ?? 0), 0);
  summary.tokensOut = cases.reduce((sum, result) => sum + (result.usage?.outputTokens ?? 0), 0);
  return { summary, details };
}

export function buildReport(meta: Omit<EvalReport, "schemaVersion" | "summary" | "details" | "byTag" | "firstHitRanks" | "cases" | "gate">, cases: CaseResult[]): EvalReport {
  const overall = summarise(cases);
  const tags = [...new Set(cases.flatMap((result) => result.tags))].sort();
  const byTag: Record<string, TagBreakdown> = {};
  for (const tag of tags) {
    const subset = cases.filter((result) => result.tags.includes(tag));
    byTag[tag] = { n: subset.length, ...summarise(subset) };
  }
  const firstHitRanks: Record<string, number> = {};
  for (let rank = 1; rank <= meta.k; rank += 1) firstHitRanks[String(rank)] = 0;
  firstHitRanks.miss = 0;
  for (const result of cases) {
    if (!result.retrieval) continue;
    const rank = result.retrieval.quote.firstHitRank;
    const key = rank !== null && rank <= meta.k ? String(rank) : "miss";
    firstHitRanks[key] = (firstHitRanks[key] ?? 0) + 1;
  }
  return { schemaVersion: REPORT_SCHEMA_VERSION, ...meta, ...overall, byTag, firstHitRanks, cases };
}

/** A rate as a percentage with one decimal, or a dash when it was not computed. */
export const percent = (value: number | undefined) => (value === undefined ? "–" : `${(value * 100).toFixed(1)}%`);

/** "0.912 (146/160, 95% CI 0.86–0.95)" for a rate, "0.801 (n=160, 95% CI 0.76–0.84)" for a mean. */
export function formatDetail(detail: MetricDetail | undefined): string {
  if (!detail) return "–";
  const ci = `95% CI ${detail.low.toFixed(2)}–${detail.high.toFixed(2)}`;
  return detail.kind === "rate"
    ? `${detail.value.toFixed(3)} (${detail.count}/${detail.n}, ${ci})`
    : `${detail.value.toFixed(3)} (n=${detail.n}, ${ci})`;
}

/** Headline metrics shown first in every report. */
export const HEADLINE: RateMetric[] = ["hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10", "docHit@5", "factRecall", "forbiddenRate", "tokenF1", "citationPrecision", "noCitationRate", "refusalRecall", "falseRefusalRate", "passRate"];

/** A Markdown report that fits a CI job summary. */
