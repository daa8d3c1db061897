import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenAIStub, type OpenAIStub } from "../../test/support/openai-stub.js";
import { createChatModel } from "../answer/chat-model.js";
import { loadConfig } from "../config/config.js";
import type { EvalCase } from "./eval-set.js";
import { createJudge, summariseJudge } from "./judge.js";

let stub: OpenAIStub;
let cacheDir: string;
beforeAll(async () => {
  stub = await startOpenAIStub();
});
afterAll(() => stub.close());
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), "rag-judge-"));
  stub.chatRequests.length = 0;
  // The faithfulness prompt ends with the answer to check; the correctness prompt with the answer to grade.
  stub.behaviour = {
    reply: (last: string) =>
      last.includes("Answer to check")
        ? JSON.stringify({ claims: [{ claim: "Wires cost $30", supported: true }, { claim: "They arrive in an hour", supported: false }] })
        : JSON.stringify({ score: 0.5, reason: "misses the online price" }),
  };
});

const evalCase: EvalCase = {
  id: "w1",
  question: "How much is an outgoing wire?",
  answerable: true,
  tags: ["lookup"],
  evidence: [{ doc: "fees", quote: "Outgoing wires cost $30" }],
  facts: ["$30"],
  forbidden: [],
  reference: "An outgoing domestic wire costs $30, or $25 online.",
};

async function judge() {
  const config = loadConfig({ JUDGE_MODEL: "judge-model", JUDGE_BASE_URL: stub.baseURL });
  const model = await createChatModel({ ...config.llm, model: config.judge.model!, baseURL: config.judge.baseURL, apiKey: config.judge.apiKey });
  return createJudge(model, config.judge.model!, cacheDir);
}

describe("LLM judge against the loopback OpenAI stub", () => {
  it("scores claim-level faithfulness and correctness, naming the judge model", async () => {
    const verdict = await (await judge()).judge({ evalCase, answer: "Wires cost $30 [1]. They arrive in an hour [1].", refused: false, citedSources: [{ n: 1, text: "Outgoing wires cost $30." }] }, 0);
    expect(verdict).toMatchObject({ faithfulness: 0.5, correctness: 0.5, errors: [] });
    expect(stub.chatRequests.map((request) => request.model)).toEqual(["judge-model", "judge-model"]);
    expect(stub.chatRequests[0]!.messages.at(-1)!.content).toContain("[1] Outgoing wires cost $30.");
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("caches by judge, prompt and inputs; each repeat is asked separately", async () => {
    const instance = await judge();
    const input = { evalCase, answer: "Wires cost $30 [1].", refused: false, citedSources: [{ n: 1, text: "Outgoing wires cost $30." }] };
    await instance.judge(input, 0);
    await instance.judge(input, 0);
    expect(stub.chatRequests).toHaveLength(2);
    await instance.judge(input, 1);
    expect(stub.chatRequests).toHaveLength(4);
    await rm(cacheDir, { recursive: true, force: true });
  });

  it("records a judge reply that is not JSON as an error, and skips refusals", async () => {
    stub.behaviour = { reply: "I think it is fine." };
    const instance = await judge();
    const verdict = await instance.judge({ evalCase, answer: "Wires cost $30.", refused: false, citedSources: [] }, 0);
    expect(verdict.faithfulness).toBeNull();
    expect(verdict.errors).toHaveLength(2);
    const refused = await instance.judge({ evalCase, answer: "The documents do not say.", refused: true, citedSources: [] }, 0);
    expect(refused).toEqual({ faithfulness: null, claims: [], correctness: null, errors: [] });
    await rm(cacheDir, { recursive: true, force: true });
  });
});

describe("summariseJudge", () => {
  it("reports the mean across repeats and the spread between repeats", () => {
    const verdict = (faithfulness: number, correctness: number) => ({ faithfulness, correctness, claims: [], errors: [] });
    // Two cases, two repeats: repeat means are 0.5 and 1.0 (faithfulness) -> mean 0.75, sample sd 0.3536.
    const summary = summariseJudge("j", [
      [verdict(0, 1), verdict(1, 1)],
      [verdict(1, 0), verdict(1, 0)],
    ]);
    expect(summary.faithfulness).toEqual({ mean: 0.75, spread: 0.3536, n: 2 });
    expect(summary.correctness).toEqual({ mean: 0.5, spread: 0, n: 2 });
    expect(summary.repeats).toBe(2);
  });
});
