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

const percent = (value: number | undefined) => (value === undefined ? "–" : `${(value * 100).toFixed(1)}%`);

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
export function renderMarkdown(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`# Eval report: ${report.corpus}`);
  lines.push("");
  lines.push(`${report.summary.n} cases from \`${report.set}\`, k=${report.k}, answerer \`${report.answerer}\`, embedder \`${report.embedder}\`, index ${report.indexBuildId}.`);
  if (report.gate) lines.push("", `**Gate: ${report.gate.passed ? "passed" : "FAILED"}**`, "", ...report.gate.checks.filter((check) => !check.passed).map((check) => `- ✗ ${check.message}`));
  lines.push("", "| metric | value (count, 95% CI) |", "|---|---|");
  for (const metric of RATE_METRICS) if (report.details[metric]) lines.push(`| ${metric} | ${formatDetail(report.details[metric])} |`);
  const s = report.summary;
  lines.push("", `Latency (ms): retrieve p50 ${s.retrieveP50Ms} / p95 ${s.retrieveP95Ms}; answer p50 ${s.answerP50Ms} / p95 ${s.answerP95Ms}; total p50 ${s.latencyP50Ms} / p95 ${s.latencyP95Ms}.${s.tokensIn ? ` Tokens: ${s.tokensIn} in, ${s.tokensOut} out.` : ""}`);
  if (report.judge) {
    const j = report.judge;
    lines.push("", `LLM judge \`${j.model}\` (${j.gated ? "gating" : "advisory"}, ${j.repeats} repeat(s)): faithfulness ${j.faithfulness.mean} ± ${j.faithfulness.spread} (n=${j.faithfulness.n}), correctness ${j.correctness.mean} ± ${j.correctness.spread} (n=${j.correctness.n}), ${j.errors} judge error(s).`);
  }
  lines.push("", "## By tag", "", "| tag | n | hit@5 | mrr@10 | factRecall | citationPrecision | refusalRecall | falseRefusalRate | passRate |", "|---|---|---|---|---|---|---|---|---|");
  for (const [tag, breakdown] of Object.entries(report.byTag)) {
    const t = breakdown.summary;
    lines.push(`| ${tag} | ${breakdown.n} | ${percent(t["hit@5"])} | ${t["mrr@10"]?.toFixed(3) ?? "–"} | ${percent(t.factRecall)} | ${percent(t.citationPrecision)} | ${percent(t.refusalRecall)} | ${percent(t.falseRefusalRate)} | ${percent(t.passRate)} |`);
  }
  const failing = report.cases.filter((result) => !result.pass);
  lines.push("", `## Failing cases (${failing.length})`, "");
  for (const result of failing.slice(0, 40)) {
    lines.push(`- **${result.id}** (${result.tags.join(", ")}): ${result.question.replace(/\|/g, "\\|")} — ${result.failReasons.join("; ")}`);
  }
  if (failing.length > 40) lines.push(`- … and ${failing.length - 40} more (see report.html)`);
  return `${lines.join("\n")}\n`;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JUnit XML: one test case per eval case, plus one per gate check. */
export function renderJunit(report: EvalReport): string {
  const caseXml = report.cases.map((result) => {
    const name = xmlEscape(`${result.id}: ${result.question}`);
    const time = (result.timings.totalMs / 1000).toFixed(4);
    return result.pass
      ? `    <testcase classname="eval.${report.corpus}" name="${name}" time="${time}"/>`
      : `    <testcase classname="eval.${report.corpus}" name="${name}" time="${time}">\n      <failure message="${xmlEscape(result.failReasons.join("; "))}">${xmlEscape(`answer: ${result.answer}`)}</failure>\n    </testcase>`;
  });
  const checks = report.gate?.checks ?? [];
  const gateXml = checks.map((check) =>
    check.passed
      ? `    <testcase classname="gate.${report.corpus}" name="${xmlEscape(check.name)}"/>`
      : `    <testcase classname="gate.${report.corpus}" name="${xmlEscape(check.name)}">\n      <failure message="${xmlEscape(check.message)}"/>\n    </testcase>`,
  );
  const caseFailures = report.cases.filter((result) => !result.pass).length;
  const gateFailures = checks.filter((check) => !check.passed).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="eval ${xmlEscape(report.corpus)}" tests="${report.cases.length + checks.length}" failures="${caseFailures + gateFailures}">`,
    `  <testsuite name="eval.${xmlEscape(report.corpus)}.cases" tests="${report.cases.length}" failures="${caseFailures}">`,
    ...caseXml,
    "  </testsuite>",
    `  <testsuite name="eval.${xmlEscape(report.corpus)}.gate" tests="${checks.length}" failures="${gateFailures}">`,
    ...gateXml,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
