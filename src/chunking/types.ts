import type { MetadataValue } from "../corpus/types.js";

/**
 * A retrievable unit of a document, with the heading path it sits under: the one shape of a chunk
 * that every stage passes along (retrieval results and citations extend it).
 */
export interface Chunk {
  /** Stable: `<docId>#<hash of heading path and text>`; the same text under the same document keeps its id. */
  id: string;
  docId: string;
  /** Position of the chunk in its document (reading order), from 0. */
  ordinal: number;
  /** The document's title. */
  title: string;
  /** The heading path below the title ("Fees > Wires"), or the title for text before the first heading. */
  section: string;
  /** Document title, then section, then subsection... */
  headingPath: string[];
  /** The chunk's own text, without the heading path. */
  text: string;
  /** Document metadata (front matter, CSV/JSONL fields) plus `docId`, `title`, `section`, `sourcePath`: what filters match. */
  metadata: Record<string, MetadataValue>;
}

/** The text that gets embedded and indexed: the heading path as context, then the chunk text. */
export function contextualText(chunk: Pick<Chunk, "headingPath" | "text">): string {
  return `${chunk.headingPath.join(" > ")}\n\n${chunk.text}`;
}
