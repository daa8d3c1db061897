import type { MetadataValue } from "../corpus/types.js";

/** A retrievable unit of a document, with the heading path it sits under. */
export interface Chunk {
  /** Stable: `<docId>#<hash of heading path and text>`; the same text under the same document keeps its id. */
  id: string;
  docId: string;
  /** Position of the chunk in its document, from 0. */
  ordinal: number;
  /** Document title, then section, then subsection... */
  headingPath: string[];
  /** The chunk's own text, without the heading path. */
  text: string;
  /** Document metadata plus chunk fields (title, section, sourcePath). */
  metadata: Record<string, MetadataValue>;
}

/** The text that gets embedded and indexed: the heading path as context, then the chunk text. */
export function contextualText(chunk: Pick<Chunk, "headingPath" | "text">): string {
  return `${chunk.headingPath.join(" > ")}\n\n${chunk.text}`;
}
