import type { Config } from "../config/config.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { createChatModel } from "./chat-model.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { createLlmAnswerer } from "./llm-answerer.js";
import { loadAnswerPrompt } from "./prompts.js";
import type { Answerer } from "./types.js";

/** The one place that decides which answerer runs (ANSWERER). */
export async function createAnswerer(config: Config, statistics: TermStatistics, corpusDescription: string, minSupport: number): Promise<Answerer> {
  const extractive = createExtractiveAnswerer(statistics, {
    minSupport,
    maxSentences: config.answerer.maxSentences,
    readChunks: config.retrieval.topK,
    corpusDescription,
    passages: config.scoring.passages,
  });
  if (config.answerer.kind === "extractive") return extractive;
  return createLlmAnswerer({
    model: createChatModel(config.llm),
    prompt: await loadAnswerPrompt(),
    statistics,
    settings: { minSupport, timeoutMs: config.llm.timeoutMs, stream: config.llm.stream, corpusDescription, passages: config.scoring.passages },
    fallback: config.llm.fallback === "extractive" ? extractive : undefined,
  });
}
