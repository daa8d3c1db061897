import type { Embeddings } from "@langchain/core/embeddings";
import type { ProgressCallback } from "../progress.js";

/**
 * How an index gets its embedder. The local provider fits a model on the corpus at build time and
 * saves it beside the index; a remote provider has nothing to fit or save.
 */
export interface EmbedderProvider {
  /** Recorded in the index manifest; an index built with another id is stale. */
  readonly id: string;
  /** True when the embedder is fitted on the corpus (vectors depend on the fit); false for fixed models. */
  readonly fitted: boolean;
  /** A fitted embedder: the most texts it is fitted on (a seeded sample of a larger corpus). */
  readonly fitSample?: number;
  /** The embedder for a new build (fitted on the texts when the provider learns from the corpus). */
  prepare(texts: string[], options?: { onProgress?: ProgressCallback }): Promise<Embeddings>;
  /**
   * Embeds all of a build's texts at once, in order, on the provider's worker threads (the local
   * model); exactly the vectors `embedDocuments` gives. A provider without it is called batch by batch.
   */
  embedAll?(embeddings: Embeddings, texts: readonly string[], options?: { onProgress?: (done: number, total: number) => void }): Promise<number[][]>;
  /** Saves what queries will need later into the build folder. */
  persist(embeddings: Embeddings, directory: string): Promise<void>;
  /** The embedder of an index that was built earlier. */
  load(directory: string): Promise<Embeddings>;
}
