import type { Citation } from "../answer/types.js";
import type { AskResponse } from "../server/schemas.js";
import { element } from "./dom.js";
import { renderMarkdown } from "./markdown-view.js";

export type OpenCitation = (citation: Citation, trigger: HTMLElement) => void;

/** One question and its answer in the conversation. */
export interface TurnView {
  readonly element: HTMLElement;
  showSources(citations: Citation[], rewrittenQuestion: string | undefined): void;
  appendToken(text: string): void;
  /** Clears the streamed text (the server sent `reset`: the fallback's answer follows). */
  resetAnswer(): void;
  finish(result: AskResponse): void;
  fail(message: string): void;
  stop(): void;
}

function citationLabel(citation: Citation): string {
  return `Source ${citation.n}: ${citation.title}${citation.section && citation.section !== citation.title ? ` › ${citation.section}` : ""}`;
}

/** Plain text with each [n] marker as a button that opens source n. */
function withMarkers(text: string, citations: Map<number, Citation>, open: OpenCitation): Array<Node | string> {
  const nodes: Array<Node | string> = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    nodes.push(text.slice(last, match.index));
    const citation = citations.get(Number(match[1]));
    if (citation) {
      const marker = element("button", "cite", String(citation.n));
      marker.type = "button";
      marker.setAttribute("aria-label", citationLabel(citation));
      marker.title = citationLabel(citation);
      marker.addEventListener("click", () => open(citation, marker));
      nodes.push(marker);
    } else {
      nodes.push(match[0]);
    }
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

/** Answer text as Markdown (paragraphs, lists, tables) with each [n] marker as a button that opens source n. */
function renderAnswer(container: HTMLElement, text: string, citations: Map<number, Citation>, open: OpenCitation): void {
  container.replaceChildren(...renderMarkdown(text, { renderText: (piece) => withMarkers(piece, citations, open) }));
}

function sourceList(citations: Citation[], open: OpenCitation, heading: string): HTMLElement {
  const section = element("section", "sources");
  section.append(element("h3", "sources-heading", heading));
  const list = element("ol", "source-list");
  for (const citation of citations) {
    const item = element("li");
    const button = element("button", "source-link");
    button.type = "button";
    button.append(element("span", "source-number", `[${citation.n}]`), ` ${citation.title}`);
    if (citation.section && citation.section !== citation.title) button.append(element("span", "source-section", ` › ${citation.section}`));
    button.addEventListener("click", () => open(citation, button));
    const snippet = element("blockquote", "snippet");
    snippet.append(...renderMarkdown(citation.snippet));
    item.append(button, snippet);
    list.append(item);
  }
  section.append(list);
  return section;
}

const formatMs = (ms: number): string => (ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`);

export function createTurnView(question: string, open: OpenCitation): TurnView {
  const article = element("article", "turn");
  article.setAttribute("aria-busy", "true");
  const asked = element("p", "question");
  asked.append(element("span", "visually-hidden", "You asked: "), question);
  const rewritten = element("p", "rewritten muted");
  rewritten.hidden = true;
  // Words of the question read as others (misspellings, clipped words), so a surprising answer can be traced to its reading.
  const corrected = element("p", "corrections muted");
  corrected.hidden = true;
  const status = element("p", "status muted", "Searching the documents…");
  const answer = element("div", "answer");
  const footer = element("div", "turn-footer");
  article.append(asked, corrected, rewritten, status, answer, footer);

  let retrieved = new Map<number, Citation>();
  let text = "";

  return {
    element: article,
    showSources(citations, rewrittenQuestion) {
      retrieved = new Map(citations.map((citation) => [citation.n, citation]));
      status.textContent = citations.length > 0 ? `Found ${citations.length} passages, writing the answer…` : "No matching passages.";
      if (rewrittenQuestion && rewrittenQuestion.trim() !== question.trim()) {
        rewritten.hidden = false;
        rewritten.replaceChildren("Searched for: ", element("q", "rewritten-question", rewrittenQuestion));
      }
    },
    appendToken(token) {
      text += token;
      renderAnswer(answer, text, retrieved, open);
    },
    resetAnswer() {
      text = "";
      answer.replaceChildren();
    },
    finish(result) {
      article.setAttribute("aria-busy", "false");
      status.remove();
      if (result.rewrittenQuestion && result.rewrittenQuestion.trim() !== question.trim()) {
        rewritten.hidden = false;
        rewritten.replaceChildren("Searched for: ", element("q", "rewritten-question", result.rewrittenQuestion));
      }
      if (result.corrections && result.corrections.length > 0) {
        corrected.hidden = false;
        corrected.replaceChildren("Read ", ...result.corrections.flatMap(({ from, to }, index) => [...(index > 0 ? [", "] : []), element("q", "", from), " as ", element("q", "", to)]));
      }
      const cited = new Map(result.citations.map((citation) => [citation.n, citation]));
      if (result.refused) {
        article.classList.add("refused");
        answer.replaceChildren(element("strong", "refused-label", "Not in the documents"), element("p", "", result.answer));
        const closest = [...retrieved.values()].slice(0, 3);
        if (closest.length > 0) footer.append(sourceList(closest, open, "Closest passages (they do not answer it)"));
      } else {
        renderAnswer(answer, result.answer, cited, open);
        if (result.citations.length > 0) footer.append(sourceList(result.citations, open, "Sources"));
      }
      for (const warning of result.warnings) footer.append(element("p", "warning", warning));
      const { retrieveMs, answerMs, totalMs } = result.timings;
      footer.append(element("p", "timings muted", `${result.usedAnswerer} · retrieve ${formatMs(retrieveMs)}, answer ${formatMs(answerMs)}, total ${formatMs(totalMs)}`));
    },
    fail(message) {
      article.setAttribute("aria-busy", "false");
      article.classList.add("failed");
      status.remove();
      footer.append(element("p", "error", message));
    },
    stop() {
      article.setAttribute("aria-busy", "false");
      status.remove();
      footer.append(element("p", "muted", "Stopped."));
    },
  };
}
