import type { CaseResult, LevelMetrics } from "./score-case.js";
import { bootstrapMeanInterval, mean, percentile, wilsonInterval } from "./statistics.js";

/** One metric with what it rests on: value, how many cases (or items) it was computed on, and a 95% interval. */
export interface MetricDetail {
  value: number;
  /** Successes for a rate; the sum of per-case values for a mean. */
  count: number;
  n: number;
  low: number;
  high: number;
  kind: "rate" | "mean";
}

function rate(values: number[]): MetricDetail {
  const successes = values.filter((value) => value === 1).length;
  const interval = wilsonInterval(successes, values.length);
  return { value: values.length ? successes / values.length : 0, count: successes, n: values.length, ...interval, kind: "rate" };
}

function averaged(values: number[]): MetricDetail {
  const interval = bootstrapMeanInterval(values);
  const sum = values.reduce((total, value) => total + value, 0);
  return { value: mean(values), count: Math.round(sum * 1000) / 1000, n: values.length, ...interval, kind: "mean" };
}

/** Metric names in the order reports show them; the `summary` of report.json has these keys. */
export const RATE_METRICS = [
  "hit@1", "hit@5", "hit@10", "recall@k", "mrr@10", "ndcg@10",
  "docHit@1", "docHit@5", "docHit@10", "docRecall@k", "docMrr@10", "docNdcg@10",
  "factRecall", "forbiddenRate", "tokenF1",
  "citationValidity", "citationPrecision", "noCitationRate",
  "refusalRecall", "falseRefusalRate", "passRate",
  "unsupportedSentences",
] as const;

export type RateMetric = (typeof RATE_METRICS)[number];

/** Metrics where lower is better (the gate reads their floors as ceilings). */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set(["forbiddenRate", "noCitationRate", "falseRefusalRate", "unsupportedSentences", "latencyP50Ms", "latencyP95Ms"]);

export function computeDetails(cases: CaseResult[]): Partial<Record<RateMetric, MetricDetail>> {
  const answerable = cases.filter((result) => result.answerable && result.retrieval);
  const level = (pick: (result: CaseResult) => LevelMetrics, key: keyof LevelMetrics) =>
    answerable.map((result) => Number(pick(result)[key] ?? 0));
  const details: Partial<Record<RateMetric, MetricDetail>> = {};
  const put = (name: RateMetric, detail: MetricDetail) => {
    if (detail.n > 0) details[name] = detail;
  };
  // The same ranking metrics at quote level (a chunk holds a gold quote) and document level (doc*).
  const levels = [
    { pick: (result: CaseResult) => result.retrieval!.quote, name: (metric: string) => metric },
    { pick: (result: CaseResult) => result.retrieval!.document, name: (metric: string) => `doc${metric[0]!.toUpperCase()}${metric.slice(1)}` },
  ];
  for (const { pick, name } of levels) {
    for (const key of ["hit@1", "hit@5", "hit@10"] as const) put(name(key) as RateMetric, rate(level(pick, key)));
    put(name("recall@k") as RateMetric, averaged(level(pick, "recallAtK")));
    for (const key of ["mrr@10", "ndcg@10"] as const) put(name(key) as RateMetric, averaged(level(pick, key)));
  }
  put("factRecall", averaged(cases.flatMap((result) => (result.factRecall === null ? [] : [result.factRecall]))));
  put("forbiddenRate", rate(cases.filter((result) => result.forbiddenChecked > 0 && !result.refused).map((result) => (result.forbiddenFound.length > 0 ? 1 : 0))));
  put("tokenF1", averaged(cases.flatMap((result) => (result.tokenF1 === null ? [] : [result.tokenF1]))));
  const allCitations = cases.flatMap((result) => result.citations);
  put("citationValidity", rate(allCitations.map((citation) => (citation.valid ? 1 : 0))));
  put("citationPrecision", rate(cases.filter((result) => result.answerable && !result.refused).flatMap((result) => result.citations.map((citation) => (citation.holdsGold ? 1 : 0)))));
  put("noCitationRate", rate(cases.filter((result) => !result.refused).map((result) => (result.citations.length === 0 ? 1 : 0))));
  put("refusalRecall", rate(cases.filter((result) => !result.answerable).map((result) => (result.refused ? 1 : 0))));
  put("falseRefusalRate", rate(cases.filter((result) => result.answerable).map((result) => (result.refused ? 1 : 0))));
  put("passRate", rate(cases.map((result) => (result.pass ? 1 : 0))));
  // Mean unsupported sentences per answer (refusals aside): the grounding check over the whole run.
  put("unsupportedSentences", averaged(cases.filter((result) => !result.refused).map((result) => result.unsupportedSentences ?? 0)));
  return details;
}

export interface LatencySummary {
  retrieveP50Ms: number;
  retrieveP95Ms: number;
  answerP50Ms: number;
  answerP95Ms: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

export function latencySummary(cases: CaseResult[]): LatencySummary {
  const pick = (key: keyof CaseResult["timings"]) => cases.map((result) => result.timings[key]);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    retrieveP50Ms: round(percentile(pick("retrieveMs"), 50)),
    retrieveP95Ms: round(percentile(pick("retrieveMs"), 95)),
    answerP50Ms: round(percentile(pick("answerMs"), 50)),
    answerP95Ms: round(percentile(pick("answerMs"), 95)),
    latencyP50Ms: round(percentile(pick("totalMs"), 50)),
    latencyP95Ms: round(percentile(pick("totalMs"), 95)),
  };
}
