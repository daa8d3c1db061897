import type { EvalReport } from "./report.js";
import { firstHitChart, html, latencyChart, SafeHtml, tagChart } from "./report-html-charts.js";
import type { CaseResult } from "./score-case.js";
import { LOWER_IS_BETTER, type MetricDetail, RATE_METRICS } from "./summarize.js";

const CSS = `
:root{--fail:#dc2626;--pass:#059669;--muted:#6b7280;--line:#e5e7eb;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827}
body{margin:0 auto;max-width:1120px;padding:16px}
h1{font-size:1.5rem;margin:0 0 8px}h2{font-size:1.15rem;margin:28px 0 8px}h4{margin:12px 0 4px;font-size:.85rem}
code{font-size:.9em}.muted,small{color:var(--muted)}[hidden]{display:none!important}
.meta{display:flex;flex-wrap:wrap;gap:6px 28px;margin:0}
.meta dt{color:var(--muted);font-size:.8rem}.meta dd{margin:0;overflow-wrap:anywhere}
.gate{margin:14px 0;padding:10px 14px;border-radius:6px;border:2px solid}.gate ul{margin:6px 0 0;padding-left:20px}
.gate.pass{background:#ecfdf5;border-color:var(--pass)}.gate.fail{background:#fef2f2;border-color:var(--fail)}.gate strong{font-size:1.1rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}table.compact{width:auto;min-width:min(100%,420px)}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{font-size:.8rem;color:var(--muted);font-weight:600}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.ci{position:relative;display:inline-block;width:110px;height:10px;background:#f3f4f6;border-radius:5px;vertical-align:middle;margin-left:8px}
.ci i{position:absolute;top:0;height:10px;background:#bfdbfe;border-radius:5px}.ci b{position:absolute;top:-1px;width:3px;height:12px;background:#1d4ed8}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));gap:20px}figure{margin:0}figcaption{font-weight:600}
.chart{width:100%;height:auto;font-size:11px}.chart text{fill:#374151}.chart .grid{stroke:var(--line)}.chart .axis{stroke:#9ca3af}
.chart .marker{stroke:#111827;stroke-dasharray:4 3}.chart .axis-title{font-size:12px;fill:var(--muted)}.chart .value{font-size:10px}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:8px}.filters input{flex:1 1 220px}input,select{font:inherit;padding:4px 6px}
.row{display:grid;grid-template-columns:7rem 9rem 3.5rem minmax(0,1fr) 4rem 3.5rem 3.5rem 4.5rem;gap:8px;padding:6px 8px;align-items:baseline;border-bottom:1px solid var(--line);border-left:4px solid transparent}
.head{font-size:.8rem;color:var(--muted);font-weight:600}summary.row{cursor:pointer;list-style:none}summary.row::-webkit-details-marker{display:none}
summary.row:hover,.case[open]>summary{background:#f9fafb}.case.fail>summary{border-left-color:var(--fail);background:#fffafa}
.q{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.row>span{min-width:0;overflow-wrap:anywhere}
.badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:.75rem;font-weight:700;color:#fff}.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}
.tag,.chip{display:inline-block;border-radius:4px;padding:0 5px;margin:0 3px 3px 0;font-size:.75rem;background:#eef2ff;color:#3730a3}
.chip.ok{background:#d1fae5;color:#065f46}.chip.bad{background:#fee2e2;color:#991b1b}
.drill{padding:4px 12px 16px 16px;border-bottom:1px solid var(--line);border-left:4px solid var(--line)}.drill .question{font-weight:600;margin:8px 0}
.answer{white-space:pre-wrap;background:#f3f4f6;padding:8px;border-radius:4px;margin:0;font:inherit}
.reasons{color:var(--fail);font-weight:600;margin:6px 0;padding-left:20px}.warnings{color:#92400e;margin:6px 0;padding-left:20px}tr.gold td{background:#ecfdf5}
@media (max-width:700px){body{padding:10px}.head{display:none}.row{grid-template-columns:1fr 1fr}.row .q{grid-column:1/-1;white-space:normal}
.row>span[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.75rem}.ci{display:none}}
`;

// Filters hide rows in place; the page stays fully readable without JavaScript.
const SCRIPT = `
(() => {
  const text = document.getElementById("filter-text"), tag = document.getElementById("filter-tag"), status = document.getElementById("filter-status");
  const count = document.getElementById("filter-count"), rows = Array.from(document.querySelectorAll("details.case"));
  const haystacks = rows.map((row) => row.textContent.toLowerCase());
  const apply = () => {
    const needle = text.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach((row, index) => {
      const visible = (!needle || haystacks[index].includes(needle)) && (!tag.value || JSON.parse(row.dataset.tags).includes(tag.value)) && (!status.value || row.dataset.status === status.value);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " cases shown";
  };
  for (const input of [text, tag, status]) input.addEventListener("input", apply);
  apply();
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.tagName === "DETAILS") target.open = true;
})();
`;

const dash = html`<span class="muted">–</span>`;
const percent = (value: number | null | undefined) => (value === null || value === undefined ? dash : `${(value * 100).toFixed(0)}%`);
const milliseconds = (value: number) => (value >= 100 ? String(Math.round(value)) : value.toFixed(1));
const yesNo = (value: boolean) => (value ? "yes" : "no");

function header(report: EvalReport): SafeHtml {
  const meta: Array<[string, string | SafeHtml]> = [
    ["corpus", report.corpus], ["cases", String(report.summary.n)], ["eval set", report.asUnanswerable ? html`<code>${report.set}</code>, every case read as unanswerable` : html`<code>${report.set}</code>`], ["k", String(report.k)],
    ["answerer", report.answerer], ["embedder", report.embedder], ["index build", html`<code>${report.indexBuildId}</code>`], ["generated", report.generatedAt],
  ];
  const gate = report.gate;
  const failed = gate?.checks.filter((check) => !check.passed) ?? [];
  const banner = !gate ? "" : gate.passed
    ? html`<div class="gate pass" role="status"><strong>✓ Gate passed</strong> <small>${gate.checks.length} checks</small></div>`
    : html`<div class="gate fail" role="alert"><strong>✗ Gate FAILED</strong> <small>${failed.length} of ${gate.checks.length} checks failed</small><ul>${failed.map((check) => html`<li><code>${check.name}</code>: ${check.message}</li>`)}</ul></div>`;
  return html`<header><h1>Eval report: ${report.corpus}</h1><dl class="meta">${meta.map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`)}</dl>${banner}</header>`;
}

function intervalBar(detail: MetricDetail): SafeHtml {
  const at = (value: number) => `${(Math.min(1, Math.max(0, value)) * 100).toFixed(1)}%`;
  const width = `${(Math.max(0, Math.min(1, detail.high) - Math.max(0, detail.low)) * 100).toFixed(1)}%`;
  return html`<span class="ci" aria-hidden="true"><i style="left:${at(detail.low)};width:${width}"></i><b style="left:calc(${at(detail.value)} - 1px)"></b></span>`;
}

function metricsSection(report: EvalReport): SafeHtml {
  const rows = RATE_METRICS.flatMap((metric) => {
    const detail = report.details[metric];
    if (!detail) return [];
    const direction = LOWER_IS_BETTER.has(metric) ? html` <small title="lower is better">↓ better</small>` : "";
    const basis = detail.kind === "rate" ? `${detail.count}/${detail.n}` : `mean of ${detail.n}`;
    return [html`<tr><td><code>${metric}</code>${direction}</td><td class="num">${detail.value.toFixed(3)}</td><td class="num">${basis}</td><td class="num">${detail.low.toFixed(2)}–${detail.high.toFixed(2)}${intervalBar(detail)}</td></tr>`];
  });
  const s = report.summary;
  const latency = ([["retrieve", s.retrieveP50Ms, s.retrieveP95Ms], ["answer", s.answerP50Ms, s.answerP95Ms], ["total", s.latencyP50Ms, s.latencyP95Ms]] as const)
    .map(([stage, p50, p95]) => html`<tr><td>${stage}</td><td class="num">${p50}</td><td class="num">${p95}</td></tr>`);
  const tokens = s.tokensIn || s.tokensOut ? html`<p>Tokens: ${s.tokensIn} in, ${s.tokensOut} out.</p>` : "";
  return html`<section><h2>Metrics</h2><div class="scroll"><table><thead><tr><th>metric</th><th>value</th><th>count / n</th><th>95% interval</th></tr></thead><tbody>${rows}</tbody></table></div>
<h2>Latency (ms)</h2><div class="scroll"><table class="compact"><thead><tr><th>stage</th><th>p50</th><th>p95</th></tr></thead><tbody>${latency}</tbody></table></div>${tokens}</section>`;
}

function chartsSection(report: EvalReport): SafeHtml {
  const figure = (caption: string, chart: SafeHtml) => html`<figure><figcaption>${caption}</figcaption>${chart}</figure>`;
  return html`<section><h2>Charts</h2><div class="charts">
${figure("By tag", tagChart(report.byTag))}
${figure(`First gold hit rank (k=${report.k})`, firstHitChart(report.firstHitRanks))}
${figure("Latency distribution", latencyChart(report.cases.map((result) => result.timings.totalMs), report.summary.latencyP50Ms, report.summary.latencyP95Ms))}
</div></section>`;
}

const chips = (items: string[], kind: "ok" | "bad") => (items.length ? items.map((item) => html`<span class="chip ${kind}">${item}</span>`) : dash);
const list = (items: string[], className: string) => (items.length ? html`<ul class="${className}">${items.map((item) => html`<li>${item}</li>`)}</ul>` : "");

function drilldown(result: CaseResult): SafeHtml {
  const citations = result.citations.length
    ? html`<div class="scroll"><table><thead><tr><th>n</th><th>doc</th><th>chunk</th><th>valid</th><th>holds gold</th></tr></thead><tbody>${result.citations.map(
        (citation) => html`<tr><td>[${citation.n}]</td><td>${citation.docId}</td><td><code>${citation.chunkId}</code></td><td>${yesNo(citation.valid)}</td><td>${yesNo(citation.holdsGold)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">No citations.</p>`;
  const retrieved = html`<div class="scroll"><table><thead><tr><th>rank</th><th>doc</th><th>section</th><th>score</th><th>gold quotes</th><th>gold doc</th></tr></thead><tbody>${result.retrieved.map(
    (chunk) => html`<tr class="${chunk.goldQuotes.length ? "gold" : ""}"><td>${chunk.rank}</td><td>${chunk.docId}</td><td>${chunk.section}</td><td class="num">${chunk.score.toFixed(3)}</td><td>${chunk.goldQuotes.length ? chunk.goldQuotes.map((index) => `#${index}`).join(", ") : dash}</td><td>${chunk.goldDoc ? "yes" : dash}</td></tr>`,
  )}</tbody></table></div>`;
  const ranks = result.retrieval
    ? ` · hit@5 ${result.retrieval.quote["hit@5"]}, mrr@10 ${result.retrieval.quote["mrr@10"].toFixed(3)}, doc hit@5 ${result.retrieval.document["hit@5"]}`
    : "";
  const usage = result.usage ? ` · tokens ${result.usage.inputTokens} in / ${result.usage.outputTokens} out` : "";
  return html`<div class="drill"><p class="question">${result.question}</p>${list(result.failReasons, "reasons")}
<h4>Answer <small>${result.usedAnswerer}, support ${result.support.toFixed(3)}${result.refused ? ", refused" : ""}</small></h4><pre class="answer">${result.answer || "(empty)"}</pre>
<h4>Facts</h4><p>matched ${chips(result.factsMatched, "ok")} · missed ${chips(result.factsMissed, "bad")} · forbidden found (of ${result.forbiddenChecked}) ${chips(result.forbiddenFound, "bad")}</p>
<h4>Citations</h4>${citations}<h4>Retrieved chunks</h4>${retrieved}
${result.warnings.length ? html`<h4>Warnings</h4>${list(result.warnings, "warnings")}` : ""}
<h4>Timings</h4><p>retrieve ${milliseconds(result.timings.retrieveMs)} ms · answer ${milliseconds(result.timings.answerMs)} ms · total ${milliseconds(result.timings.totalMs)} ms${usage}${result.tokenF1 === null ? "" : ` · tokenF1 ${result.tokenF1.toFixed(3)}`}${ranks}</p></div>`;
}

function caseRow(result: CaseResult): SafeHtml {
  const status = result.pass ? "pass" : "fail";
  const firstHit = result.retrieval ? (result.retrieval.quote.firstHitRank ?? "miss") : dash;
  return html`<details class="case ${status}" id="case-${result.id}" data-status="${status}" data-tags="${JSON.stringify(result.tags)}"><summary class="row">
<span><code>${result.id}</code></span><span>${result.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</span><span><span class="badge ${status}">${result.pass ? "pass" : "FAIL"}</span></span>
<span class="q" title="${result.question}">${result.question}</span><span class="num" data-label="facts">${percent(result.factRecall)}</span><span class="num" data-label="1st hit">${firstHit}</span>
<span data-label="refused">${yesNo(result.refused)}</span><span class="num" data-label="ms">${milliseconds(result.timings.totalMs)}</span></summary>${drilldown(result)}</details>`;
}

function casesSection(report: EvalReport): SafeHtml {
  const tags = [...new Set(report.cases.flatMap((result) => result.tags))].sort();
  const failing = report.cases.filter((result) => !result.pass).length;
  return html`<section><h2>Cases <small>${failing} of ${report.cases.length} failing</small></h2>
<div class="filters"><input id="filter-text" type="search" placeholder="Search id, question, answer…" aria-label="Search cases">
<select id="filter-tag" aria-label="Filter by tag"><option value="">all tags</option>${tags.map((tag) => html`<option value="${tag}">${tag}</option>`)}</select>
<select id="filter-status" aria-label="Filter by result"><option value="">pass and fail</option><option value="fail">failing only</option><option value="pass">passing only</option></select>
<small id="filter-count" aria-live="polite"></small></div>
<div class="row head"><span>id</span><span>tags</span><span>result</span><span>question</span><span>facts</span><span>1st hit</span><span>refused</span><span>total ms</span></div>
${report.cases.map(caseRow)}</section>`;
}

/** One self-contained HTML page (inline CSS, SVG and script; no network) for an eval report. */
export function renderHtml(report: EvalReport): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Eval report: ${report.corpus}${report.gate && !report.gate.passed ? " (gate FAILED)" : ""}</title><style>${new SafeHtml(CSS)}</style></head>
<body>${header(report)}${metricsSection(report)}${chartsSection(report)}${casesSection(report)}
<script>${new SafeHtml(SCRIPT)}</script></body></html>
`.text;
}
