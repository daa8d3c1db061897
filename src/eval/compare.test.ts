import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComparisonBase, compareRuns, differenceInterval, readComparisonBase } from "./compare.js";
import { renderComparison } from "./compare-markdown.js";
import type { EvalReport } from "./report.js";

const caseResult = (id: string, pass: boolean) => ({ id, pass, question: `Question ${id}?`, failReasons: pass ? [] : [`reason ${id}`] });

/** A report with hit@5 and falseRefusalRate (with intervals) and latency (without). */
function report(cases: Array<[string, boolean]>, hit5 = 0.8, falseRefusalRate = 0.1): EvalReport {
  return {
    schemaVersion: 1,
    corpus: "mini",
    answerer: "extractive",
    embedder: "e1",
    summary: { n: cases.length, "hit@5": hit5, falseRefusalRate, latencyP50Ms: 4 },
    details: {
      "hit@5": { value: hit5, count: 0, n: 100, low: hit5 - 0.05, high: hit5 + 0.05, kind: "rate" },
      falseRefusalRate: { value: falseRefusalRate, count: 0, n: 100, low: falseRefusalRate - 0.05, high: falseRefusalRate + 0.05, kind: "rate" },
    },
    cases: cases.map(([id, pass]) => caseResult(id, pass)),
  } as unknown as EvalReport;
}

const baseline = (summary: Record<string, number>, passing: string[]): ComparisonBase => ({
  source: "evals/baseline/mini.json",
  kind: "baseline",
  corpus: "mini",
  answerer: "extractive",
  embedder: "e1",
  summary,
  intervals: {},
  passing,
});

describe("differenceInterval", () => {
  it("combines both intervals' half-widths on each side (Newcombe)", () => {
    const interval = differenceInterval(0.8, { low: 0.77, high: 0.84 }, 0.7, { low: 0.66, high: 0.73 });
    expect(interval.low).toBeCloseTo(0.1 - Math.hypot(0.03, 0.03), 12);
    expect(interval.high).toBeCloseTo(0.1 + Math.hypot(0.04, 0.04), 12);
  });
});

describe("compareRuns", () => {
  it("against a baseline: this run's interval minus the baseline value decides better, worse or noise", () => {
    const comparison = compareRuns(baseline({ "hit@5": 0.7, falseRefusalRate: 0.12, passRate: 0.5 }, ["a", "b"]), report([["a", true], ["b", false], ["c", true]]));
    expect(comparison.metrics.map((row) => [row.metric, row.verdict])).toEqual([
      ["hit@5", "better"], // 0.8 (0.75–0.85) against 0.7
      ["falseRefusalRate", "within noise"], // 0.1 (0.05–0.15) against 0.12
    ]);
    expect(comparison.metrics[0]!.deltaInterval!.low).toBeCloseTo(0.05, 12);
    expect(comparison.passToFail.map((flip) => flip.id)).toEqual(["b"]);
    // A baseline lists only passing ids: "c" may be new or may have failed before.
    expect(comparison.failToPass.map((flip) => flip.id)).toEqual(["c"]);
    expect(comparison.added).toEqual([]);
    expect(comparison.notes).toEqual([]);
  });

  it("reads a lower falseRefusalRate as better and an unchanged value as same", () => {
    const comparison = compareRuns(baseline({ "hit@5": 0.8, falseRefusalRate: 0.3 }, []), report([["a", true]]));
    expect(comparison.metrics.map((row) => [row.metric, row.verdict])).toEqual([["hit@5", "same"], ["falseRefusalRate", "better"]]);
  });

  it("against an earlier report: intervals on both sides, added and removed cases kept apart from flips", () => {
    const earlier: ComparisonBase = {
      ...baseline({ "hit@5": 0.6, falseRefusalRate: 0.1, latencyP50Ms: 3 }, ["a", "gone"]),
      kind: "report",
      source: "old/report.json",
      intervals: { "hit@5": { low: 0.55, high: 0.65 }, falseRefusalRate: { low: 0.05, high: 0.15 } },
      caseIds: ["a", "b", "gone"],
    };
    const comparison = compareRuns(earlier, report([["a", false], ["b", true], ["new", true]]));
    expect(comparison.metrics.map((row) => [row.metric, row.verdict])).toEqual([["hit@5", "better"], ["falseRefusalRate", "same"], ["latencyP50Ms", "no interval"]]);
    expect(comparison.passToFail.map((flip) => flip.id)).toEqual(["a"]);
    expect(comparison.failToPass.map((flip) => flip.id)).toEqual(["b"]);
    expect(comparison.added).toEqual(["new"]);
    expect(comparison.removed).toEqual(["gone"]);
  });

  it("notes a changed answerer and refuses another corpus", () => {
    expect(compareRuns({ ...baseline({}, []), answerer: "llm" }, report([])).notes).toEqual(["The answerer changed (llm → extractive): the deltas include that change."]);
    expect(() => compareRuns({ ...baseline({}, []), corpus: "other" }, report([]))).toThrow('is for corpus "other", this run is "mini"');
  });
});

describe("renderComparison", () => {
  it("writes one row per metric and lists the flipped cases with their reasons", () => {
    const markdown = renderComparison(compareRuns(baseline({ "hit@5": 0.7, falseRefusalRate: 0.12 }, ["a", "b"]), report([["a", true], ["b", false], ["c", true]])));
    const lines = markdown.split("\n");
    expect(lines[0]).toBe("## Eval comparison: mini");
    expect(lines).toContain("**1 better, 0 worse, 1 within noise, 0 unchanged; 1 case(s) went from pass to fail, 1 from fail to pass.**");
    expect(lines).toContain("| hit@5 | 0.700 | 0.800 (0.750–0.850) | +0.1000 | +0.0500 to +0.1500 | ▲ better |");
    expect(lines).toContain("| falseRefusalRate | 0.120 | 0.100 (0.050–0.150) | −0.0200 | −0.0700 to +0.0300 | ≈ noise |");
    expect(lines).toContain("### Pass → fail (1)");
    expect(lines).toContain("- `b` Question b? — reason b");
    expect(lines).toContain("### Fail → pass (or added since the baseline) (1)");
    expect(lines).toContain("- `c` Question c?");
  });
});

describe("readComparisonBase", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), "compare-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("reads a baseline and a report.json, and names what it expected otherwise", async () => {
    const baselineFile = path.join(directory, "baseline.json");
    await writeFile(baselineFile, JSON.stringify({ schemaVersion: 1, corpus: "mini", answerer: "x", embedder: "e", summary: { "hit@5": 0.5 }, passing: ["a"] }));
    expect(await readComparisonBase(baselineFile)).toEqual({
      source: baselineFile, kind: "baseline", corpus: "mini", answerer: "x", embedder: "e", summary: { "hit@5": 0.5 }, intervals: {}, passing: ["a"],
    });

    const reportFile = path.join(directory, "report.json");
    await writeFile(reportFile, JSON.stringify(report([["a", true], ["b", false]])));
    const fromReport = await readComparisonBase(reportFile);
    expect(fromReport.kind).toBe("report");
    expect(fromReport.intervals["hit@5"]!.low).toBe(0.75);
    expect(fromReport.passing).toEqual(["a"]);
    expect(fromReport.caseIds).toEqual(["a", "b"]);

    const other = path.join(directory, "other.json");
    await writeFile(other, JSON.stringify({ hello: "world" }));
    await expect(readComparisonBase(other)).rejects.toThrow(/is neither an eval baseline nor a report.json/);
    await expect(readComparisonBase(path.join(directory, "missing.json"))).rejects.toThrow(/cannot read .*missing.json/);
  });
});
