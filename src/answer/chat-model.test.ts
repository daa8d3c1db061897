import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAIStub, type OpenAIStub } from "../../test/support/openai-stub.js";
import { loadConfig } from "../config/config.js";
import { ConfigError } from "../errors.js";
import { callChatModel, createChatModel, upstreamFailure } from "./chat-model.js";

let stub: OpenAIStub;
beforeAll(async () => {
  stub = await startOpenAIStub();
  stub.behaviour = { reply: "pong" };
});
afterAll(() => stub.close());

const llm = (env: Record<string, string>) => loadConfig({ OPENAI_BASE_URL: stub.baseURL, ...env }).llm;
const ask = async (model: string) => {
  stub.chatRequests.length = 0;
  const reply = await callChatModel(await createChatModel(llm({ LLM_MODEL: model })), [], { timeoutMs: 2_000, purpose: "answer" });
  return { text: reply.text, model: stub.chatRequests[0]?.model };
};

describe("createChatModel (initChatModel)", () => {
  it("sends a plain model name, an Ollama-style tag included, to the OpenAI-compatible endpoint as it is", async () => {
    expect(await ask("stub-model")).toEqual({ text: "pong", model: "stub-model" });
    expect(await ask("llama3.2:3b")).toEqual({ text: "pong", model: "llama3.2:3b" });
  });

  it("reads openai:<model> as the OpenAI provider and sends the name without the prefix", async () => {
    expect(await ask("openai:gpt-4o-mini")).toEqual({ text: "pong", model: "gpt-4o-mini" });
  });

  it("names the package to install when the provider's is missing, and how to reach OPENAI_BASE_URL instead", async () => {
    const failure = createChatModel(llm({ LLM_MODEL: "ollama:llama3.2" }));
    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow("LLM_MODEL=ollama:llama3.2 needs the package @langchain/ollama: run `npm install @langchain/ollama`. To send \"ollama:llama3.2\" to OPENAI_BASE_URL instead, write LLM_MODEL=openai:ollama:llama3.2.");
  });
});

describe("upstreamFailure", () => {
  const withStatus = (status: number) => Object.assign(new Error("upstream words"), { status });

  it("names the OpenAI-compatible settings for the default route", () => {
    expect(upstreamFailure(withStatus(401), "answer").message).toBe("The LLM endpoint answered 401 when asked to answer: check OPENAI_API_KEY.");
    expect(upstreamFailure(new TypeError("fetch failed"), "answer").message).toContain("check OPENAI_BASE_URL.");
  });

  it("names the provider, not OPENAI_*, for a provider:model route", () => {
    expect(upstreamFailure(withStatus(401), "answer", "ollama").message).toBe("The LLM endpoint answered 401 when asked to answer: check the API key variable of the ollama provider.");
    const unreachable = upstreamFailure(new TypeError("fetch failed"), "answer", "ollama").message;
    expect(unreachable).toContain("the ollama provider's server is running");
    expect(unreachable).not.toContain("OPENAI");
  });

  it("never repeats the upstream's own words", () => {
    expect(upstreamFailure(withStatus(500), "answer", "anthropic").message).not.toContain("upstream words");
  });
});
