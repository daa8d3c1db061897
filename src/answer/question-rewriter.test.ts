import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type OpenAIStub, startOpenAIStub } from "../../test/support/openai-stub.js";
import { loadConfig } from "../config/config.js";
import { UpstreamError } from "../errors.js";
import { createChatModel } from "./chat-model.js";
import { createQuestionRewriter } from "./create-question-rewriter.js";
import { cleanRewrite, createLlmRewriter } from "./llm-question-rewriter.js";
import { createOfflineRewriter, rewriteFollowUp } from "./offline-question-rewriter.js";
import { loadRewritePrompt } from "./prompts.js";
import type { ChatTurn } from "./question-rewriter.js";

describe("offline rewriter", () => {
  it.each([
    // Elliptical follow-ups: the new phrase replaces the one with the same head word...
    ["What is the monthly maintenance fee on the basic checking account?", "and for the premium account?", "What is the monthly maintenance fee on the premium account?"],
    ["What is the monthly maintenance fee on Everyday Checking?", "What about Premier Checking?", "What is the monthly maintenance fee on Premier Checking?"],
    ["How long do I have to report an unauthorized debit card transaction?", "and for a credit card?", "How long do I have to report a credit card transaction?"],
    ["What is the daily limit for Harbor Send?", "and the monthly limit?", "What is the monthly limit for Harbor Send?"],
    // ...or the number of the same shape...
    ["What is the early withdrawal penalty on a 24-month CD?", "what about 12-month?", "What is the early withdrawal penalty on a 12-month CD?"],
    ["What was net income in 2025?", "and in 2024?", "What was net income in 2024?"],
    // ...or the phrase after the same preposition, else the subject.
    ["What is the cash advance APR on the Harbor Cash Back Visa?", "and on the Horizon Rewards card?", "What is the cash advance APR on the Horizon Rewards card?"],
    ["What was net income in 2025?", "and revenue?", "What was revenue in 2025?"],
    // Pronouns become the previous question's last noun phrase.
    ["What is the daily limit for Harbor Send?", "How do I enroll in it?", "How do I enroll in Harbor Send?"],
    ["What is the daily limit for Harbor Send?", "What are its fees?", "What are Harbor Send's fees?"],
    ["How do I open a savings account?", "Can I close it online?", "Can I close the savings account online?"],
    // A question that stands on its own is left alone.
    ["What is the daily limit for Harbor Send?", "What is the minimum credit score for a jumbo mortgage?", "What is the minimum credit score for a jumbo mortgage?"],
    ["What is the daily limit for Harbor Send?", "What is that account's overdraft fee?", "What is that account's overdraft fee?"],
  ])("%s + %s -> %s", (previous, followUp, expected) => {
    expect(rewriteFollowUp(followUp, previous)).toBe(expected);
  });

  it("resolves a conversation turn by turn, ignoring the assistant's answers", async () => {
    const history: ChatTurn[] = [
      { role: "user", content: "What is the early withdrawal penalty on a 24-month CD?" },
      { role: "assistant", content: "180 days of interest [1]." },
      { role: "user", content: "and on a 12-month CD?" },
      { role: "assistant", content: "90 days of interest [1]." },
    ];
    const result = await createOfflineRewriter().rewrite({ question: "and for a 6-month CD?", history });
    expect(result).toEqual({ question: "What is the early withdrawal penalty on a 6-month CD?", warnings: [] });
  });

  it("returns the question as is without history", async () => {
    expect(await createOfflineRewriter().rewrite({ question: " and for savings? ", history: [] })).toEqual({ question: "and for savings?", warnings: [] });
  });
});

describe("LLM rewriter (loopback OpenAI stub)", () => {
  let stub: OpenAIStub;
  const history: ChatTurn[] = [
    { role: "user", content: "What is the monthly maintenance fee on Everyday Checking?" },
    { role: "assistant", content: "The fee is $12 <b>[1]</b>." },
  ];
  const rewriter = async (fallback: boolean) => {
    const config = loadConfig({ ANSWERER: "llm", OPENAI_BASE_URL: stub.baseURL });
    return createLlmRewriter({
      model: await createChatModel({ ...config.llm, maxTokens: 100 }),
      prompt: await loadRewritePrompt(),
      corpusDescription: "retail banking documents",
      timeoutMs: 5000,
      maxChars: 200,
      fallback: fallback ? createOfflineRewriter() : undefined,
    });
  };

  beforeAll(async () => {
    stub = await startOpenAIStub();
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.chatRequests.length = 0;
    stub.behaviour = { reply: 'Standalone question: "What is the monthly maintenance fee on Premier Checking?"\n' };
  });

  it("sends the conversation as fenced data and cleans the reply", async () => {
    const result = await (await rewriter(true)).rewrite({ question: "and for Premier Checking?", history });
    expect(result).toEqual({ question: "What is the monthly maintenance fee on Premier Checking?", warnings: [] });
    expect(stub.chatRequests).toHaveLength(1);
    const prompt = stub.chatRequests[0]!.messages.at(-1)!.content;
    expect(prompt).toContain("<conversation>\nUser: What is the monthly maintenance fee on Everyday Checking?\nAssistant: The fee is $12 &lt;b&gt;[1]&lt;/b&gt;.\n</conversation>");
    expect(prompt).toContain("Follow-up question: and for Premier Checking?");
    expect(prompt).toContain("retail banking documents");
  });

  it("does not call the model without history", async () => {
    const result = await (await rewriter(true)).rewrite({ question: "What is a wire?", history: [] });
    expect(result.question).toBe("What is a wire?");
    expect(stub.chatRequests).toHaveLength(0);
  });

  it("falls back to the offline rewriter when the model fails, with a warning", async () => {
    stub.behaviour = { reply: "", status: 500 };
    const result = await (await rewriter(true)).rewrite({ question: "and for Premier Checking?", history });
    expect(result.question).toBe("What is the monthly maintenance fee on Premier Checking?");
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toBe("The LLM endpoint answered 500 when asked to rewrite the follow-up. It was rewritten offline.");
  });

  it("without a fallback the failure reaches the caller", async () => {
    stub.behaviour = { reply: "", status: 500 };
    await expect((await rewriter(false)).rewrite({ question: "and for Premier Checking?", history })).rejects.toBeInstanceOf(UpstreamError);
  });

  it("cleanRewrite keeps the first line, without label or quotes, within the limit", () => {
    expect(cleanRewrite('\n  "What is X?"\nbecause...', 100)).toBe("What is X?");
    expect(cleanRewrite("Question: What is Y?", 100)).toBe("What is Y?");
    expect(cleanRewrite("abcdef", 3)).toBe("abc");
  });
});

describe("createQuestionRewriter picks one from config", () => {
  it.each([
    [{}, "offline"],
    [{ ANSWERER: "llm", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }, "llm"],
    [{ ANSWERER: "llm", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", QUESTION_REWRITER: "offline" }, "offline"],
    [{ QUESTION_REWRITER: "llm", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" }, "llm"],
  ])("%j -> %s", async (env, name) => {
    expect((await createQuestionRewriter(loadConfig(env), "documents")).name).toBe(name);
  });
});
