import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatModel } from "../src/answer/chat-model.js";
import type { RagContext } from "../src/context.js";
import { createJudge } from "../src/eval/judge.js";
import { runEvaluation } from "../src/eval/run-eval.js";
import { financeContext } from "./support/finance-context.js";
import { startOpenAIStub, type OpenAIStub } from "./support/openai-stub.js";

let context: RagContext;
let cleanup: () => Promise<void>;
let stub: OpenAIStub;
let dir: string;

beforeAll(async () => {
  ({ context, cleanup } = await financeContext());
  stub = await startOpenAIStub();
  stub.behaviour = {
    reply: (last: string) =>
      last.includes("Answer to check") ? JSON.stringify({ claims: [{ claim: "a", supported: true }] }) : JSON.stringify({ score: 1 }),
  };
  dir = await mkdtemp(path.join(os.tmpdir(), "rag-eval-judge-"));
  const lines = (await readFile("evals/finance.jsonl", "utf8")).split("\n").filter(Boolean).slice(0, 4);
  await writeFile(path.join(dir, "set.jsonl"), `${lines.join("\n")}\n`);
  await writeFile(path.join(dir, "thresholds.json"), JSON.stringify({ finance: { judgeFloors: { faithfulness: 0.9, correctness: 1.01 } } }));
});
afterAll(async () => {
  await stub.close();
  await cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function run(gate: boolean) {
  const judge = await createJudge(await createChatModel({ ...context.config.llm, model: "judge-model", baseURL: stub.baseURL, apiKey: "x" }), "judge-model", path.join(dir, "cache"));
  return runEvaluation(context.config, {
    context,
    setPath: path.join(dir, "set.jsonl"),
    outDir: path.join(dir, "out"),
    k: 10,
    concurrency: 1,
    thresholdsPath: path.join(dir, "thresholds.json"),
    baselineDir: path.join(dir, "baseline"),
    updateBaseline: false,
    judge: { judge, repeat: 2, gate },
  });
}

describe("eval with an LLM judge", () => {
  it("is advisory by default: reported, not gated", async () => {
    const outcome = await run(false);
    expect(outcome.report.judge).toMatchObject({ model: "judge-model", repeats: 2, gated: false, faithfulness: { mean: 1, spread: 0 } });
    expect(outcome.report.gate!.checks.some((check) => check.name.startsWith("judge"))).toBe(false);
    expect(outcome.report.cases[0]!.judge).toHaveLength(2);
    expect(await readFile(path.join(dir, "out", "report.md"), "utf8")).toContain("LLM judge `judge-model` (advisory, 2 repeat(s))");
  });

  it("fails the gate on the judge's floors only when asked to", async () => {
    const outcome = await run(true);
    const failed = outcome.report.gate!.checks.filter((check) => !check.passed).map((check) => check.message);
    expect(failed).toEqual(["judge correctness = 1 is below the floor 1.01 by 0.01"]);
    expect(outcome.exitCode).toBe(1);
  });
});
