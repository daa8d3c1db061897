import { readFileSync } from "node:fs";
import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/server/server.js";
import { EventStreamParser } from "../src/ui/event-stream-parser.js";
import { configFor, financeContext } from "./support/finance-context.js";
import { type FuzzRequest, describeRequest, fuzzRequest } from "./support/fuzz-requests.js";
import { captureLogger } from "./support/test-app.js";

// Property-based fuzzing of the HTTP service over a real listening socket (as clients reach it):
// never a 5xx, every error in the documented shape with a documented code, no stack trace, no secret.
const API_KEY = "fuzz-api-key-3f9c2a7d1e6b4058";
const LLM_KEY = "sk-fuzz-llm-secret-8e1d4c7b2a9f6035";
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_214);
const BATCH = 25;
const RUNS = 400; // 10,000 requests
const TIME_LIMIT_MS = 100_000;

/** Status -> codes, read from the error table in docs/API.md: a code it does not list fails the suite. */
function documentedCodes(): Map<number, Set<string>> {
  const doc = readFileSync("docs/API.md", "utf8");
  const table = new Map<number, Set<string>>();
  for (const [, status, codes] of doc.matchAll(/^\| (\d{3}) \| ([^|]+) \|/gm)) {
    table.set(Number(status), new Set([...codes!.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!)));
  }
  return table;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });

function send(base: string, request: FuzzRequest): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${base}${request.path}`, { method: request.method, headers: request.headers, agent, timeout: 15_000 }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8") }));
      incoming.on("error", reject);
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within 15 s: ${request.method} ${request.path}`)));
    outgoing.on("error", (error) => reject(new Error(`${error.message} for ${describeRequest(request)}`)));
    outgoing.end(request.body);
  });
}

const STACK_TRACE = /\n\s+at .+:\d+:\d+|node_modules|\/src\/|\.ts:\d+/;

let cleanup: () => Promise<void>;
let running: RunningServer;
let lines: string[];
const codes = documentedCodes();

/** Checks one reply; returns a description of what is wrong, or undefined. */
function problem(request: FuzzRequest, reply: Reply): string | undefined {
  const raw = `${JSON.stringify(reply.headers)}\n${reply.body}`;
  if (reply.status >= 500) return `status ${reply.status}`;
  if (raw.includes(API_KEY) || raw.includes(LLM_KEY)) return "a secret in the response";
  if (STACK_TRACE.test(reply.body)) return "a stack trace or source path in the response";
  const isStream = String(reply.headers["content-type"]).startsWith("text/event-stream");
  if (isStream) {
    for (const event of new EventStreamParser().push(reply.body)) {
      if (event.event === "error") return errorShapeProblem(JSON.parse(event.data), reply.status === 200 ? undefined : reply.status);
    }
    return undefined;
  }
  if (reply.status < 400 || request.method === "HEAD") return undefined;
  if (!String(reply.headers["content-type"]).startsWith("application/json")) return `error with content-type ${reply.headers["content-type"]}`;
  return errorShapeProblem(JSON.parse(reply.body), reply.status);
}

function errorShapeProblem(body: unknown, status: number | undefined): string | undefined {
  const parsed = body as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  if (typeof parsed !== "object" || parsed === null || Object.keys(parsed).join() !== "error") return `not {"error": ...}: ${JSON.stringify(body)}`;
  const error = parsed.error ?? {};
  const keys = Object.keys(error).filter((key) => key !== "details");
  if (keys.sort().join() !== "code,message" || typeof error.code !== "string" || typeof error.message !== "string") return `bad error shape: ${JSON.stringify(body)}`;
  const allowed = status === undefined ? new Set([...codes.values()].flatMap((set) => [...set])) : codes.get(status);
  if (!allowed?.has(error.code)) return `code ${error.code} is not documented for status ${status ?? "(stream)"}`;
  return undefined;
}

beforeAll(async () => {
  const env = { API_KEY, OPENAI_API_KEY: LLM_KEY, RATE_LIMIT_PER_MINUTE: "0", PORT: "0" };
  const built = await financeContext(env);
  cleanup = built.cleanup;
  const captured = captureLogger();
  lines = captured.lines;
  running = await startServer({ config: configFor(built.dataDir, env), context: built.context, logger: captured.logger });
});
afterAll(async () => {
  agent.destroy();
  await running.close();
  await cleanup();
});

describe("fuzz: 10,000 generated requests across every route", () => {
  it("never a 5xx, always the documented error shape and code, no stack trace, no secret", { timeout: TIME_LIMIT_MS + 30_000 }, async () => {
    expect(codes.get(400)).toEqual(new Set(["invalid_request", "invalid_json"]));
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzRequest(API_KEY), { minLength: BATCH, maxLength: BATCH }), async (requests) => {
        const replies = await Promise.all(requests.map((request) => send(running.url, request)));
        sent += requests.length;
        for (const [index, reply] of replies.entries()) {
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          const found = problem(requests[index]!, reply);
          if (found) throw new Error(`${found}\nrequest: ${describeRequest(requests[index]!)}\nreply: ${reply.status} ${reply.body.slice(0, 300)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: true, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // The generator reaches the handlers, not only the guards: successes and the main refusals all occur.
    for (const status of [200, 400, 401, 404, 405, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
    expect(lines.some((line) => JSON.parse(line).level >= 50)).toBe(false);
  });

  it("leaves the process serving: /healthz and /readyz answer at once", async () => {
    const timings: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      const started = performance.now();
      const reply = await send(running.url, { method: "GET", path: "/healthz", headers: {} });
      timings.push(performance.now() - started);
      expect(reply.status).toBe(200);
    }
    expect(timings.sort((a, b) => a - b)[10]!).toBeLessThan(50);
    expect((await send(running.url, { method: "GET", path: "/readyz", headers: {} })).status).toBe(200);
  });
});
