import type { Chunk } from "../chunking/types.js";
import { contextualText } from "../chunking/types.js";
import { type FeaturePart, featurePart, featurePartBuffers } from "./chunk-features.js";
import { typoText } from "./corpus-vocabulary.js";
import { type StoredTermStatistics, TermStatistics } from "./term-statistics.js";
import { type TypoPart, typoPart } from "./typo-correction.js";

/** The part of a chunk the derived data reads. */
export type DerivedChunk = Pick<Chunk, "text" | "headingPath">;

/** What the derived data takes from some consecutive chunks; merged in order by `retrievalFiles`. */
export interface DerivedPart {
  typos: TypoPart;
  statistics: StoredTermStatistics;
  features: FeaturePart;
}

/** Worker task (WorkerPool): the derived data of a slice of chunks that can be merged in order; the rest is built from all chunks in the calling thread. */
export function run(chunks: DerivedChunk[]): DerivedPart {
  return {
    typos: typoPart(chunks.map(typoText)),
    statistics: new TermStatistics(chunks.map(contextualText)).toStored(),
    features: featurePart(chunks),
  };
}

export function transferList(part: DerivedPart): ArrayBuffer[] {
  return [part.typos.context.buffer as ArrayBuffer, ...featurePartBuffers(part.features)];
}
