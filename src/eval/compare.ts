import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { BaselineSchema } from "./gate.js";
import type { EvalReport } from "./report.js";
import type { Interval } from "./statistics.js";
import { LOWER_IS_BETTER, RATE_METRICS } from "./summarize.js";

/** The earlier run a comparison starts from: an accepted baseline or a whole report.json. */
export interface ComparisonBase {
  source: string;
  kind: "baseline" | "report";
  corpus: string;
  answerer: string;
  embedder: string;
  summary: Record<string, number>;
  /** 95% intervals per metric; a baseline has none. */
  intervals: Record<string, Interval>;
  passing: string[];
  /** Every case id of the earlier run; a baseline lists only the passing ones. */
  caseIds?: string[];
}

// Only what a comparison reads from a report.json.
const ReportForComparisonSchema = z.object({
  schemaVersion: z.literal(1),
  corpus: z.string(),
  answerer: z.string(),
  embedder: z.string(),
  summary: z.record(z.string(), z.number()),
  details: z.record(z.string(), z.object({ low: z.number(), high: z.number() })),
  cases: z.array(z.object({ id: z.string(), pass: z.boolean() })),
});

/** Reads `evals/baseline/<corpus>.json` or a `report.json` as the "before" side of a comparison. */
export async function readComparisonBase(file: string): Promise<ComparisonBase> {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new ConfigError(
      `--compare: cannot read ${file} (${(error as Error).message}); pass a baseline (evals/baseline/<corpus>.json, recorded by \`npm run eval -- --corpus <corpus> --update-baseline\`) or an earlier report.json`,
    );
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`--compare: ${file} is not JSON (${(error as Error).message})`);
  }
  const isBaseline = typeof json === "object" && json !== null && "passing" in json;
  const parsed = (isBaseline ? BaselineSchema : ReportForComparisonSchema).safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(`--compare: ${file} is neither an eval baseline nor a report.json: ${z.prettifyError(parsed.error)}`);
  }
  const data = parsed.data;
  if ("passing" in data) {
    return { source: file, kind: "baseline", corpus: data.corpus, answerer: data.answerer, embedder: data.embedder, summary: data.summary, intervals: {}, passing: data.passing };
  }
  return {
    source: file,
    kind: "report",
    corpus: data.corpus,
    answerer: data.answerer,
    embedder: data.embedder,
    summary: data.summary,
    intervals: Object.fromEntries(Object.entries(data.details).map(([metric, detail]) => [metric, { low: detail.low, high: detail.high }])),
    passing: data.cases.filter((result) => result.pass).map((result) => result.id),
    caseIds: data.cases.map((result) => result.id),
  };
}

export interface MetricDelta {
  metric: string;
  before: number;
  after: number;
  delta: number;
  beforeInterval?: Interval;
  afterInterval?: Interval;
  /** 95% interval of the difference, when the after side (at least) has an interval. */
  deltaInterval?: Interval;
  /** "better"/"worse" only when the interval of the difference excludes 0; a change without any interval (latency) is not judged. */
  verdict: "better" | "worse" | "within noise" | "same" | "no interval";
}

export interface CaseFlip {
  id: string;
  question: string;
  failReasons: string[];
}

export interface Comparison {
  base: ComparisonBase;
  after: { corpus: string; answerer: string; embedder: string };
  notes: string[];
  metrics: MetricDelta[];
  passToFail: CaseFlip[];
  failToPass: CaseFlip[];
  /** Cases of this run that the earlier report did not have (unknown against a baseline). */
  added: string[];
  /** Cases of the earlier run (passing ones, for a baseline) that this run no longer has. */
  removed: string[];
}

/**
 * Interval of a difference of two estimates from each one's own interval (Newcombe's method, MOVER).
 * It treats the runs as independent; on the same cases that is conservative (wider than needed).
 */
export function differenceInterval(after: number, afterInterval: Interval, before: number, beforeInterval: Interval): Interval {
  const delta = after - before;
  return {
    low: delta - Math.hypot(after - afterInterval.low, beforeInterval.high - before),
    high: delta + Math.hypot(afterInterval.high - after, before - beforeInterval.low),
  };
}

const LATENCY_METRICS = ["latencyP50Ms", "latencyP95Ms"];

function metricDelta(metric: string, before: number, after: number, beforeInterval?: Interval, afterInterval?: Interval): MetricDelta {
  const delta = after - before;
  let deltaInterval: Interval | undefined;
  if (afterInterval && beforeInterval) deltaInterval = differenceInterval(after, afterInterval, before, beforeInterval);
  else if (afterInterval) deltaInterval = { low: afterInterval.low - before, high: afterInterval.high - before };
  const direction = LOWER_IS_BETTER.has(metric) ? -1 : 1;
  let verdict: MetricDelta["verdict"];
  if (delta === 0) verdict = "same";
  else if (!deltaInterval) verdict = "no interval";
  else if (deltaInterval.low <= 0 && deltaInterval.high >= 0) verdict = "within noise";
  else verdict = delta * direction > 0 ? "better" : "worse";
  return { metric, before, after, delta, beforeInterval, afterInterval, deltaInterval, verdict };
}

/** Compares this run with an earlier one: metric deltas with intervals, and the cases that flipped. */
export function compareRuns(base: ComparisonBase, report: EvalReport): Comparison {
  if (base.corpus !== report.corpus) {
    throw new ConfigError(`--compare: ${base.source} is for corpus "${base.corpus}", this run is "${report.corpus}"; compare runs of the same corpus`);
  }
  const notes: string[] = [];
  if (base.answerer !== report.answerer) notes.push(`The answerer changed (${base.answerer} → ${report.answerer}): the deltas include that change.`);
  if (base.embedder !== report.embedder) notes.push(`The embedder changed (${base.embedder} → ${report.embedder}): the deltas include that change.`);
  const afterSummary = report.summary as unknown as Record<string, number | undefined>;
  const metrics: MetricDelta[] = [];
  for (const metric of [...RATE_METRICS, ...LATENCY_METRICS]) {
    const before = base.summary[metric];
    const after = afterSummary[metric];
    if (before === undefined || after === undefined) continue;
    const detail = report.details[metric as keyof EvalReport["details"]];
    // Both sides' summaries are rounded the same way (4 decimals), so an unchanged metric has a delta of exactly 0.
    metrics.push(metricDelta(metric, before, after, base.intervals[metric], detail && { low: detail.low, high: detail.high }));
  }
  const passingBefore = new Set(base.passing);
  const flip = (result: EvalReport["cases"][number]): CaseFlip => ({ id: result.id, question: result.question, failReasons: result.failReasons });
  const known = base.caseIds ? new Set(base.caseIds) : undefined;
  const afterIds = new Set(report.cases.map((result) => result.id));
  return {
    base,
    after: { corpus: report.corpus, answerer: report.answerer, embedder: report.embedder },
    notes,
    metrics,
    passToFail: report.cases.filter((result) => passingBefore.has(result.id) && !result.pass).map(flip),
    failToPass: report.cases.filter((result) => result.pass && !passingBefore.has(result.id) && (!known || known.has(result.id))).map(flip),
    added: known ? report.cases.filter((result) => !known.has(result.id)).map((result) => result.id) : [],
    removed: (base.caseIds ?? base.passing).filter((id) => !afterIds.has(id)),
  };
}
