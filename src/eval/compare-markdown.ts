import type { CaseFlip, Comparison, MetricDelta } from "./compare.js";
import type { Interval } from "./statistics.js";

const MAX_LISTED = 30;

const isLatency = (metric: string) => metric.endsWith("Ms");
const value = (metric: string, number: number) => number.toFixed(isLatency(metric) ? 2 : 3);
const signed = (metric: string, number: number) => {
  const digits = isLatency(metric) ? 2 : 4;
  // Round first, so that -0.00001 reads "+0.0000", not "−0.0000".
  const rounded = Number(number.toFixed(digits));
  return `${rounded < 0 ? "−" : "+"}${Math.abs(rounded).toFixed(digits)}`;
};
const withInterval = (metric: string, number: number, interval?: Interval) =>
  interval ? `${value(metric, number)} (${value(metric, interval.low)}–${value(metric, interval.high)})` : value(metric, number);

const VERDICT: Record<MetricDelta["verdict"], string> = { better: "▲ better", worse: "▼ worse", "within noise": "≈ noise", same: "=", "no interval": "" };

function metricRow(row: MetricDelta): string {
  const deltaInterval = row.deltaInterval ? `${signed(row.metric, row.deltaInterval.low)} to ${signed(row.metric, row.deltaInterval.high)}` : "–";
  return `| ${row.metric} | ${withInterval(row.metric, row.before, row.beforeInterval)} | ${withInterval(row.metric, row.after, row.afterInterval)} | ${signed(row.metric, row.delta)} | ${deltaInterval} | ${VERDICT[row.verdict]} |`;
}

function caseList(title: string, cases: CaseFlip[]): string[] {
  if (cases.length === 0) return [];
  const lines = ["", `### ${title} (${cases.length})`, ""];
  for (const flip of cases.slice(0, MAX_LISTED)) {
    const reasons = flip.failReasons.length ? ` — ${flip.failReasons.join("; ")}` : "";
    lines.push(`- \`${flip.id}\` ${flip.question.replace(/\s+/g, " ")}${reasons}`);
  }
  if (cases.length > MAX_LISTED) lines.push(`- … and ${cases.length - MAX_LISTED} more (see report.json)`);
  return lines;
}

const count = (metrics: MetricDelta[], verdict: MetricDelta["verdict"]) => metrics.filter((row) => row.verdict === verdict).length;

/** compare.md: metric deltas with 95% intervals and the cases that flipped, sized for a pull-request comment. */
export function renderComparison(comparison: Comparison): string {
  const { base, metrics } = comparison;
  const fromBaseline = base.kind === "baseline";
  const lines = [
    `## Eval comparison: ${comparison.after.corpus}`,
    "",
    `Before: \`${base.source}\` (${base.kind}). After: this run (answerer \`${comparison.after.answerer}\`, embedder \`${comparison.after.embedder}\`).`,
    ...comparison.notes.map((note) => `\n> ${note}`),
    "",
    `**${count(metrics, "better")} better, ${count(metrics, "worse")} worse, ${count(metrics, "within noise")} within noise, ${count(metrics, "same")} unchanged; ` +
      `${comparison.passToFail.length} case(s) went from pass to fail, ${comparison.failToPass.length} from fail to pass.**`,
    "",
    "| metric | before | after | Δ | Δ 95% interval | |",
    "|---|---|---|---|---|---|",
    ...metrics.map(metricRow),
    "",
    fromBaseline
      ? "Values in brackets are 95% intervals. A baseline keeps no intervals, so Δ's interval is this run's interval minus the baseline value. Better or worse means the interval of Δ excludes 0."
      : "Values in brackets are 95% intervals. Δ's interval combines both runs' intervals as if the runs were independent (Newcombe), which is conservative for runs over the same cases. Better or worse means it excludes 0. Latencies have no interval and depend on the machine.",
    ...caseList("Pass → fail", comparison.passToFail),
    ...caseList(fromBaseline ? "Fail → pass (or added since the baseline)" : "Fail → pass", comparison.failToPass),
  ];
  if (comparison.added.length) lines.push("", `Added since the earlier run: ${comparison.added.map((id) => `\`${id}\``).join(", ")}.`);
  if (comparison.removed.length) lines.push("", `No longer in the eval set: ${comparison.removed.map((id) => `\`${id}\``).join(", ")}.`);
  return `${lines.join("\n")}\n`;
}
