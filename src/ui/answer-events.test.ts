import { describe, expect, it } from "vitest";
import { type AskStreamHandlers, applyAnswerEvent } from "./answer-events.js";

function recorder(): { handlers: AskStreamHandlers; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    handlers: {
      onSources: (citations, rewritten) => calls.push(`sources:${citations.length}:${rewritten ?? "-"}`),
      onToken: (text) => calls.push(`token:${text}`),
      onReset: () => calls.push("reset"),
    },
  };
}

describe("applyAnswerEvent", () => {
  it("passes sources, tokens and reset to the handlers in order", () => {
    const { handlers, calls } = recorder();
    const events = [
      { event: "sources", data: '{"citations":[],"rewrittenQuestion":"q?"}' },
      { event: "token", data: '{"text":"partial LLM te"}' },
      { event: "reset", data: "{}" },
      { event: "token", data: '{"text":"The offline answer [1]."}' },
    ];
    expect(events.map((event) => applyAnswerEvent(event, handlers))).toEqual([undefined, undefined, undefined, undefined]);
    expect(calls).toEqual(["sources:0:q?", "token:partial LLM te", "reset", "token:The offline answer [1]."]);
  });

  it("ends with done or error", () => {
    const { handlers, calls } = recorder();
    expect(applyAnswerEvent({ event: "done", data: '{"answer":"A [1]."}' }, handlers)).toEqual({ done: { answer: "A [1]." } });
    expect(applyAnswerEvent({ event: "error", data: '{"error":{"code":"shutting_down","message":"bye"}}' }, handlers)).toEqual({
      error: { code: "shutting_down", message: "bye" },
    });
    expect(calls).toEqual([]);
  });
});
