import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskInput, QaChain } from "../src/answer/qa-chain.js";
import type { RagContext } from "../src/context.js";
import { financeContext } from "./support/finance-context.js";
import { captureLogger, testApp } from "./support/test-app.js";

let context: RagContext;
let dataDir: string;
let cleanup: () => Promise<void>;
let server: Server;
let url: string;
let lines: string[];

/** A chain that announces its sources, then waits until the request is cancelled. */
const hanging = {
  invoke: (input: AskInput) =>
    new Promise((_resolve, reject) => {
      input.onSources?.([]);
      input.signal?.addEventListener("abort", () => reject(input.signal!.reason as Error), { once: true });
    }),
} as unknown as QaChain;

beforeAll(async () => {
  ({ context, dataDir, cleanup } = await financeContext());
  const captured = captureLogger();
  lines = captured.lines;
  const { app } = testApp({ ...context, chain: hanging }, { dataDir, logger: captured.logger });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await cleanup();
});

/** Sends a request and gives up after `afterMs`, as `curl -m` does. */
async function abandon(path: string, accept: string, afterMs: number): Promise<void> {
  const request = fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept },
    body: JSON.stringify({ question: "What is the daily limit for Harbor Send?" }),
    signal: AbortSignal.timeout(afterMs),
  });
  // A stream's headers arrive before the abort; its body is read until the client gives up.
  await request.then((response) => response.text()).catch(() => undefined);
}

const requestLines = () => lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === "request" && entry.path !== "/metrics");

describe("a client that goes away before the answer", () => {
  it("is counted and logged as 499 / aborted, for JSON and streamed answers", async () => {
    await abandon("/v1/ask", "application/json", 300);
    await abandon("/v1/ask/stream", "text/event-stream", 300);
    await expect.poll(() => requestLines().length).toBe(2);
    expect(requestLines().map(({ path, status, aborted }) => ({ path, status, aborted }))).toEqual([
      { path: "/v1/ask", status: 499, aborted: true },
      { path: "/v1/ask/stream", status: 499, aborted: true },
    ]);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('http_requests_total{method="POST",route="/v1/ask",status="499"} 1');
    expect(metrics).toContain('http_requests_total{method="POST",route="/v1/ask/stream",status="499"} 1');
    expect(metrics).not.toMatch(/http_requests_total\{method="POST",route="\/v1\/ask[^"]*",status="200"\}/);
  });
});
