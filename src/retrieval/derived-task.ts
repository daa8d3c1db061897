import type { Chunk } from "../chunking/types.js";
import { type FeaturePart, featurePart, featurePartBuffers } from "./chunk-features.js";
import type { ChunkFeatureSets } from "./rerank.js";
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
  const typos = typoPart(chunks.map(typoText));
  // The content terms of `contextualText` are the heading path's, then the text's (no token spans the
  // " > " and blank line between them): the features compute both, so the statistics take them there.
  const statistics = new TermStatistics([]);
  const features = featurePart(chunks, (chunk) => statistics.add(contextualTerms(chunk)));
  return { typos, statistics: statistics.toStored(), features };
}

/** `contentTerms(contextualText(chunk))`, distinct, from a chunk's features: the heading path's terms, then the text's. */
function* contextualTerms(features: Pick<ChunkFeatureSets, "heading" | "sequence">): Generator<string> {
  yield* features.heading;
  yield* features.sequence;
}

export function transferList(part: DerivedPart): ArrayBuffer[] {
  return [part.typos.context.buffer as ArrayBuffer, ...featurePartBuffers(part.features)];
}
