import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEvaluation } from "../src/eval/run-eval.js";
import { testConfig } from "./support/finance-context.js";

// Every shipped corpus with an eval set goes through the same gate as `npm run eval`, offline.
const shipped = (await readdir("evals")).filter((file) => file.endsWith(".jsonl")).map((file) => file.replace(/\.jsonl$/, "")).sort();
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

describe("quality gate (evals/thresholds.json and evals/baseline)", () => {
  it.each(shipped)("corpus %s passes its gate", async (corpus) => {
    const { config, cleanup } = await testConfig({ CORPUS: corpus });
    cleanups.push(cleanup);
    const outcome = await runEvaluation(config, {
      k: 10,
      concurrency: 1,
      thresholdsPath: "evals/thresholds.json",
      baselineDir: "evals/baseline",
      updateBaseline: false,
      outDir: path.join("reports", corpus),
      comparePath: path.join("evals", "baseline", `${corpus}.json`),
    });
    const failed = outcome.report.gate!.checks.filter((check) => !check.passed).map((check) => check.message);
    expect(outcome.report.gate!.checks.some((check) => check.name === "thresholds")).toBe(false);
    expect(failed).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    // What the CI workflow uploads: compare.md beside the reports.
    expect(outcome.files.map((file) => path.basename(file)).sort()).toEqual(["compare.md", "junit.xml", "report.html", "report.json", "report.md"]);
    expect(outcome.comparison?.split("\n")[0]).toBe(`## Eval comparison: ${corpus}`);
  }, 300_000);
});
