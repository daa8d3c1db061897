import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EventStreamParser } from "../src/ui/event-stream-parser.js";
import { financeAndStub } from "./support/finance-and-stub.js";

const QUESTION = "What is the daily limit for Harbor Send?";
const SHUTTING_DOWN = "The service is shutting down and could not finish this request within SHUTDOWN_TIMEOUT_MS; retry it.";

const shared = financeAndStub();

/** Runs `serve` as a real process (as `npm run serve` does) and resolves with its URL once it is ready. */
async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null>; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("src/cli/main.ts"), "serve"], {
    env: {
      ...process.env,
      CORPORA_DIR: path.resolve("corpora"),
      DATA_DIR: shared.dataDir,
      PORT: "0",
      LOG_LEVEL: "info",
      ANSWERER: "llm",
      OPENAI_BASE_URL: shared.stub.baseURL,
      LLM_FALLBACK: "error",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not become ready:\n${output}`)), 30_000);
    const check = () => {
      const match = /Listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match && output.includes("Ready.")) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", check);
    void exited.then(() => reject(new Error(`serve exited early:\n${output}`)));
  });
  return { child, url, exited, output: () => output };
}

const ask = (url: string) =>
  fetch(`${url}/v1/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question: QUESTION }) });

describe("graceful shutdown on SIGTERM", () => {
  it("stops accepting, lets the request in flight finish, and exits 0", async () => {
    shared.stub.behaviour = { reply: "Harbor Send allows $2,500 per day [1].", delayMs: 1500 };
    const requestsBefore = shared.stub.chatRequests.length;
    const service = await startService({ SHUTDOWN_TIMEOUT_MS: "10000" });
    const inFlight = ask(service.url);
    await expect.poll(() => shared.stub.chatRequests.length, { timeout: 5000 }).toBe(requestsBefore + 1);
    service.child.kill("SIGTERM");
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).answer).toBe("Harbor Send allows $2,500 per day [1].");
    expect(await service.exited).toBe(0);
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    expect(service.output()).toContain("shutting down: no new connections, finishing in-flight requests");
  });

  it("answers what is still running after SHUTDOWN_TIMEOUT_MS with 503 shutting_down, closes it, and still exits 0", async () => {
    shared.stub.behaviour = { reply: "too late [1]", delayMs: 5000 };
    const requestsBefore = shared.stub.chatRequests.length;
    const service = await startService({ SHUTDOWN_TIMEOUT_MS: "300", LLM_TIMEOUT_MS: "10000" });
    const inFlight = ask(service.url).then(
      async (response) => ({ status: response.status, body: await response.json() }),
      () => "connection closed",
    );
    await expect.poll(() => shared.stub.chatRequests.length, { timeout: 5000 }).toBe(requestsBefore + 1);
    const signalled = performance.now();
    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(3000);
    expect(await inFlight).toEqual({ status: 503, body: { error: { code: "shutting_down", message: SHUTTING_DOWN } } });
    expect(service.output()).toContain("shutdown deadline passed, closing remaining connections");
  });

  it("ends a stream that outlives SHUTDOWN_TIMEOUT_MS with an error event (shutting_down), then closes it", async () => {
    shared.stub.behaviour = { reply: `Harbor Send allows $2,500 per day [1]. ${"More text follows. ".repeat(40)}`, tokenDelayMs: 100 };
    const requestsBefore = shared.stub.chatRequests.length;
    const service = await startService({ SHUTDOWN_TIMEOUT_MS: "300", LLM_TIMEOUT_MS: "30000", LLM_STREAM: "true" });
    const response = await fetch(`${service.url}/v1/ask/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ question: QUESTION }),
    });
    const parser = new EventStreamParser();
    const events: Array<{ event: string; data: string }> = [];
    const decoder = new TextDecoder();
    let signalled = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      events.push(...parser.push(decoder.decode(chunk, { stream: true })));
      if (signalled === 0 && events.some((event) => event.event === "token")) {
        expect(shared.stub.chatRequests.length).toBe(requestsBefore + 1);
        signalled = performance.now();
        service.child.kill("SIGTERM");
      }
    }
    expect(await service.exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(3000);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe("sources");
    expect(names.at(-1)).toBe("error");
    expect(names.slice(1, -1).every((name) => name === "token")).toBe(true);
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ error: { code: "shutting_down", message: SHUTTING_DOWN } });
  });
});
