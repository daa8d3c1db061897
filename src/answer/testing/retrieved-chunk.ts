import type { RetrievedChunk } from "../../retrieval/types.js";

/** A retrieved chunk for answer tests: document `doc-<rank>`, titled `Doc <rank>`, under one section. */
export const retrievedChunk = (rank: number, section: string, text: string, score = 0.5): RetrievedChunk => ({
  id: `doc-${rank}#${section}`,
  docId: `doc-${rank}`,
  ordinal: 0,
  title: `Doc ${rank}`,
  section,
  headingPath: [`Doc ${rank}`, section],
  text,
  score,
  rank,
  metadata: {},
});
