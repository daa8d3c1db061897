import { type EvalReport, formatDetail, HEADLINE, percent } from "./report.js";
import { RATE_METRICS } from "./summarize.js";

export function renderMarkdown(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`# Eval report: ${report.corpus}`);
  lines.push("");
  lines.push(`${report.summary.n} cases from \`${report.set}\`, k=${report.k}, answerer \`${report.answerer}\`, embedder \`${report.embedder}\`, index ${report.indexBuildId}.`);
  if (report.asUnanswerable) lines.push("", "Every case read as unanswerable (`--as-unanswerable`): refusalRecall is the share of these questions refused.");
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
