import type { RagContext } from "../context.js";
import type { DocumentResponse } from "./schemas.js";

/** Every document of the loaded index with its chunks in reading order, so a source can be shown in context. */
export class DocumentCatalog {
  private readonly documents = new Map<string, DocumentResponse>();

  constructor(context: Pick<RagContext, "manifest" | "backend">) {
    const chunksByDocument = new Map<string, DocumentResponse["chunks"]>();
    for (const chunk of context.backend.chunks) {
      const entry = { chunkId: chunk.id, ordinal: chunk.ordinal, section: chunk.section, headingPath: chunk.headingPath, text: chunk.text };
      chunksByDocument.set(chunk.docId, [...(chunksByDocument.get(chunk.docId) ?? []), entry]);
    }
    for (const document of context.manifest.documents) {
      const chunks = (chunksByDocument.get(document.id) ?? []).sort((a, b) => a.ordinal - b.ordinal);
      this.documents.set(document.id, { id: document.id, title: document.title, sourcePath: document.sourcePath, metadata: document.metadata, chunks });
    }
  }

  get(id: string): DocumentResponse | undefined {
    return this.documents.get(id);
  }
}
