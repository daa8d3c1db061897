import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embeddings } from "@langchain/core/embeddings";
import type { EmbedderProvider } from "./embedder-provider.js";

export interface OpenAIEmbedderSettings {
  model: string;
  baseURL?: string;
  apiKey?: string;
  dimensions?: number;
  batchSize: number;
  timeoutMs: number;
}

/** Any OpenAI-compatible /v1/embeddings endpoint: OpenAI, Ollama, vLLM, TEI, llama.cpp server. */
export function openAIEmbedderProvider(settings: OpenAIEmbedderSettings): EmbedderProvider {
  const embeddings = new OpenAIEmbeddings({
    model: settings.model,
    // Local servers do not check the key, but the client insists on one.
    apiKey: settings.apiKey ?? "not-needed",
    dimensions: settings.dimensions,
    batchSize: settings.batchSize,
    encodingFormat: "float",
    timeout: settings.timeoutMs,
    maxRetries: 2,
    configuration: { baseURL: settings.baseURL },
  });
  return {
    fitted: false,
    id: `openai-compatible(model=${settings.model},dimensions=${settings.dimensions ?? "native"})`,
    prepare: async (): Promise<Embeddings> => embeddings,
    persist: async () => undefined,
    load: async (): Promise<Embeddings> => embeddings,
  };
}
