import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { ChatResult } from "@langchain/core/outputs";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { UpstreamError } from "../errors.js";
import { ScopedRetriever } from "../retrieval/index-retriever.js";
import { plainQuery } from "../retrieval/query.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { NumberedSources } from "./answer-agent.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { createLlmAnswerer, type LlmAnswererSettings } from "./llm-answerer.js";
import { loadAnswerPrompts } from "./prompts.js";
import { ScriptedChatModel } from "./testing/scripted-chat-model.js";
import { retrievedChunk } from "./testing/retrieved-chunk.js";
import type { Answerer } from "./types.js";
import { buildValueProfile } from "./value-profile.js";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

const basic = retrievedChunk(1, "Basic", "Basic Checking has a monthly fee of $12, waived with a $1,500 balance.");
const premier = retrievedChunk(2, "Premier", "Premier Checking has a monthly fee of $25, waived with a $10,000 balance.");
const student = retrievedChunk(3, "Student", "Student Checking has no monthly fee for account holders under 25.");
const statistics = new TermStatistics([basic, premier, student].map((chunk) => chunk.text).concat("Wires cost $30.", "Cards can be locked in the app."));
const question = "How do the monthly fees of Basic and Student Checking compare?";
const passages = DEFAULT_SCORING.passages;

/** A retriever over fixed results per query, recording the queries it was asked. */
function retrieverFor(results: Record<string, RetrievedChunk[]>) {
  const queries: string[] = [];
  const retriever = new ScopedRetriever(async (text) => {
    queries.push(text);
    return { query: plainQuery(text), retrieval: { chunks: results[text] ?? [], support: async () => 0.8, signals: async () => ({ lexical: 0.8, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 0.8, shortPassage: 0 }), warnings: [] } };
  });
  return { retriever, queries };
}

async function answerer(model: BaseChatModel, settings: Partial<LlmAnswererSettings> = {}, fallback?: Answerer): Promise<Answerer> {
  return createLlmAnswerer({
    model,
    prompts: await loadAnswerPrompts(),
    statistics,
    settings: { minSupport: 0.3, timeoutMs: 5_000, stream: false, corpusDescription: "bank documents", passages, mode: "chain", maxSearches: 2, ...settings },
    fallback,
  });
}

describe("NumberedSources", () => {
  it("numbers the given chunks 1..k, a new chunk next, and a chunk found again keeps its number", () => {
    const sources = new NumberedSources([basic, premier]);
    expect(sources.add(student)).toBe(3);
    expect(sources.add(basic)).toBe(1);
    expect(sources.chunks.map((chunk) => chunk.id)).toEqual([basic.id, premier.id, student.id]);
  });
});

describe("LLM answerer, chain mode, with LangChain's FakeListChatModel", () => {
  it("makes exactly one model call, with the numbered sources in the system prompt, and validates the markers", async () => {
    const model = new FakeListChatModel({ responses: ["Basic Checking costs $12 a month [1]; Premier costs $25 [2][5]."] });
    const calls: string[][] = [];
    const recorder = BaseCallbackHandler.fromMethods({ handleChatModelStart: (_model, messages) => void calls.push(messages[0]!.map((message) => String(message.content))) });
    const { retriever, queries } = retrieverFor({});
    const draft = await (await answerer(model)).answer({ query: plainQuery(question), chunks: [basic, premier], support: 0.8, retriever, callbacks: [recorder] });
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toContain(`<source n="2" title="Doc 2" section="Premier">\n${premier.text}\n</source>`);
    expect(calls[0]![1]).toBe(`Question: ${question}`);
    expect(queries).toEqual([]);
    expect(draft).toMatchObject({ text: "Basic Checking costs $12 a month [1]; Premier costs $25 [2].", droppedCitations: 1, usedAnswerer: "llm", refused: false });
    expect(draft.cited.map((cited) => cited.n)).toEqual([1, 2]);
    expect(draft.sources).toBeUndefined();
  });

  it("refuses before any model call when support is below the threshold, in either mode", async () => {
    for (const mode of ["chain", "agent"] as const) {
      const model = new ScriptedChatModel(["should not be asked"]);
      const draft = await (await answerer(model, { mode })).answer({ query: plainQuery(question), chunks: [basic], support: 0.1, retriever: retrieverFor({}).retriever });
      expect(draft.refused).toBe(true);
      expect(model.calls).toHaveLength(0);
    }
  });

  it("falls back to the extractive answer when the model fails", async () => {
    const model = new ScriptedChatModel([]);
    model._generate = async (): Promise<ChatResult> => {
      throw Object.assign(new Error("boom"), { status: 503 });
    };
    const extractive = createExtractiveAnswerer({ statistics, profile: buildValueProfile([], statistics) }, { minSupport: 0.3, readChunks: 3, corpusDescription: "bank documents", passages });
    const draft = await (await answerer(model, {}, extractive)).answer({ query: plainQuery("What is the monthly fee of Basic Checking?"), chunks: [basic, premier], support: 0.8 });
    expect(draft.usedAnswerer).toBe("extractive-fallback");
    expect(draft.warnings.at(-1)).toBe("The LLM endpoint answered 503 when asked to answer.");
  });
});

describe("LLM answerer, agent mode, with a fake model that calls tools", () => {
  it("offers search_documents, searches as asked, numbers new sources after the given ones and cites them", async () => {
    const model = new ScriptedChatModel([{ search: ["Student Checking monthly fee"] }, "Basic Checking costs $12 a month [1]; Student Checking has no monthly fee [3]."]);
    const { retriever, queries } = retrieverFor({ "Student Checking monthly fee": [student, basic] });
    const tokens: string[] = [];
    const draft = await (await answerer(model, { mode: "agent" })).answer({ query: plainQuery(question), chunks: [basic, premier], support: 0.8, retriever, onToken: (token) => tokens.push(token) });
    expect(model.boundTools).toEqual(["search_documents"]);
    expect(String(model.calls[0]![0]!.content)).toContain("search_documents tool");
    expect(queries).toEqual(["Student Checking monthly fee"]);
    // The tool's reply: the new chunk is [3], the one already given keeps [1].
    const toolReply = String(model.calls[1]!.at(-1)!.content);
    expect(toolReply).toBe(`<source n="3" title="Doc 3" section="Student">\n${student.text}\n</source>\n\n<source n="1" title="Doc 1" section="Basic">\n${basic.text}\n</source>`);
    expect(draft).toMatchObject({ refused: false, usedAnswerer: "llm-agent", droppedCitations: 0, usage: { inputTokens: 100, outputTokens: 15 } });
    expect(draft.cited.map((cited) => cited.n)).toEqual([1, 3]);
    expect(draft.sources!.map((chunk) => chunk.id)).toEqual([basic.id, premier.id, student.id]);
    expect(tokens).toEqual([draft.text]);
  });

  it("stops searching after maxSearches and tells the model so", async () => {
    const model = new ScriptedChatModel([{ search: ["a"] }, { search: ["b", "c"] }, "Basic Checking costs $12 a month [1]."]);
    const { retriever, queries } = retrieverFor({ a: [student] });
    const draft = await (await answerer(model, { mode: "agent", maxSearches: 2 })).answer({ query: plainQuery(question), chunks: [basic], support: 0.8, retriever });
    expect(queries).toEqual(["a", "b"]);
    const lastCall = model.calls[2]!.map((message) => String(message.content));
    expect(lastCall.at(-2)).toBe("No source matched this search.");
    expect(lastCall.at(-1)).toMatch(/^No more searches/);
    expect(draft.text).toBe("Basic Checking costs $12 a month [1].");
  });

  it("turns NOT_IN_DOCUMENTS after a search into a refusal", async () => {
    const model = new ScriptedChatModel([{ search: ["overdraft fee"] }, "NOT_IN_DOCUMENTS"]);
    const draft = await (await answerer(model, { mode: "agent" })).answer({ query: plainQuery(question), chunks: [basic], support: 0.8, retriever: retrieverFor({}).retriever });
    expect(draft.refused).toBe(true);
    expect(draft.cited).toEqual([]);
  });

  it("a failing model call becomes an UpstreamError, not LangGraph's wrapper", async () => {
    const model = new ScriptedChatModel([]);
    model._generate = async () => {
      throw Object.assign(new Error("upstream said: key sk-secret is wrong"), { status: 401 });
    };
    const failure = (await answerer(model, { mode: "agent" })).answer({ query: plainQuery(question), chunks: [basic], support: 0.8, retriever: retrieverFor({}).retriever });
    await expect(failure).rejects.toThrow(UpstreamError);
    await expect(failure).rejects.toThrow("The LLM endpoint answered 401 when asked to answer: check OPENAI_API_KEY.");
  });
});
