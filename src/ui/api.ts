import type { ChatTurn } from "../answer/question-rewriter.js";
import type { AskResponse, CorpusResponse, DocumentResponse } from "../server/schemas.js";
import { type AskStreamHandlers, applyAnswerEvent } from "./answer-events.js";
import { EventStreamParser } from "./event-stream-parser.js";

/** An API error as the server reported it ({error: {code, message}}). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const KEY_STORAGE = "rag-api-key";
let apiKey: string | null = sessionStorage.getItem(KEY_STORAGE);

/** Remembers the API key for this browser tab only. */
export function setApiKey(key: string): void {
  apiKey = key;
  sessionStorage.setItem(KEY_STORAGE, key);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(response.status, body.error?.code ?? "error", body.error?.message ?? response.statusText);
  } catch {
    return new ApiError(response.status, "error", `${response.status} ${response.statusText}`);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: headers({ accept: "application/json" }) });
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as T;
}

export const getCorpus = () => getJson<CorpusResponse>("v1/corpus");
export const getDocument = (id: string) => getJson<DocumentResponse>(`v1/documents/${encodeURIComponent(id)}`);

export interface AskRequestBody {
  question: string;
  history?: ChatTurn[];
}

/** POST /v1/ask/stream: calls the handlers as events arrive, resolves with the `done` payload. */
export async function askStream(body: AskRequestBody, handlers: AskStreamHandlers, signal: AbortSignal): Promise<AskResponse> {
  const response = await fetch("v1/ask/stream", {
    method: "POST",
    headers: headers({ "content-type": "application/json", accept: "text/event-stream" }),
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok || !response.body) throw await errorFrom(response);
  const parser = new EventStreamParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const event of parser.push(value)) {
      const end = applyAnswerEvent(event, handlers);
      if (end && "done" in end) return end.done;
      if (end) throw new ApiError(response.status, end.error.code, end.error.message);
    }
  }
  throw new ApiError(response.status, "stream_ended", "The answer stream ended early. Try again.");
}
