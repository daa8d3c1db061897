import type { ChatTurn } from "../answer/question-rewriter.js";
import type { Citation } from "../answer/types.js";
import { ApiError, askStream, getCorpus, getDocument, setApiKey } from "./api.js";
import { byId, element } from "./dom.js";
import { createSourceDialog } from "./source-dialog.js";
import { createTurnView } from "./turn-view.js";

// Follow-ups send the last few turns; each user turn is the standalone question that was searched.
const HISTORY_TURNS = 6;

const form = byId<HTMLFormElement>("ask-form");
const textarea = byId<HTMLTextAreaElement>("question");
const askButton = byId<HTMLButtonElement>("ask-button");
const stopButton = byId<HTMLButtonElement>("stop-button");
const newButton = byId<HTMLButtonElement>("new-button");
const conversation = byId<HTMLElement>("conversation");
const examples = byId<HTMLElement>("examples");
const exampleList = byId<HTMLUListElement>("example-list");
const keyForm = byId<HTMLFormElement>("api-key-form");
const keyInput = byId<HTMLInputElement>("api-key");

const sources = createSourceDialog(
  {
    dialog: byId<HTMLDialogElement>("source-dialog"),
    title: byId("source-title"),
    meta: byId("source-meta"),
    body: byId("source-body"),
    close: byId<HTMLButtonElement>("source-close"),
  },
  getDocument,
);
const openCitation = (citation: Citation, trigger: HTMLElement) => void sources.open(citation, trigger);

let history: ChatTurn[] = [];
let running: AbortController | undefined;
let exampleQuestions: string[] = [];

function setBusy(busy: boolean): void {
  askButton.disabled = busy;
  stopButton.hidden = !busy;
  form.setAttribute("aria-busy", String(busy));
}

function showExamples(): void {
  examples.hidden = exampleQuestions.length === 0 || conversation.childElementCount > 0;
}

async function ask(question: string): Promise<void> {
  if (running || question.trim() === "") return;
  const turn = createTurnView(question, openCitation);
  conversation.append(turn.element);
  showExamples();
  turn.element.scrollIntoView({ block: "nearest" });
  running = new AbortController();
  setBusy(true);
  try {
    const result = await askStream(
      { question, ...(history.length > 0 ? { history: history.slice(-HISTORY_TURNS) } : {}) },
      {
        onSources: (citations, rewritten) => turn.showSources(citations, rewritten),
        onToken: (text) => turn.appendToken(text),
        onReset: () => turn.resetAnswer(),
      },
      running.signal,
    );
    turn.finish(result);
    history.push({ role: "user", content: result.rewrittenQuestion ?? question }, { role: "assistant", content: result.answer });
  } catch (error) {
    if (running.signal.aborted) turn.stop();
    else if (error instanceof ApiError && (error.code === "missing_api_key" || error.code === "invalid_api_key")) {
      turn.fail(error.message);
      keyForm.hidden = false;
      keyInput.focus();
    } else turn.fail(error instanceof Error ? error.message : String(error));
  } finally {
    running = undefined;
    setBusy(false);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const question = textarea.value.trim();
  if (question === "") return;
  textarea.value = "";
  void ask(question);
});

textarea.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

stopButton.addEventListener("click", () => running?.abort());

newButton.addEventListener("click", () => {
  running?.abort();
  history = [];
  conversation.replaceChildren();
  showExamples();
  textarea.focus();
});

keyForm.addEventListener("submit", (event) => {
  event.preventDefault();
  setApiKey(keyInput.value.trim());
  keyInput.value = "";
  keyForm.hidden = true;
  void loadCorpus();
  textarea.focus();
});

async function loadCorpus(): Promise<void> {
  try {
    const corpus = await getCorpus();
    byId("corpus-title").textContent = `Ask the ${corpus.domain} documents`;
    byId("corpus-description").textContent = `${corpus.description} (${corpus.documents} documents, corpus “${corpus.name}”)`;
    document.title = `Ask the ${corpus.domain} documents`;
    exampleQuestions = corpus.examples;
    exampleList.replaceChildren(
      ...exampleQuestions.map((question) => {
        const item = element("li");
        const button = element("button", "example", question);
        button.type = "button";
        button.addEventListener("click", () => void ask(question));
        item.append(button);
        return item;
      }),
    );
    showExamples();
  } catch (error) {
    if (error instanceof ApiError && (error.code === "missing_api_key" || error.code === "invalid_api_key")) keyForm.hidden = false;
    else if (error instanceof ApiError && error.code === "index_not_ready") {
      byId("corpus-description").textContent = "The index is still loading…";
      setTimeout(() => void loadCorpus(), 2000);
    } else byId("corpus-description").textContent = `The corpus could not be loaded: ${(error as Error).message}`;
  }
}

void loadCorpus();
textarea.focus();
