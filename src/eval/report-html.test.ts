import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildReport, type EvalReport } from "./report.js";
import { html } from "./report-html-charts.js";
import { renderHtml } from "./report-html.js";
import type { CaseResult, LevelMetrics } from "./score-case.js";

const level = (firstHitRank: number | null): LevelMetrics => ({
  firstHitRank,
  "hit@1": firstHitRank === 1 ? 1 : 0,
  "hit@5": firstHitRank !== null && firstHitRank <= 5 ? 1 : 0,
  "hit@10": firstHitRank !== null ? 1 : 0,
  recallAtK: firstHitRank !== null ? 1 : 0,
  "mrr@10": firstHitRank !== null ? 1 / firstHitRank : 0,
  "ndcg@10": firstHitRank !== null ? 1 : 0,
});

const chunk = (rank: number, docId: string, goldQuotes: number[]) => ({ rank, chunkId: `${docId}#${rank}`, docId, section: `Section ${rank}`, score: 1 - rank / 10, goldQuotes, goldDoc: goldQuotes.length > 0 });

const base = { usedAnswerer: "extractive", support: 0.8, forbiddenChecked: 0, forbiddenFound: [], tokenF1: null, warnings: [], failReasons: [], unsupportedSentences: 0 };

const cases: CaseResult[] = [
  {
    ...base, id: "q-ok", question: "What is the annual fee?", tags: ["fees"], answerable: true, answer: "The annual fee is $95 [1].", refused: false,
    retrieved: [chunk(1, "card-terms", [0]), chunk(2, "faq", [])], citations: [{ n: 1, chunkId: "card-terms#1", docId: "card-terms", valid: true, holdsGold: true }],
    retrieval: { quote: level(1), document: level(1) }, factsMatched: ["$95"], factsMissed: [], factRecall: 1, timings: { retrieveMs: 12, answerMs: 30, totalMs: 42 }, pass: true,
  },
  {
    ...base, id: "q-xss", question: `Does <script>alert(1)</script> & "fees" apply?`, tags: ["fees", "tricky"], answerable: true,
    answer: "It says </script><!-- and <b>bold</b> [2].", refused: false, retrieved: [chunk(1, "faq", []), chunk(2, "faq", []), chunk(3, "card-terms", [0])],
    citations: [{ n: 2, chunkId: "faq#2", docId: "faq", valid: true, holdsGold: false }], retrieval: { quote: level(3), document: level(3) },
    factsMatched: [], factsMissed: ["late fee <$40>"], factRecall: 0, timings: { retrieveMs: 20, answerMs: 400, totalMs: 420 },
    warnings: ["answer cites a chunk without gold evidence"], pass: false, failReasons: ["missing facts: late fee <$40>"],
  },
  {
    ...base, id: "q-none", question: "Who will win the election?", tags: ["unanswerable"], answerable: false, answer: "I don't know.", refused: true,
    retrieved: [chunk(1, "faq", [])], citations: [], retrieval: null, factsMatched: [], factsMissed: [], factRecall: null, timings: { retrieveMs: 10, answerMs: 1, totalMs: 11 }, pass: true,
  },
];

const meta = { corpus: "finance", set: "evals/finance.jsonl", k: 5, answerer: "extractive", embedder: "local-lsa", indexBuildId: "build-abc123", generatedAt: "2026-01-02T03:04:05.000Z" };

function fixture(): EvalReport {
  return {
    ...buildReport(meta, cases),
    gate: {
      passed: false,
      checks: [
        { name: "hit@5", passed: true, message: "hit@5 1.000 >= 0.80" },
        { name: "passRate", passed: false, message: "passRate 0.667 < floor 0.90" },
      ],
    },
  };
}

/** The markup of the element with this id up to its closing tag (no nesting of the same tag inside). */
function element(page: string, tag: string, id: string): string {
  const start = page.search(new RegExp(`<${tag}[^>]*(id|aria-labelledby)="${id}`));
  expect(start).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf(`</${tag}>`, start) + tag.length + 3);
}

describe("renderHtml", () => {
  const page = renderHtml(fixture());

  it("loads nothing from the network", () => {
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/<link|@import|url\(/i);
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it("escapes report text and never emits it raw", () => {
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("Does &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;fees&quot; apply?");
    expect(page).toContain("It says &lt;/script&gt;&lt;!-- and &lt;b&gt;bold&lt;/b&gt; [2].");
    expect(page).not.toContain("<!--");
    expect(page.match(/<\/script/gi)).toHaveLength(1);
    expect(page).toContain('<span class="chip bad">late fee &lt;$40&gt;</span>');
  });

  it("shows the header and a FAILED gate banner with only the failing check", () => {
    expect(page).toContain("<title>Eval report: finance (gate FAILED)</title>");
    const start = page.indexOf('<div class="gate fail" role="alert">');
    const banner = page.slice(start, page.indexOf("</div>", start));
    expect(start).toBeGreaterThan(0);
    expect(banner).toContain("✗ Gate FAILED");
    expect(banner).toContain("1 of 2 checks failed");
    expect(banner).toContain("<li><code>passRate</code>: passRate 0.667 &lt; floor 0.90</li>");
    expect(banner).not.toContain("hit@5 1.000");
    for (const value of ["build-abc123", "local-lsa", "evals/finance.jsonl", "2026-01-02T03:04:05.000Z"]) expect(page).toContain(value);
  });

  it("lists rate metrics with count/n and interval, and latency percentiles", () => {
    expect(page).toMatch(/<tr><td><code>passRate<\/code><\/td><td class="num">0\.667<\/td><td class="num">2\/3<\/td><td class="num">0\.\d\d–0\.\d\d<span class="ci"/);
    expect(page).toContain('<td><code>hit@5</code></td><td class="num">1.000</td><td class="num">2/2</td>');
    expect(page).toContain('<td><code>factRecall</code></td><td class="num">0.500</td><td class="num">mean of 2</td>');
    expect(page).toContain('<code>falseRefusalRate</code> <small title="lower is better">');
    expect(page).not.toContain("<code>forbiddenRate</code>"); // no case defines forbidden facts
    expect(page).toContain('<tr><td>total</td><td class="num">42</td>');
  });

  it("draws three labelled SVG charts", () => {
    expect(page.match(/<svg/g)).toHaveLength(3);
    const tags = element(page, "svg", "chart-tags");
    expect(tags).toContain('<title id="chart-tags-title">Metrics by tag</title>');
    for (const label of [">fees (2)</text>", ">tricky (1)</text>", ">unanswerable (1)</text>", ">refusalRecall</text>", ">passRate</text>"]) expect(tags).toContain(label);
    expect(tags).toContain("<title>unanswerable (1) · refusalRecall: 100%</title>");
    expect(tags).toContain("<title>fees (2) · passRate: 50%</title>");
    const firstHit = element(page, "svg", "chart-first-hit");
    expect(firstHit).toContain("<title>1 · cases: 1</title>");
    expect(firstHit).toContain("<title>3 · cases: 1</title>");
    expect(firstHit).toContain("<title>miss · cases: 0</title>");
    const latency = element(page, "svg", "chart-latency");
    expect(latency).toContain("3 cases in bins of 100 ms");
    expect(latency).toContain("<title>0–100 · cases: 2</title>");
    expect(latency).toContain("<title>400–500 · cases: 1</title>");
  });

  it("marks the failing case and shows its drilldown", () => {
    expect(page).toContain('<details class="case fail" id="case-q-xss" data-status="fail" data-tags="[&quot;fees&quot;,&quot;tricky&quot;]">');
    expect(page).toContain('<details class="case pass" id="case-q-ok"');
    expect(page).toContain('<span class="badge fail">FAIL</span>');
    expect(page).toContain('<ul class="reasons"><li>missing facts: late fee &lt;$40&gt;</li></ul>');
    expect(page).toContain("<li>answer cites a chunk without gold evidence</li>");
    expect(page).toContain('<tr class="gold"><td>3</td><td>card-terms</td><td>Section 3</td><td class="num">0.700</td><td>#0</td><td>yes</td></tr>');
    expect(page).toContain("<tr><td>[2]</td><td>faq</td><td><code>faq#2</code></td><td>yes</td><td>no</td></tr>");
    expect(page).toContain('<option value="tricky">tricky</option>');
  });

  it("renders a passing gate, no gate and an empty report", () => {
    const passed = renderHtml({ ...fixture(), gate: { passed: true, checks: [{ name: "hit@5", passed: true, message: "ok" }] } });
    expect(passed).toContain("✓ Gate passed");
    expect(passed).not.toContain("FAILED");
    expect(renderHtml({ ...fixture(), gate: undefined })).not.toContain('class="gate');
    const empty = renderHtml(buildReport(meta, []));
    expect(empty.match(/<svg/g)).toHaveLength(3);
    expect(empty.match(/>No data</g)).toHaveLength(2); // by tag and latency; first-hit still has bins 1..k
  });
});

describe("html", () => {
  it("escapes interpolations but not nested html", () => {
    expect(html`<p title="${`"'<&>`}">${html`<b>${"<i>"}</b>`}${[1, null, false]}</p>`.text).toBe('<p title="&quot;&#39;&lt;&amp;&gt;"><b>&lt;i&gt;</b>1</p>');
  });
});

const browser = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

describe.skipIf(!existsSync(browser))("renderHtml in a browser", () => {
  it("filters cases by text, tag and result, and runs no injected script", async () => {
    const file = resolve(".tmp/report-html-test.html");
    mkdirSync(".tmp", { recursive: true });
    writeFileSync(file, renderHtml(fixture()));
    const instance = await chromium.launch({ executablePath: browser, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const tab = await instance.newPage();
      const dialogs: string[] = [];
      tab.on("dialog", (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
      await tab.goto(pathToFileURL(file).href);
      const visible = () => tab.$$eval("details.case:not([hidden])", (rows) => rows.map((row) => row.id));
      expect(await visible()).toEqual(["case-q-ok", "case-q-xss", "case-q-none"]);
      expect(await tab.textContent("#filter-count")).toBe("3 of 3 cases shown");
      await tab.selectOption("#filter-status", "fail");
      expect(await visible()).toEqual(["case-q-xss"]);
      await tab.selectOption("#filter-status", "");
      await tab.selectOption("#filter-tag", "fees");
      expect(await visible()).toEqual(["case-q-ok", "case-q-xss"]);
      await tab.fill("#filter-text", "annual");
      expect(await visible()).toEqual(["case-q-ok"]);
      await tab.fill("#filter-text", "");
      await tab.click("#case-q-xss > summary");
      expect(await tab.isVisible("#case-q-xss .reasons")).toBe(true);
      expect(dialogs).toEqual([]);
    } finally {
      await instance.close();
    }
  });
});
