import type { Chunk } from "../chunking/types.js";
import type { RagContext } from "../context.js";
import type { DocumentResponse } from "./schemas.js";

/**
 * Every document of the loaded index with its chunks in reading order, so a source can be shown in
 * context. It holds the chunks, not copies of their texts: a text is read when its document is asked
 * for (on the embedded backend, from the build's chunk text file).
 */
export class DocumentCatalog {
  private readonly documents = new Map<string, { document: Omit<DocumentResponse, "chunks">; chunks: Chunk[] }>();

  constructor(context: Pick<RagContext, "manifest" | "backend">) {
    const chunksByDocument = new Map<string, Chunk[]>();
    for (const chunk of context.backend.chunks) {
      const chunks = chunksByDocument.get(chunk.docId) ?? [];
      chunks.push(chunk);
      chunksByDocument.set(chunk.docId, chunks);
    }
    for (const document of context.manifest.documents) {
      const chunks = (chunksByDocument.get(document.id) ?? []).sort((a, b) => a.ordinal - b.ordinal);
      this.documents.set(document.id, { document: { id: document.id, title: document.title, sourcePath: document.sourcePath, metadata: document.metadata }, chunks });
    }
  }

  get(id: string): DocumentResponse | undefined {
    const entry = this.documents.get(id);
    if (!entry) return undefined;
    const chunks = entry.chunks.map((chunk) => ({ chunkId: chunk.id, ordinal: chunk.ordinal, section: chunk.section, headingPath: chunk.headingPath, text: chunk.text }));
    return { ...entry.document, chunks };
  }
}
