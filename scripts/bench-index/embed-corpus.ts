// Embeds the synthetic corpus with the project's own offline embedder: LsaEmbeddings fitted on a
// sample, then `embedSync` for every chunk. Text generation and embedding are timed apart.
import { LsaEmbeddings } from "../../src/embeddings/lsa/lsa-embeddings.js";
import { type LengthRange, type SyntheticCorpus, CHUNK_LENGTH } from "./synthetic-corpus.js";
import { createVectorSet, type VectorSet } from "./vector-set.js";

export interface FittedEmbedder {
  embeddings: LsaEmbeddings;
  sampleSize: number;
  fitMs: number;
}

export interface EmbeddedRange {
  vectors: VectorSet;
  generateMs: number;
  embedMs: number;
}

export interface EmbedRangeOptions {
  /** Index of the first chunk. */
  start: number;
  count: number;
  length?: LengthRange;
  /** Called after each batch, e.g. to sample memory. */
  onBatch?: (done: number) => void;
}

const BATCH = 1_000;

/** Fits LSA (the project's defaults, `dimensions` wide) on chunks 0..sampleSize-1. */
export async function fitOnSample(corpus: SyntheticCorpus, sampleSize: number, dimensions: number): Promise<FittedEmbedder> {
  const texts = Array.from({ length: sampleSize }, (_, index) => corpus.chunk(index));
  const started = performance.now();
  const embeddings = await LsaEmbeddings.fit(texts, { dimensions });
  return { embeddings, sampleSize, fitMs: performance.now() - started };
}

/** Generates and embeds chunks start..start+count-1 into a packed vector set, in batches. */
export function embedRange(corpus: SyntheticCorpus, embeddings: LsaEmbeddings, options: EmbedRangeOptions): EmbeddedRange {
  const vectors = createVectorSet(options.count, embeddings.k);
  let generateMs = 0;
  let embedMs = 0;
  for (let offset = 0; offset < options.count; offset += BATCH) {
    const size = Math.min(BATCH, options.count - offset);
    let mark = performance.now();
    const texts = Array.from({ length: size }, (_, slot) => corpus.chunk(options.start + offset + slot, options.length ?? CHUNK_LENGTH));
    generateMs += performance.now() - mark;
    mark = performance.now();
    texts.forEach((text, slot) => vectors.data.set(embeddings.embedSync(text), (offset + slot) * vectors.dimensions));
    embedMs += performance.now() - mark;
    options.onBatch?.(offset + size);
  }
  return { vectors, generateMs, embedMs };
}
