import type { Embeddings } from "@langchain/core/embeddings";
import { DEFAULT_LSA_OPTIONS, LsaEmbeddings, type LsaOptions } from "./lsa/lsa-embeddings.js";
import type { EmbedderProvider } from "./embedder-provider.js";

/** The offline default: LSA fitted on the corpus's chunks at ingest. */
export function localEmbedderProvider(options: Partial<LsaOptions> = {}): EmbedderProvider {
  const settings = { ...DEFAULT_LSA_OPTIONS, ...options };
  const o = settings;
  return {
    fitted: true,
    id: `local-lsa-v1(d=${o.dimensions},minDf=${o.minDf},max=${o.maxFeatures},bigrams=${o.bigrams},seed=${o.seed})`,
    async prepare(texts: string[]): Promise<Embeddings> {
      return LsaEmbeddings.fit(texts, settings);
    },
    async persist(embeddings: Embeddings, directory: string): Promise<void> {
      if (!(embeddings instanceof LsaEmbeddings)) throw new TypeError("local provider can only persist LsaEmbeddings");
      await embeddings.save(directory);
    },
    load: (directory: string) => LsaEmbeddings.load(directory),
  };
}
