import type { Config } from "../config/config.js";
import { createChatModel } from "./chat-model.js";
import { type AnswerResources, createExtractiveAnswerer } from "./extractive-answerer.js";
import { createLlmAnswerer } from "./llm-answerer.js";
import { setPassageCacheSize } from "./passages.js";
import { loadAnswerPrompts } from "./prompts.js";
import type { Answerer } from "./types.js";

/** The one place that decides which answerer runs (ANSWERER). */
export async function createAnswerer(config: Config, resources: AnswerResources, corpusDescription: string, minSupport: number): Promise<Answerer> {
  setPassageCacheSize(config.scoring.passages.cacheChunks);
  const extractive = createExtractiveAnswerer(resources, {
    minSupport,
    readChunks: config.retrieval.topK,
    corpusDescription,
    // ANSWER_MAX_SENTENCES caps the statements: the direct answer and its supporting quotes.
    passages: { ...config.scoring.passages, maxSupports: Math.max(0, config.answerer.maxSentences - 1) },
  });
  if (config.answerer.kind === "extractive") return extractive;
  return createLlmAnswerer({
    model: await createChatModel(config.llm),
    prompts: await loadAnswerPrompts(),
    statistics: resources.statistics,
    settings: {
      minSupport,
      timeoutMs: config.llm.timeoutMs,
      stream: config.llm.stream,
      corpusDescription,
      passages: config.scoring.passages,
      mode: config.llm.mode,
      maxSearches: config.llm.agentMaxSearches,
    },
    fallback: config.llm.fallback === "extractive" ? extractive : undefined,
  });
}
