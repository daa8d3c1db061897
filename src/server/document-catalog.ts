import type { RagContext } from "../context.js";
import type { DocumentResponse } from "./schemas.js";

type DocumentChunk = DocumentResponse["chunks"][number];

/** Every document of the loaded index with its chunks in reading order, so a source can be shown in context. */
export class DocumentCatalog {
  private readonly documents = new Map<string, DocumentResponse>();

  constructor(context: RagContext) {
    const chunksByDocument = new Map<string, DocumentChunk[]>();
    for (const stored of context.index.store.docstore._docs.values()) {
      const metadata = stored.metadata as Record<string, unknown>;
      const docId = String(metadata.docId);
      const headingPath = Array.isArray(metadata.headingPath) ? metadata.headingPath.map(String) : [];
      const chunk: DocumentChunk = {
        chunkId: String(metadata.chunkId ?? stored.id),
        ordinal: typeof metadata.ordinal === "number" ? metadata.ordinal : 0,
        section: String(metadata.section ?? metadata.title ?? ""),
        headingPath,
        text: stored.pageContent,
      };
      chunksByDocument.set(docId, [...(chunksByDocument.get(docId) ?? []), chunk]);
    }
    for (const document of context.index.manifest.documents) {
      const chunks = (chunksByDocument.get(document.id) ?? []).sort((a, b) => a.ordinal - b.ordinal);
      this.documents.set(document.id, { id: document.id, title: document.title, sourcePath: document.sourcePath, metadata: document.metadata, chunks });
    }
  }

  get(id: string): DocumentResponse | undefined {
    return this.documents.get(id);
  }
}
