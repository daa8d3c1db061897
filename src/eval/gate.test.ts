import { describe, expect, it } from "vitest";
import { evaluateGate } from "./gate.js";
import type { EvalReport } from "./report.js";
import type { CaseResult } from "./score-case.js";

const caseResult = (id: string, pass: boolean): CaseResult =>
  ({ id, pass, tags: ["lookup"], answerable: true } as unknown as CaseResult);

function report(summary: Record<string, number>, passing: Record<string, boolean>): EvalReport {
  return {
    corpus: "mini",
    answerer: "extractive",
    embedder: "e1",
    summary: { n: 4, ...summary },
    byTag: { lookup: { n: 4, summary: { n: 4, "hit@5": summary["hit@5"] ?? 0 }, details: {} } },
    cases: Object.entries(passing).map(([id, pass]) => caseResult(id, pass)),
  } as unknown as EvalReport;
}

const thresholds = { floors: { "hit@5": 0.8 }, ceilings: { falseRefusalRate: 0.1 }, tags: { lookup: { floors: { "hit@5": 0.7 }, ceilings: {} } }, tolerance: 0.02, toleranceByMetric: {}, maxFlips: 1, judgeFloors: {} };
const baseline = { schemaVersion: 1 as const, corpus: "mini", answerer: "extractive", embedder: "e1", summary: { "hit@5": 0.9, falseRefusalRate: 0.05 }, passing: ["a", "b", "c"] };

describe("evaluateGate", () => {
  it("passes when floors, ceilings, baseline and flips are all within limits", () => {
    const gate = evaluateGate(report({ "hit@5": 0.89, falseRefusalRate: 0.06 }, { a: true, b: true, c: false, d: true }), thresholds, baseline);
    expect(gate.checks.filter((check) => !check.passed)).toEqual([]);
    expect(gate.passed).toBe(true);
  });

  it("names the metric and the size of each failure", () => {
    const gate = evaluateGate(report({ "hit@5": 0.75, falseRefusalRate: 0.12 }, { a: false, b: false, c: true, d: true }), thresholds, baseline);
    expect(gate.passed).toBe(false);
    expect(gate.checks.filter((check) => !check.passed).map((check) => check.message)).toEqual([
      "hit@5 = 0.75 is below the floor 0.8 by 0.05",
      "falseRefusalRate = 0.12 is above the ceiling 0.1 by 0.02",
      "hit@5 = 0.75 is worse than the baseline 0.9 by 0.15 (tolerance 0.02)",
      "falseRefusalRate = 0.12 is worse than the baseline 0.05 by 0.07 (tolerance 0.02)",
      "2 case(s) went from pass to fail (a, b); at most 1 allowed",
    ]);
  });

  it("does not compare against a baseline recorded with another answerer", () => {
    const gate = evaluateGate(report({ "hit@5": 0.85, falseRefusalRate: 0.05 }, { a: false, b: false }), thresholds, { ...baseline, answerer: "llm" });
    expect(gate.passed).toBe(true);
    expect(gate.checks.at(-1)!.message).toMatch(/not compared/);
  });

  it("fails when the embedder changed, until the baseline is re-accepted", () => {
    // Same quality numbers, another embedder (e.g. LSA cut from 256 to 32 dimensions): the gate must not wave it through.
    const gate = evaluateGate(report({ "hit@5": 0.9, falseRefusalRate: 0.05 }, { a: true, b: true, c: true }), thresholds, { ...baseline, embedder: "e0" });
    expect(gate.passed).toBe(false);
    expect(gate.checks.filter((check) => !check.passed).map((check) => check.message)).toEqual([
      "the baseline was recorded with embedder e0, this run used e1: compare the reports, then accept the new baseline with `npm run eval -- --corpus mini --update-baseline`",
    ]);
  });

  it("fails when answers state forbidden facts more often than the ceiling allows", () => {
    const withForbidden = { ...thresholds, ceilings: { ...thresholds.ceilings, forbiddenRate: 0.2 } };
    const gate = evaluateGate(report({ "hit@5": 0.9, falseRefusalRate: 0.05, forbiddenRate: 0.6 }, { a: true, b: true, c: true }), withForbidden, baseline);
    expect(gate.checks.filter((check) => !check.passed).map((check) => check.message)).toEqual(["forbiddenRate = 0.6 is above the ceiling 0.2 by 0.4"]);
  });
});
