import type { Config } from "../config/config.js";
import type { EmbedderProvider } from "./embedder-provider.js";
import { localEmbedderProvider } from "./local-provider.js";
import { openAIEmbedderProvider } from "./openai-provider.js";

/** The one place that decides which embedder runs. */
export function createEmbedderProvider(config: Config): EmbedderProvider {
  if (config.embeddings.provider === "openai") {
    return openAIEmbedderProvider({
      model: config.embeddings.model,
      baseURL: config.embeddings.baseURL,
      apiKey: config.embeddings.apiKey,
      dimensions: config.embeddings.dimensions,
      batchSize: config.embeddings.batchSize,
      timeoutMs: config.llm.timeoutMs,
      queryTimeoutMs: config.embeddings.queryTimeoutMs,
    });
  }
  const { dimensions, fitSample } = config.embeddings;
  return localEmbedderProvider({ fitSample, ...(dimensions ? { dimensions } : {}) }, { workers: config.ingestWorkers });
}
