import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { financeContext } from "./support/finance-context.js";
import { type OpenAIStub, startOpenAIStub } from "./support/openai-stub.js";

const QUESTION = "What is the daily limit for Harbor Send?";

let dataDir: string;
let cleanup: () => Promise<void>;
let stub: OpenAIStub;

beforeAll(async () => {
  ({ dataDir, cleanup } = await financeContext());
  stub = await startOpenAIStub();
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

/** Runs `serve` as a real process (as `npm run serve` does) and resolves with its URL once it is ready. */
async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null>; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("src/cli/main.ts"), "serve"], {
    env: {
      ...process.env,
      CORPORA_DIR: path.resolve("corpora"),
      DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "info",
      ANSWERER: "llm",
      OPENAI_BASE_URL: stub.baseURL,
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
    stub.behaviour = { reply: "Harbor Send allows $2,500 per day [1].", delayMs: 1500 };
    const requestsBefore = stub.chatRequests.length;
    const service = await startService({ SHUTDOWN_TIMEOUT_MS: "10000" });
    const inFlight = ask(service.url);
    await expect.poll(() => stub.chatRequests.length, { timeout: 5000 }).toBe(requestsBefore + 1);
    service.child.kill("SIGTERM");
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).answer).toBe("Harbor Send allows $2,500 per day [1].");
    expect(await service.exited).toBe(0);
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    expect(service.output()).toContain("shutting down: no new connections, finishing in-flight requests");
  });

  it("closes what is still open after SHUTDOWN_TIMEOUT_MS and still exits 0", async () => {
    stub.behaviour = { reply: "too late [1]", delayMs: 5000 };
    const requestsBefore = stub.chatRequests.length;
    const service = await startService({ SHUTDOWN_TIMEOUT_MS: "300", LLM_TIMEOUT_MS: "10000" });
    const inFlight = ask(service.url).then(
      (response) => response.status,
      () => "connection closed",
    );
    await expect.poll(() => stub.chatRequests.length, { timeout: 5000 }).toBe(requestsBefore + 1);
    const signalled = performance.now();
    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(3000);
    expect(await inFlight).toBe("connection closed");
    expect(service.output()).toContain("shutdown deadline passed, closing remaining connections");
  });
});
