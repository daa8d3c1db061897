import { Embeddings } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { EmbedderProvider } from "./embedder-provider.js";

export interface OpenAIEmbedderSettings {
  model: string;
  baseURL?: string;
  apiKey?: string;
  dimensions?: number;
  batchSize: number;
  /** Per request while building an index (with retries). */
  timeoutMs: number;
  /** A question's embedding at serving time: one attempt within this budget (search can go on without it). */
  queryTimeoutMs: number;
}

/**
 * Documents and questions through two clients of one endpoint: building an index can wait and retry,
 * a question cannot (its request has a deadline, and full-text search can answer without the vector).
 */
export class OpenAICompatibleEmbeddings extends Embeddings {
  constructor(
    private readonly documents: Embeddings,
    private readonly questions: Embeddings,
  ) {
    super({});
  }

  override embedDocuments(texts: string[]): Promise<number[][]> {
    return this.documents.embedDocuments(texts);
  }

  override embedQuery(text: string): Promise<number[]> {
    return this.questions.embedQuery(text);
  }
}

/** Any OpenAI-compatible /v1/embeddings endpoint (OpenAI, Ollama, vLLM, TEI, llama.cpp server). */
export function openAIEmbedderProvider(settings: OpenAIEmbedderSettings): EmbedderProvider {
  const client = (timeout: number, maxRetries: number) =>
    new OpenAIEmbeddings({
      model: settings.model,
      // Local servers do not check the key, but the client insists on one.
      apiKey: settings.apiKey ?? "not-needed",
      dimensions: settings.dimensions,
      batchSize: settings.batchSize,
      encodingFormat: "float",
      timeout,
      maxRetries,
      configuration: { baseURL: settings.baseURL },
    });
  const embeddings = new OpenAICompatibleEmbeddings(client(settings.timeoutMs, 2), client(settings.queryTimeoutMs, 0));
  return {
    fitted: false,
    id: `openai-compatible(model=${settings.model},dimensions=${settings.dimensions ?? "native"})`,
    prepare: async (): Promise<Embeddings> => embeddings,
    persist: async () => undefined,
    load: async (): Promise<Embeddings> => embeddings,
  };
}
