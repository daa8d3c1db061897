import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { EvalReport, GateCheck } from "./report.js";
import { LOWER_IS_BETTER, RATE_METRICS } from "./summarize.js";

const Limits = z.record(z.string(), z.number());

const CorpusThresholdsSchema = z
  .object({
    /** Minimum values (higher-is-better metrics). */
    floors: Limits.default({}),
    /** Maximum values (lower-is-better metrics). */
    ceilings: Limits.default({}),
    tags: z.record(z.string(), z.object({ floors: Limits.default({}), ceilings: Limits.default({}) }).strict()).default({}),
    /** Largest drop against the baseline that still passes, per metric (default for all). */
    tolerance: z.number().min(0).max(1).default(0.02),
    toleranceByMetric: Limits.default({}),
    /** Most cases that may go from pass (in the baseline) to fail. */
    maxFlips: z.number().int().min(0).default(3),
    /** Floors for the LLM judge's means (faithfulness, correctness); applied only when gating on the judge is asked for. */
    judgeFloors: Limits.default({}),
  })
  .strict();

export const ThresholdsSchema = z.record(z.string(), z.union([CorpusThresholdsSchema, z.string()]));
export type CorpusThresholds = z.infer<typeof CorpusThresholdsSchema>;

export const BaselineSchema = z.object({
  schemaVersion: z.literal(1),
  corpus: z.string(),
  answerer: z.string(),
  embedder: z.string(),
  summary: z.record(z.string(), z.number()),
  passing: z.array(z.string()),
});
export type Baseline = z.infer<typeof BaselineSchema>;

export async function readThresholds(file: string, corpus: string): Promise<CorpusThresholds | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = ThresholdsSchema.parse(JSON.parse(text));
  const entry = parsed[corpus];
  return typeof entry === "object" ? entry : undefined;
}

export async function readBaseline(file: string): Promise<Baseline | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  return text === undefined ? undefined : BaselineSchema.parse(JSON.parse(text));
}

export function baselineFrom(report: EvalReport): Baseline {
  const summary: Record<string, number> = {};
  for (const metric of RATE_METRICS) {
    const value = report.summary[metric];
    if (value !== undefined) summary[metric] = value;
  }
  return {
    schemaVersion: 1,
    corpus: report.corpus,
    answerer: report.answerer,
    embedder: report.embedder,
    summary,
    passing: report.cases.filter((result) => result.pass).map((result) => result.id).sort(),
  };
}

const fmt = (value: number) => value.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");

function limitChecks(scope: string, values: Partial<Record<string, number>>, floors: Record<string, number>, ceilings: Record<string, number>): GateCheck[] {
  const checks: GateCheck[] = [];
  for (const [metric, floor] of Object.entries(floors)) {
    const value = values[metric];
    const passed = value !== undefined && value >= floor;
    checks.push({
      name: `${scope}${metric} >= ${floor}`,
      passed,
      message: value === undefined ? `${scope}${metric} was not computed (floor ${floor})` : `${scope}${metric} = ${fmt(value)} ${passed ? ">=" : "is below the floor"} ${floor}${passed ? "" : ` by ${fmt(floor - value)}`}`,
    });
  }
  for (const [metric, ceiling] of Object.entries(ceilings)) {
    const value = values[metric];
    const passed = value !== undefined && value <= ceiling;
    checks.push({
      name: `${scope}${metric} <= ${ceiling}`,
      passed,
      message: value === undefined ? `${scope}${metric} was not computed (ceiling ${ceiling})` : `${scope}${metric} = ${fmt(value)} ${passed ? "<=" : "is above the ceiling"} ${ceiling}${passed ? "" : ` by ${fmt(value - ceiling)}`}`,
    });
  }
  return checks;
}

/**
 * The quality gate: floors and ceilings (overall and per tag), no metric worse than the baseline by
 * more than its tolerance, and at most `maxFlips` cases that passed in the baseline now failing.
 */
export function evaluateGate(report: EvalReport, thresholds: CorpusThresholds, baseline: Baseline | undefined): { passed: boolean; checks: GateCheck[] } {
  const checks = limitChecks("", report.summary as Partial<Record<string, number>>, thresholds.floors, thresholds.ceilings);
  for (const [tag, limits] of Object.entries(thresholds.tags)) {
    const breakdown = report.byTag[tag];
    checks.push(...limitChecks(`[${tag}] `, (breakdown?.summary ?? {}) as Partial<Record<string, number>>, limits.floors, limits.ceilings));
  }
  if (report.judge?.gated) {
    const means: Record<string, number> = { faithfulness: report.judge.faithfulness.mean, correctness: report.judge.correctness.mean };
    checks.push(...limitChecks("judge ", means, thresholds.judgeFloors, {}));
  }
  if (!baseline) {
    checks.push({ name: "baseline", passed: true, message: "no baseline yet: run with --update-baseline to record one" });
  } else if (baseline.embedder !== report.embedder) {
    // A new embedder changes every ranking: it must be looked at and accepted, never waved through.
    checks.push({
      name: "baseline embedder",
      passed: false,
      message: `the baseline was recorded with embedder ${baseline.embedder}, this run used ${report.embedder}: compare the reports, then accept the new baseline with \`npm run eval -- --corpus ${report.corpus} --update-baseline\``,
    });
  } else if (baseline.answerer !== report.answerer) {
    checks.push({
      name: "baseline",
      passed: true,
      message: `baseline was recorded with answerer ${baseline.answerer}; this run used ${report.answerer}, so it is not compared`,
    });
  } else {
    for (const [metric, before] of Object.entries(baseline.summary)) {
      const now = (report.summary as Partial<Record<string, number>>)[metric];
      if (now === undefined) continue;
      const tolerance = thresholds.toleranceByMetric[metric] ?? thresholds.tolerance;
      const worse = LOWER_IS_BETTER.has(metric) ? now - before : before - now;
      const passed = worse <= tolerance + 1e-9;
      checks.push({
        name: `baseline ${metric}`,
        passed,
        message: passed
          ? `${metric} = ${fmt(now)} (baseline ${fmt(before)})`
          : `${metric} = ${fmt(now)} is worse than the baseline ${fmt(before)} by ${fmt(worse)} (tolerance ${tolerance})`,
      });
    }
    const passingBefore = new Set(baseline.passing);
    const flipped = report.cases.filter((result) => passingBefore.has(result.id) && !result.pass).map((result) => result.id);
    checks.push({
      name: "baseline flips",
      passed: flipped.length <= thresholds.maxFlips,
      message: `${flipped.length} case(s) went from pass to fail${flipped.length ? ` (${flipped.slice(0, 10).join(", ")}${flipped.length > 10 ? ", …" : ""})` : ""}; at most ${thresholds.maxFlips} allowed`,
    });
  }
  return { passed: checks.every((check) => check.passed), checks };
}
