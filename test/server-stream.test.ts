import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RagContext, createRagContext } from "../src/context.js";
import { type ServerSentEvent, EventStreamParser } from "../src/ui/event-stream-parser.js";
import { configFor, financeContext } from "./support/finance-context.js";
import { type OpenAIStub, startOpenAIStub } from "./support/openai-stub.js";
import { testApp } from "./support/test-app.js";

const QUESTION = "What is the daily limit for Harbor Send?";
const LLM_REPLY = "Harbor Send allows $2,500 per day and $10,000 per rolling 30 days [1].";

let context: RagContext;
let dataDir: string;
let cleanup: () => Promise<void>;
const servers: Server[] = [];

/** Serves the app on a loopback port (streams and cancellation need a real socket). */
async function serve(serviceContext: RagContext, env: Record<string, string> = {}): Promise<string> {
  const { app } = testApp(serviceContext, { dataDir, env });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function post(url: string, body: unknown, init: { accept?: string; signal?: AbortSignal } = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: init.accept ?? "text/event-stream" },
    body: JSON.stringify(body),
    signal: init.signal,
  });
}

/** Reads events as they arrive; `stopAfter` returns early (the caller may then cancel). */
async function readEvents(response: Response, stopAfter?: (event: ServerSentEvent) => boolean): Promise<ServerSentEvent[]> {
  const parser = new EventStreamParser();
  const events: ServerSentEvent[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (const event of parser.push(decoder.decode(chunk, { stream: true }))) {
      events.push(event);
      if (stopAfter?.(event)) return events;
    }
  }
  return events;
}

const data = (event: ServerSentEvent | undefined) => JSON.parse(event?.data ?? "null");
const withoutTimings = ({ timings: _timings, ...rest }: Record<string, unknown>) => rest;

beforeAll(async () => {
  ({ context, dataDir, cleanup } = await financeContext());
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await cleanup();
});

describe("Server-Sent Events, offline answerer", () => {
  let url: string;
  beforeAll(async () => {
    url = await serve(context);
  });

  it("POST /v1/ask/stream sends sources, then tokens, then done with the same object /v1/ask returns", async () => {
    const response = await post(`${url}/v1/ask/stream`, { question: QUESTION });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    const events = await readEvents(response);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe("sources");
    expect(names.at(-1)).toBe("done");
    expect(names.slice(1, -1).every((name) => name === "token")).toBe(true);
    expect(names.length).toBeGreaterThanOrEqual(3);

    const sources = data(events[0]).citations;
    expect(sources).toHaveLength(6);
    expect(sources.map((citation: { n: number }) => citation.n)).toEqual([1, 2, 3, 4, 5, 6]);
    const done = data(events.at(-1));
    const tokens = events.filter((event) => event.event === "token").map((event) => data(event).text).join("");
    expect(tokens).toBe(done.answer);
    // Every cited source was announced in the sources event under the same number.
    for (const citation of done.citations) expect(sources[citation.n - 1].chunkId).toBe(citation.chunkId);

    const plain = await (await post(`${url}/v1/ask`, { question: QUESTION }, { accept: "application/json" })).json();
    expect(withoutTimings(done)).toEqual(withoutTimings(plain));
    // The extractive answer quotes its sources: the grounding check finds nothing unsupported.
    expect(done.unsupportedSentences).toBe(0);
  });

  it("POST /v1/ask with Accept: text/event-stream streams too", async () => {
    const response = await post(`${url}/v1/ask`, { question: QUESTION });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const names = (await readEvents(response)).map((event) => event.event);
    expect(names[0]).toBe("sources");
    expect(names.at(-1)).toBe("done");
  });

  it("a follow-up's rewritten question comes with the sources and in done", async () => {
    const history = [{ role: "user", content: "What is the monthly maintenance fee on Everyday Checking?" }];
    const events = await readEvents(await post(`${url}/v1/ask/stream`, { question: "and for Premier Checking?", history }));
    expect(data(events[0]).rewrittenQuestion).toBe("What is the monthly maintenance fee on Premier Checking?");
    expect(data(events.at(-1)).rewrittenQuestion).toBe("What is the monthly maintenance fee on Premier Checking?");
  });

  it("an invalid request is a plain JSON error, not a stream", async () => {
    const response = await post(`${url}/v1/ask/stream`, { question: "" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await response.json()).error.code).toBe("invalid_request");
  });
});

describe("Server-Sent Events, LLM answerer (loopback stub)", () => {
  let stub: OpenAIStub;
  let url: string;
  let failingUrl: string;

  beforeAll(async () => {
    stub = await startOpenAIStub();
    const env = { ANSWERER: "llm", OPENAI_BASE_URL: stub.baseURL, LLM_STREAM: "true" };
    url = await serve(await createRagContext(configFor(dataDir, env)));
    const failingEnv = { ...env, LLM_FALLBACK: "error" };
    failingUrl = await serve(await createRagContext(configFor(dataDir, failingEnv)));
  });
  afterAll(() => stub.close());
  beforeEach(() => {
    stub.behaviour = { reply: LLM_REPLY };
  });

  it("streams the model's tokens as they arrive, in order", async () => {
    const events = await readEvents(await post(`${url}/v1/ask/stream`, { question: QUESTION }));
    const names = events.map((event) => event.event);
    expect(names[0]).toBe("sources");
    expect(names.at(-1)).toBe("done");
    const tokens = events.filter((event) => event.event === "token").map((event) => data(event).text);
    // The stub sends the reply in 7-character pieces.
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.join("")).toBe(LLM_REPLY);
    expect(data(events.at(-1))).toMatchObject({ answer: LLM_REPLY, usedAnswerer: "llm", refused: false });
    expect(stub.chatRequests.at(-1)?.stream).toBe(true);
  });

  it("the grounding check flags a sentence its cited source does not support, in done and in the JSON reply", async () => {
    stub.behaviour = { reply: `${LLM_REPLY} The limit rises to $9,999 for customers of 7 years [1].` };
    const done = data((await readEvents(await post(`${url}/v1/ask/stream`, { question: QUESTION }))).at(-1));
    const plain = await (await post(`${url}/v1/ask`, { question: QUESTION }, { accept: "application/json" })).json();
    for (const reply of [done, plain]) {
      expect(reply.answer).toBe(`${LLM_REPLY} The limit rises to $9,999 for customers of 7 years [1].`);
      expect(reply.unsupportedSentences).toBe(1);
      expect(reply.warnings).toEqual(['Unsupported sentence (checked against [1]): "The limit rises to $9,999 for customers of 7 years.": 9999, 7 not found in the cited source.']);
    }
    stub.behaviour = { reply: LLM_REPLY };
    const supported = data((await readEvents(await post(`${url}/v1/ask/stream`, { question: QUESTION }))).at(-1));
    expect(supported).toMatchObject({ unsupportedSentences: 0, warnings: [] });
  });

  it("sends an error event when the model fails after the stream started", async () => {
    stub.behaviour = { reply: "", status: 500 };
    const events = await readEvents(await post(`${failingUrl}/v1/ask/stream`, { question: QUESTION }));
    expect(events.map((event) => event.event)).toEqual(["sources", "error"]);
    expect(data(events[1]).error.code).toBe("upstream_error");
  });

  it("a model stream that fails midway sends reset, then the fallback's answer as tokens, then done", async () => {
    stub.behaviour = { reply: LLM_REPLY, failAfterPieces: 3 };
    const events = await readEvents(await post(`${url}/v1/ask/stream`, { question: QUESTION }));
    const names = events.map((event) => event.event);
    expect(names.slice(0, 5)).toEqual(["sources", "token", "token", "token", "reset"]);
    expect(data(events[4])).toEqual({});
    expect(events.slice(1, 4).map((event) => data(event).text).join("")).toBe(LLM_REPLY.slice(0, 21));
    expect(names.at(-1)).toBe("done");
    const done = data(events.at(-1));
    expect(done.usedAnswerer).toBe("extractive-fallback");
    const afterReset = events.slice(5, -1);
    expect(afterReset.every((event) => event.event === "token")).toBe(true);
    expect(afterReset.map((event) => data(event).text).join("")).toBe(done.answer);
  });

  it("closing the connection cancels the upstream LLM call", async () => {
    stub.behaviour = { reply: `${LLM_REPLY} ${"More text follows here. ".repeat(30)}`, tokenDelayMs: 50 };
    const cancelledBefore = stub.cancelled;
    const requestsBefore = stub.chatRequests.length;
    const controller = new AbortController();
    const response = await post(`${url}/v1/ask/stream`, { question: QUESTION }, { signal: controller.signal });
    const events = await readEvents(response, (event) => event.event === "token");
    expect(events.map((event) => event.event)).toEqual(["sources", "token"]);
    controller.abort();
    await expect.poll(() => stub.cancelled, { timeout: 3000 }).toBe(cancelledBefore + 1);
    expect(stub.chatRequests.length).toBe(requestsBefore + 1);
  });
});
