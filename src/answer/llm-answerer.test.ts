import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { estimateTokens, startOpenAIStub, type OpenAIStub } from "../../test/support/openai-stub.js";
import { loadConfig } from "../config/config.js";
import { UpstreamError, UpstreamTimeoutError } from "../errors.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { plainQuery } from "../retrieval/query.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { createChatModel } from "./chat-model.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { createLlmAnswerer } from "./llm-answerer.js";
import { buildValueProfile } from "./value-profile.js";
import { loadAnswerPrompts } from "./prompts.js";
import type { Answerer } from "./types.js";

function chunk(n: number, docId: string, section: string, text: string): RetrievedChunk {
  return { id: `${docId}#${n}`, docId, ordinal: n, title: docId, section, headingPath: [docId, section], text, score: 0.9 - n / 10, rank: n, metadata: { docId } };
}

const chunks = [
  chunk(1, "fee-schedule", "Wires", "An outgoing domestic wire costs $30, or $25 when sent online."),
  chunk(2, "wire-guide", "Cutoff times", "Domestic wires requested before 4:00 p.m. ET are sent the same business day."),
];
const statistics = new TermStatistics([...chunks.map((c) => c.text), "Checking accounts have a monthly fee.", "Cards can be locked in the app."]);
const question = "How much does an outgoing domestic wire cost?";
const query = plainQuery(question);
const passages = DEFAULT_SCORING.passages;

let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.chatRequests.length = 0;
  stub.behaviour = { reply: "An outgoing domestic wire costs $30, or $25 online [1]." };
});

async function answerer(options: { stream?: boolean; timeoutMs?: number; fallback?: boolean } = {}): Promise<Answerer> {
  const config = loadConfig({ ANSWERER: "llm", OPENAI_BASE_URL: stub.baseURL, LLM_MODEL: "stub-model" });
  const extractive = createExtractiveAnswerer({ statistics, profile: buildValueProfile([], statistics) }, { minSupport: 0.3, readChunks: 5, corpusDescription: "test documents", passages });
  return createLlmAnswerer({
    model: await createChatModel({ ...config.llm, maxTokens: 200 }),
    prompts: await loadAnswerPrompts(),
    statistics,
    settings: { minSupport: 0.3, timeoutMs: options.timeoutMs ?? 5_000, stream: options.stream ?? false, corpusDescription: "test documents", passages, mode: "chain", maxSearches: 3 },
    fallback: options.fallback ? extractive : undefined,
  });
}

describe("LLM answerer against a loopback OpenAI stub", () => {
  it("puts the numbered, fenced sources in the system prompt and the question in the user message, and parses a JSON reply", async () => {
    const draft = await (await answerer()).answer({ query, chunks });
    expect(stub.chatRequests).toHaveLength(1);
    const request = stub.chatRequests[0]!;
    expect(request.model).toBe("stub-model");
    expect(request.stream).toBeFalsy();
    expect(request.messages.map((message) => message.role)).toEqual(["system", "user"]);
    const system = request.messages[0]!.content;
    expect(system).toContain("assistant for test documents");
    expect(system).toContain('<source n="1" title="fee-schedule" section="Wires">\nAn outgoing domestic wire costs $30');
    expect(system).toContain('<source n="2" title="wire-guide" section="Cutoff times">');
    expect(system).not.toContain("search_documents");
    expect(request.messages[1]!.content).toBe(`Question: ${question}`);
    expect(draft).toMatchObject({ text: "An outgoing domestic wire costs $30, or $25 online [1].", refused: false, usedAnswerer: "llm", droppedCitations: 0 });
    expect(draft.cited).toEqual([{ n: 1, snippet: "An outgoing domestic wire costs $30, or $25 when sent online." }]);
    expect(draft.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
  });

  it("reports the upstream's usage for this request as given (what bench:llm-modes sums per mode)", async () => {
    stub.behaviour = { ...stub.behaviour, estimateUsage: true };
    const draft = await (await answerer()).answer({ query, chunks });
    const promptCharacters = stub.chatRequests[0]!.messages.reduce((sum, message) => sum + (message.content?.length ?? 0), 0) + 2;
    expect(draft.usage).toEqual({ inputTokens: estimateTokens(promptCharacters), outputTokens: estimateTokens("An outgoing domestic wire costs $30, or $25 online [1].".length) });
    expect(draft.usage!.inputTokens).toBeGreaterThan(200);
  });

  it("parses a streamed reply and passes tokens on as they arrive", async () => {
    const tokens: string[] = [];
    const draft = await (await answerer({ stream: true })).answer({ query, chunks, onToken: (token) => tokens.push(token) });
    expect(stub.chatRequests[0]!.stream).toBe(true);
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.join("")).toBe("An outgoing domestic wire costs $30, or $25 online [1].");
    expect(draft.text).toBe("An outgoing domestic wire costs $30, or $25 online [1].");
    expect(draft.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
  });

  it("drops citations that point at no retrieved source and counts them", async () => {
    stub.behaviour = { reply: "Wires cost $30 [1][7]. Same-day cutoff is 4:00 p.m. ET [2, 9]." };
    const draft = await (await answerer()).answer({ query, chunks });
    expect(draft.text).toBe("Wires cost $30 [1]. Same-day cutoff is 4:00 p.m. ET [2].");
    expect(draft.cited.map((cited) => cited.n)).toEqual([1, 2]);
    expect(draft.droppedCitations).toBe(2);
    expect(draft.warnings).toEqual(["Dropped 2 citation(s) that pointed at no retrieved source."]);
  });

  it("turns the model's NOT_IN_DOCUMENTS into a refusal", async () => {
    stub.behaviour = { reply: "NOT_IN_DOCUMENTS" };
    const draft = await (await answerer({ stream: true })).answer({ query, chunks });
    expect(draft.refused).toBe(true);
    expect(draft.text).toMatch(/^The documents do not say/);
    expect(draft.cited).toEqual([]);
  });

  it("refuses without calling the model when the evidence is too weak", async () => {
    const draft = await (await answerer()).answer({ query: plainQuery("Who won the football world cup in 2018?"), chunks });
    expect(draft.refused).toBe(true);
    expect(stub.chatRequests).toHaveLength(0);
  });

  it("refuses a question about a year the passages never mention without calling the model, naming the year", async () => {
    const draft = await (await answerer()).answer({ query: plainQuery("How much was a domestic wire in 2027?"), chunks, support: 0, unseenYears: ["2027"] });
    expect(draft.refused).toBe(true);
    expect(draft.text).toBe("The documents do not say. The passages closest to this question do not mention 2027, so I will not guess.");
    expect(stub.chatRequests).toHaveLength(0);
  });

  it("reports an upstream 500 as an UpstreamError", async () => {
    stub.behaviour = { reply: "", status: 500 };
    await expect((await answerer()).answer({ query, chunks })).rejects.toThrow(UpstreamError);
  });

  it("reports a slow upstream as an UpstreamTimeoutError, without hanging", async () => {
    stub.behaviour = { reply: "late [1]", delayMs: 2_000 };
    const started = Date.now();
    await expect((await answerer({ timeoutMs: 300 })).answer({ query, chunks })).rejects.toThrow(UpstreamTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it("falls back to the extractive answer, flagged, when configured", async () => {
    stub.behaviour = { reply: "", status: 500 };
    const draft = await (await answerer({ fallback: true })).answer({ query, chunks });
    expect(draft.usedAnswerer).toBe("extractive-fallback");
    expect(draft.refused).toBe(false);
    expect(draft.text).toContain("$30");
    expect(draft.warnings[0]).toBe("The LLM endpoint answered 500 when asked to answer.");
  });

  it("a stream that fails midway calls onReset before the fallback's tokens, so the partial text can be discarded", async () => {
    stub.behaviour = { reply: "An outgoing domestic wire costs $30 [1].", failAfterPieces: 3 };
    const events: string[] = [];
    const draft = await (await answerer({ stream: true, fallback: true })).answer({
      query,
      chunks,
      onToken: (token) => events.push(`token:${token}`),
      onReset: () => events.push("reset"),
    });
    expect(draft.usedAnswerer).toBe("extractive-fallback");
    expect(events.indexOf("reset")).toBe(events.length - 2);
    expect(events.slice(0, -2).map((event) => event.replace(/^token:/, "")).join("")).toBe("An outgoing domestic ");
    expect(events.at(-1)).toBe(`token:${draft.text}`);
  });

  it("does not call onReset when the model failed before sending any token", async () => {
    stub.behaviour = { reply: "", status: 500 };
    const events: string[] = [];
    const draft = await (await answerer({ stream: true, fallback: true })).answer({
      query,
      chunks,
      onToken: (token) => events.push(`token:${token}`),
      onReset: () => events.push("reset"),
    });
    expect(events).toEqual([`token:${draft.text}`]);
  });
});
