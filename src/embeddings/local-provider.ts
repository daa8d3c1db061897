import type { Embeddings } from "@langchain/core/embeddings";
import { DEFAULT_LSA_OPTIONS, LsaEmbeddings, type LsaOptions, lsaEmbedderId } from "./lsa/lsa-embeddings.js";
import type { EmbedderProvider } from "./embedder-provider.js";

/** The offline default: LSA fitted on the corpus's chunks at ingest; every chunk embedded on `workers` threads (1: in this thread). */
export function localEmbedderProvider(options: Partial<LsaOptions> = {}, threads: { workers?: number } = {}): EmbedderProvider {
  const workers = threads.workers ?? 1;
  const settings = { ...DEFAULT_LSA_OPTIONS, ...options };
  return {
    fitted: true,
    fitSample: settings.fitSample,
    id: lsaEmbedderId(settings),
    async prepare(texts, options = {}): Promise<Embeddings> {
      return LsaEmbeddings.fit(texts, settings, { ...options, workers });
    },
    async embedAll(embeddings, texts, options = {}): Promise<number[][]> {
      if (!(embeddings instanceof LsaEmbeddings)) throw new TypeError("local provider can only embed with LsaEmbeddings");
      return embeddings.embedMany(texts, { workers, onProgress: options.onProgress });
    },
    async persist(embeddings: Embeddings, directory: string): Promise<void> {
      if (!(embeddings instanceof LsaEmbeddings)) throw new TypeError("local provider can only persist LsaEmbeddings");
      await embeddings.save(directory);
    },
    load: (directory: string) => LsaEmbeddings.load(directory),
  };
}
