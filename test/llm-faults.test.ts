import type { Express } from "express";
import type { Logger } from "pino";
import request from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { createRagContext } from "../src/context.js";
import { type ServerSentEvent, EventStreamParser } from "../src/ui/event-stream-parser.js";
import { configFor } from "./support/finance-context.js";
import { financeAndStub } from "./support/finance-and-stub.js";
import { captureLogger, testApp } from "./support/test-app.js";

/**
 * The fault suite's upstream half (issue 14): the LLM endpoint answers 401 echoing the key, 429 with
 * Retry-After, 500, hangs, sends malformed JSON, or a stream that stops. Each case ends in a clear
 * error or the offline fallback within the deadline, and no secret reaches a client or the log.
 */

const QUESTION = "What is the daily limit for Harbor Send?";
const SECRET = "sk-test-SECRET0123456789abcdefXYZ";
/** What must never leave the service: the key, and any Bearer token. */
const LEAKS = [SECRET, "SECRET0123456789", "Bearer sk-"];

const shared = financeAndStub();
beforeEach(() => {
  shared.stub.behaviour = { reply: "Harbor Send allows $2,500 per day [1]." };
});

interface Served {
  app: Express;
  lines: string[];
}

/** The app with the LLM answerer against the stub; `env` adds LLM_TIMEOUT_MS, LLM_FALLBACK, REQUEST_TIMEOUT_MS, ... */
async function llmApp(env: Record<string, string>): Promise<Served> {
  const fullEnv = { ANSWERER: "llm", OPENAI_BASE_URL: shared.stub.baseURL, OPENAI_API_KEY: SECRET, ...env };
  const { logger, lines } = captureLogger();
  const { app } = testApp(await createRagContext(configFor(shared.dataDir, fullEnv)), { dataDir: shared.dataDir, env: fullEnv, logger: logger as Logger });
  return { app, lines };
}

function parseEvents(text: string): ServerSentEvent[] {
  return new EventStreamParser().push(text);
}

const eventData = (events: ServerSentEvent[], name: string) => JSON.parse(events.find((event) => event.event === name)?.data ?? "null");

async function ask(app: Express, body: Record<string, unknown> = { question: QUESTION }) {
  const started = performance.now();
  const response = await request(app).post("/v1/ask").send(body);
  return { response, ms: performance.now() - started };
}

async function askStream(app: Express, body: Record<string, unknown> = { question: QUESTION }) {
  const started = performance.now();
  const response = await request(app).post("/v1/ask/stream").set("accept", "text/event-stream").send(body);
  return { response, events: parseEvents(response.text), ms: performance.now() - started };
}

function expectNoSecret(...texts: string[]): void {
  for (const text of texts) for (const leak of LEAKS) expect(text).not.toContain(leak);
}

describe("401 that echoes the Authorization header", () => {
  beforeEach(() => {
    shared.stub.behaviour = { reply: "", status: 401, echoAuthorization: true };
  });

  it("the stub really echoes the key (the test would otherwise prove nothing)", async () => {
    const response = await fetch(`${shared.stub.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ model: "m", messages: [] }),
    });
    expect(await response.text()).toContain(`Bearer ${SECRET}`);
  });

  it("JSON route: 502 with a generic message naming the status; the log has status and code, no key", async () => {
    const { app, lines } = await llmApp({ LLM_FALLBACK: "error" });
    const { response } = await ask(app);
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe("upstream_error");
    expect(response.body.error.message).toBe("The LLM endpoint answered 401 when asked to answer: check OPENAI_API_KEY.");
    expectNoSecret(response.text, lines.join("\n"));
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === "request failed upstream");
    expect(logged).toMatchObject({ level: 40, status: 502, upstreamStatus: 401, code: "upstream_error" });
    // The upstream's own words stay useful in the log, with the key redacted.
    expect(logged.upstreamMessage).toContain("Bearer [REDACTED]");
  });

  it("stream route: the error event is generic and the log has no key", async () => {
    const { app, lines } = await llmApp({ LLM_FALLBACK: "error", LLM_STREAM: "true" });
    const { response, events } = await askStream(app);
    expect(events.map((event) => event.event)).toEqual(["sources", "error"]);
    expect(eventData(events, "error").error).toEqual({ code: "upstream_error", message: "The LLM endpoint answered 401 when asked to answer: check OPENAI_API_KEY." });
    expectNoSecret(response.text, lines.join("\n"));
    expect(lines.some((line) => line.includes('"upstreamStatus":401'))).toBe(true);
  });

  it("with the fallback on: the warning names the status, never the key (JSON and stream)", async () => {
    const { app, lines } = await llmApp({ LLM_FALLBACK: "extractive" });
    const { response } = await ask(app);
    expect(response.status).toBe(200);
    expect(response.body.usedAnswerer).toBe("extractive-fallback");
    expect(response.body.warnings).toContain("The LLM endpoint answered 401 when asked to answer: check OPENAI_API_KEY.");
    const streamed = await askStream(app);
    expect(eventData(streamed.events, "done").usedAnswerer).toBe("extractive-fallback");
    expectNoSecret(response.text, streamed.response.text, lines.join("\n"));
    // The operator sees the failure in the log, once per request, with the status and without the key.
    const logged = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "the LLM failed; the offline answerer answered");
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ level: 40, usedAnswerer: "extractive-fallback" });
    expect(logged[0].warnings).toContain("The LLM endpoint answered 401 when asked to answer: check OPENAI_API_KEY.");
  });

  it("the rewrite's fallback warning is generic too", async () => {
    const { app } = await llmApp({ LLM_FALLBACK: "extractive" });
    const history = [{ role: "user", content: "What is the monthly maintenance fee on Everyday Checking?" }];
    const { response } = await ask(app, { question: "and for Premier Checking?", history });
    expect(response.status).toBe(200);
    expect(response.body.warnings[0]).toBe("The LLM endpoint answered 401 when asked to rewrite the follow-up: check OPENAI_API_KEY. It was rewritten offline.");
    expectNoSecret(response.text);
  });
});

describe("429 with Retry-After: no retry outlives the deadline", () => {
  beforeEach(() => {
    shared.stub.behaviour = { reply: "", status: 429, headers: { "retry-after": "20" } };
  });

  it("JSON route falls back at LLM_TIMEOUT_MS, not after the Retry-After wait", async () => {
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "1000" });
    const requestsBefore = shared.stub.chatRequests.length;
    const { response, ms } = await ask(app);
    expect(response.status).toBe(200);
    expect(response.body.usedAnswerer).toBe("extractive-fallback");
    expect(ms).toBeLessThan(2500);
    // A retry that would start after the deadline is not made.
    expect(shared.stub.chatRequests.length).toBe(requestsBefore + 1);
  });

  it("JSON route with a request deadline shorter than Retry-After: the fallback, not a 504", async () => {
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "5000", REQUEST_TIMEOUT_MS: "2000" });
    const { response, ms } = await ask(app);
    expect(response.status).toBe(200);
    expect(response.body.usedAnswerer).toBe("extractive-fallback");
    expect(ms).toBeLessThan(2000);
  });

  it("stream route falls back at LLM_TIMEOUT_MS", async () => {
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "1000", LLM_STREAM: "true" });
    const { events, ms } = await askStream(app);
    expect(events.at(-1)?.event).toBe("done");
    expect(eventData(events, "done").usedAnswerer).toBe("extractive-fallback");
    expect(ms).toBeLessThan(2500);
  });

  it("with LLM_FALLBACK=error: 502 naming the status, within the deadline", async () => {
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "1000", LLM_FALLBACK: "error" });
    const { response, ms } = await ask(app);
    expect(ms).toBeLessThan(2500);
    expect(response.status).toBe(502);
    expect(response.body.error.message).toBe("The LLM endpoint answered 429 when asked to answer: it is rate limiting this service.");
  });

  it("a short Retry-After that fits the deadline is retried once", async () => {
    shared.stub.behaviour = { reply: "", status: 429, headers: { "retry-after": "0" } };
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "3000", LLM_FALLBACK: "error" });
    const requestsBefore = shared.stub.chatRequests.length;
    const { response } = await ask(app);
    expect(response.status).toBe(502);
    expect(shared.stub.chatRequests.length).toBe(requestsBefore + 2);
  });
});

describe("500, hangs, malformed JSON, streams that stop", () => {
  it("500: a clear 502 without the fallback, the fallback with it", async () => {
    shared.stub.behaviour = { reply: "", status: 500 };
    const failing = await llmApp({ LLM_FALLBACK: "error" });
    const { response } = await ask(failing.app);
    expect(response.status).toBe(502);
    expect(response.body.error.message).toBe("The LLM endpoint answered 500 when asked to answer.");
    const fallback = await llmApp({});
    const answered = await ask(fallback.app);
    expect(answered.response.body.usedAnswerer).toBe("extractive-fallback");
  });

  it("a hung endpoint: the fallback at LLM_TIMEOUT_MS, the call cancelled", async () => {
    shared.stub.behaviour = { reply: "late [1]", delayMs: 20_000 };
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "800" });
    const cancelledBefore = shared.stub.cancelled;
    const { response, ms } = await ask(app);
    expect(response.status).toBe(200);
    expect(response.body.usedAnswerer).toBe("extractive-fallback");
    expect(response.body.warnings).toContain("The LLM endpoint did not answer within 800 ms (LLM_TIMEOUT_MS).");
    expect(ms).toBeLessThan(2000);
    await expect.poll(() => shared.stub.cancelled).toBe(cancelledBefore + 1);
  });

  it("a hung endpoint with history: rewrite and answer share the request deadline, the fallback still answers", async () => {
    shared.stub.behaviour = { reply: "late", delayMs: 20_000 };
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "1000", REQUEST_TIMEOUT_MS: "1500" });
    const history = [{ role: "user", content: "What is the monthly maintenance fee on Everyday Checking?" }];
    const { response, ms } = await ask(app, { question: "and for Premier Checking?", history });
    expect(response.status).toBe(200);
    expect(response.body.usedAnswerer).toBe("extractive-fallback");
    expect(response.body.rewrittenQuestion).toBe("What is the monthly maintenance fee on Premier Checking?");
    expect(ms).toBeLessThan(1500);
  });

  it("the same on the stream route", async () => {
    shared.stub.behaviour = { reply: "late", delayMs: 20_000 };
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "1000", REQUEST_TIMEOUT_MS: "1500", LLM_STREAM: "true" });
    const history = [{ role: "user", content: "What is the monthly maintenance fee on Everyday Checking?" }];
    const { events, ms } = await askStream(app, { question: "and for Premier Checking?", history });
    expect(events.at(-1)?.event).toBe("done");
    expect(eventData(events, "done").usedAnswerer).toBe("extractive-fallback");
    expect(ms).toBeLessThan(1500);
  });

  it("malformed JSON: a clear 502, or the fallback", async () => {
    shared.stub.behaviour = { reply: "", malformed: true };
    const failing = await llmApp({ LLM_FALLBACK: "error" });
    const { response } = await ask(failing.app);
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe("upstream_error");
    expect(response.body.error.message).toMatch(/^The LLM endpoint sent a reply that could not be read when asked to answer/);
    const fallback = await llmApp({ LLM_STREAM: "true" });
    const { events } = await askStream(fallback.app);
    expect(eventData(events, "done").usedAnswerer).toBe("extractive-fallback");
  });

  it("a stream that stops sending: reset, then the fallback at LLM_TIMEOUT_MS", async () => {
    shared.stub.behaviour = { reply: "Harbor Send allows $2,500 per day [1]. More follows.", hangAfterPieces: 2 };
    const { app } = await llmApp({ LLM_TIMEOUT_MS: "1000", LLM_STREAM: "true" });
    const { events, ms } = await askStream(app);
    const names = events.map((event) => event.event);
    expect(names.slice(0, 4)).toEqual(["sources", "token", "token", "reset"]);
    expect(names.at(-1)).toBe("done");
    expect(eventData(events, "done").usedAnswerer).toBe("extractive-fallback");
    expect(ms).toBeLessThan(2500);
  });

  it("a stream whose connection drops: the fallback with a clear warning", async () => {
    shared.stub.behaviour = { reply: "Harbor Send allows $2,500 per day [1]. More follows.", failAfterPieces: 2 };
    const { app } = await llmApp({ LLM_STREAM: "true" });
    const { events } = await askStream(app);
    const done = eventData(events, "done");
    expect(done.usedAnswerer).toBe("extractive-fallback");
    expect(done.warnings[0]).toMatch(/^The LLM endpoint/);
    expectNoSecret(JSON.stringify(events));
  });
});
