import { Document } from "@langchain/core/documents";
import type { Chunk } from "../chunking/types.js";
import type { MetadataValue } from "../corpus/types.js";

/**
 * How a chunk is stored in a LangChain vector store (HNSWLib's docstore, PGVectorStore's rows): its
 * text as `pageContent`, everything else in metadata, plus its `label` (its number in the build).
 * The only place that converts between the two shapes.
 */
export function chunkToDocument(chunk: Chunk, label: number): Document {
  return new Document({ id: chunk.id, pageContent: chunk.text, metadata: storedMetadata(chunk, label) });
}

/** The metadata a chunk is stored with (what a stored document's filters match on). */
export function storedMetadata(chunk: Chunk, label: number): Record<string, MetadataValue> {
  return { ...chunk.metadata, chunkId: chunk.id, headingPath: chunk.headingPath, ordinal: chunk.ordinal, label };
}

const text = (value: unknown, fallback = ""): string => (value === undefined || value === null ? fallback : String(value));

/** The chunk a stored document was made from (`chunkToDocument` in reverse). */
export function documentToChunk(document: Pick<Document, "id" | "pageContent" | "metadata">): Chunk {
  const { chunkId, headingPath, ordinal, label: _label, ...metadata } = document.metadata as Record<string, unknown>;
  const title = text(metadata.title);
  return {
    id: text(chunkId ?? document.id),
    docId: text(metadata.docId),
    ordinal: typeof ordinal === "number" ? ordinal : 0,
    title,
    section: text(metadata.section, title),
    headingPath: Array.isArray(headingPath) ? headingPath.map(String) : [],
    text: document.pageContent,
    metadata: metadata as Record<string, MetadataValue>,
  };
}
