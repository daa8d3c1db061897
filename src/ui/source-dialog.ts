import type { Citation } from "../answer/types.js";
import type { DocumentResponse } from "../server/schemas.js";
import { element } from "./dom.js";
import { findHighlights } from "./highlight.js";
import { renderMarkdown } from "./markdown-view.js";

export interface SourceDialogElements {
  dialog: HTMLDialogElement;
  title: HTMLElement;
  meta: HTMLElement;
  body: HTMLElement;
  close: HTMLButtonElement;
}

/** A chunk's text as paragraphs, lists and tables, with the passages of `snippet` (if given) wrapped in <mark>. */
function chunkText(text: string, snippet?: string): HTMLElement {
  const container = element("div", "chunk-text");
  container.append(...renderMarkdown(text, { highlights: snippet === undefined ? [] : findHighlights(text, snippet) }));
  return container;
}

function metadataLine(source: DocumentResponse): string {
  const parts = [source.id];
  for (const key of ["doc_type", "product", "effective_date"]) {
    const value = source.metadata[key];
    if (typeof value === "string" || typeof value === "number") parts.push(`${key.replace(/_/g, " ")}: ${value}`);
  }
  return parts.join(" · ");
}

/**
 * Shows a cited source in context: the whole document, chunk by chunk, scrolled to the cited chunk
 * with the supporting text highlighted. A native <dialog>: Escape closes it and focus returns to the
 * marker that opened it.
 */
export function createSourceDialog(elements: SourceDialogElements, loadDocument: (id: string) => Promise<DocumentResponse>) {
  const cache = new Map<string, Promise<DocumentResponse>>();
  let returnFocus: HTMLElement | undefined;
  elements.close.addEventListener("click", () => elements.dialog.close());
  elements.dialog.addEventListener("close", () => returnFocus?.focus());
  // A click on the backdrop (outside the dialog box) closes it too.
  elements.dialog.addEventListener("click", (event) => {
    if (event.target === elements.dialog) elements.dialog.close();
  });

  return {
    async open(citation: Citation, trigger: HTMLElement): Promise<void> {
      returnFocus = trigger;
      elements.title.textContent = `[${citation.n}] ${citation.title}`;
      elements.meta.textContent = citation.section;
      elements.body.replaceChildren(element("p", "muted", "Loading the document…"));
      if (!elements.dialog.open) elements.dialog.showModal();
      let source: DocumentResponse;
      try {
        if (!cache.has(citation.docId)) cache.set(citation.docId, loadDocument(citation.docId));
        source = await cache.get(citation.docId)!;
      } catch (error) {
        cache.delete(citation.docId);
        elements.body.replaceChildren(element("p", "error", `Could not load the document: ${(error as Error).message}`));
        return;
      }
      elements.meta.textContent = metadataLine(source);
      let cited: HTMLElement | undefined;
      const sections = source.chunks.map((chunk) => {
        const section = element("section", "chunk");
        section.append(element("h3", "chunk-heading", chunk.headingPath.slice(1).join(" › ") || source.title));
        if (chunk.chunkId === citation.chunkId) {
          section.classList.add("cited");
          section.setAttribute("aria-label", `Cited passage, source ${citation.n}`);
          section.append(chunkText(chunk.text, citation.snippet));
          cited = section;
        } else {
          section.append(chunkText(chunk.text));
        }
        return section;
      });
      elements.body.replaceChildren(...sections);
      const target = cited?.querySelector("mark") ?? cited;
      target?.scrollIntoView({ block: "center" });
    },
  };
}
