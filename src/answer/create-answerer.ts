import { ChatOpenAI } from "@langchain/openai";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Config } from "../config/config.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { createLlmAnswerer } from "./llm-answerer.js";
import { loadAnswerPrompt } from "./prompts.js";
import type { Answerer } from "./types.js";

/** A chat model for any OpenAI-compatible /v1/chat/completions endpoint. */
export function createChatModel(llm: Config["llm"]): BaseChatModel {
  return new ChatOpenAI({
    model: llm.model,
    apiKey: llm.apiKey ?? "not-needed",
    temperature: llm.temperature,
    maxTokens: llm.maxTokens,
    // Retries live in one layer (LangChain's caller); a timeout is not retried because the deadline covers the whole call.
    maxRetries: 1,
    streamUsage: true,
    configuration: { baseURL: llm.baseURL },
  });
}

/** The one place that decides which answerer runs. */
export async function createAnswerer(config: Config, statistics: TermStatistics, corpusDescription: string, minEvidence: number): Promise<Answerer> {
  const extractive = createExtractiveAnswerer(statistics, {
    minEvidence,
    maxSentences: config.answerer.maxSentences,
    readChunks: config.retrieval.topK,
    corpusDescription,
  });
  if (config.answerer.kind === "extractive") return extractive;
  return createLlmAnswerer({
    model: createChatModel(config.llm),
    prompt: await loadAnswerPrompt(),
    statistics,
    settings: {
      minEvidence,
      timeoutMs: config.llm.timeoutMs,
      stream: config.llm.stream,
      corpusDescription,
    },
    fallback: config.llm.fallback === "extractive" ? extractive : undefined,
  });
}
