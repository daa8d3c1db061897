import type { Citation } from "../answer/types.js";
import type { AskResponse } from "../server/schemas.js";
import type { ServerSentEvent } from "./event-stream-parser.js";

export interface AskStreamHandlers {
  onSources(citations: Citation[], rewrittenQuestion: string | undefined): void;
  onToken(text: string): void;
  /** Discard the text streamed so far: the model failed midway and the fallback's answer follows. */
  onReset(): void;
}

/** How a stream ended: the `done` payload or the `error` one; undefined while it goes on. */
export type StreamEnd = { done: AskResponse } | { error: { code: string; message: string } } | undefined;

/** Applies one event of /v1/ask/stream to the handlers (unknown events are ignored). */
export function applyAnswerEvent(event: ServerSentEvent, handlers: AskStreamHandlers): StreamEnd {
  const data = JSON.parse(event.data) as Record<string, unknown>;
  if (event.event === "sources") handlers.onSources(data.citations as Citation[], data.rewrittenQuestion as string | undefined);
  else if (event.event === "token") handlers.onToken(String(data.text ?? ""));
  else if (event.event === "reset") handlers.onReset();
  else if (event.event === "done") return { done: data as unknown as AskResponse };
  else if (event.event === "error") return { error: data.error as { code: string; message: string } };
  return undefined;
}
