import type { Logger } from "pino";
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRagContext } from "../src/context.js";
import { configFor, testConfig } from "./support/finance-context.js";
import { type OpenAIStub, startOpenAIStub } from "./support/openai-stub.js";
import { captureLogger, testApp } from "./support/test-app.js";

/**
 * The embeddings endpoint fails while serving (an index built with EMBEDDINGS_PROVIDER=openai): the
 * question cannot be embedded. Hybrid search goes on with full-text search alone, says so in
 * `warnings` and in the log, within EMBEDDINGS_QUERY_TIMEOUT_MS; dense-only search fails with a 502/504.
 */

const SECRET = "sk-test-EMBEDSECRET0123456789";
const QUESTION = "What is the daily limit for Harbor Send?";
const QUERY_TIMEOUT_MS = 400;

let stub: OpenAIStub;
let dataDir: string;
let cleanup: () => Promise<void>;
const env = (extra: Record<string, string> = {}) => ({
  EMBEDDINGS_PROVIDER: "openai",
  EMBEDDINGS_MODEL: "stub-embed",
  OPENAI_BASE_URL: stub.baseURL,
  OPENAI_API_KEY: SECRET,
  EMBEDDINGS_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
  ...extra,
});

async function served(extra: Record<string, string> = {}) {
  const { logger, lines } = captureLogger();
  const fullEnv = env(extra);
  const { app } = testApp(await createRagContext(configFor(dataDir, fullEnv)), { dataDir, env: fullEnv, logger: logger as Logger });
  return { app, lines };
}

beforeAll(async () => {
  stub = await startOpenAIStub();
  const made = await testConfig();
  dataDir = made.dataDir;
  cleanup = made.cleanup;
  // Build the finance index with the stub's embeddings (they answer while building).
  await createRagContext(configFor(dataDir, env()), { buildIfNeeded: true });
});
afterAll(async () => {
  await stub?.close();
  await cleanup?.();
});
beforeEach(() => {
  stub.embeddingFailure = undefined;
});

describe("a failing embeddings endpoint while serving", () => {
  it("a 500: /v1/search answers from full-text search alone, the same ranking as RETRIEVAL_MODE=sparse, and says so", async () => {
    const { app: healthy } = await served();
    const normal = await request(healthy).post("/v1/search").send({ query: QUESTION });
    expect(normal.status).toBe(200);
    expect(normal.body.warnings).toEqual([]);

    stub.embeddingFailure = { status: 500 };
    const { app, lines } = await served();
    const degraded = await request(app).post("/v1/search").send({ query: QUESTION });
    expect(degraded.status).toBe(200);
    expect(degraded.body.warnings).toEqual(["Dense search was skipped (the embeddings endpoint answered 500): these results come from full-text search alone."]);
    const { app: sparseApp } = await served({ RETRIEVAL_MODE: "sparse" });
    const sparse = await request(sparseApp).post("/v1/search").send({ query: QUESTION });
    expect(degraded.body.results.map((result: { chunkId: string }) => result.chunkId)).toEqual(sparse.body.results.map((result: { chunkId: string }) => result.chunkId));
    expect(degraded.body.results.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes("retrieval went on without a part") && line.includes("answered 500"))).toBe(true);
    for (const text of [JSON.stringify(degraded.body), ...lines]) expect(text).not.toContain("EMBEDSECRET");
  });

  it("a hung endpoint: /v1/ask answers from full-text search within the query budget, with the warning", async () => {
    stub.embeddingFailure = { delayMs: 10_000 };
    const { app } = await served();
    const started = performance.now();
    const response = await request(app).post("/v1/ask").send({ question: QUESTION });
    const ms = performance.now() - started;
    expect(response.status).toBe(200);
    expect(response.body.refused).toBe(false);
    expect(response.body.citations.length).toBeGreaterThan(0);
    expect(response.body.warnings).toContain("Dense search was skipped (the embeddings endpoint did not answer within EMBEDDINGS_QUERY_TIMEOUT_MS): these results come from full-text search alone.");
    // One attempt, no retry: the request does not wait for the hung endpoint (10 s).
    expect(ms).toBeLessThan(QUERY_TIMEOUT_MS + 4_000);
  });

  it("dense-only search has nothing to fall back on: 502 for an error status, 504 for a timeout, with what failed", async () => {
    stub.embeddingFailure = { status: 503 };
    const { app } = await served({ RETRIEVAL_MODE: "dense" });
    const failed = await request(app).post("/v1/search").send({ query: QUESTION });
    expect(failed.status).toBe(502);
    expect(failed.body.error.message).toContain("the embeddings endpoint answered 503");

    stub.embeddingFailure = { delayMs: 10_000 };
    const timedOut = await request(app).post("/v1/ask").send({ question: QUESTION });
    expect(timedOut.status).toBe(504);
    expect(timedOut.body.error.message).toContain("EMBEDDINGS_QUERY_TIMEOUT_MS");
    expect(JSON.stringify(timedOut.body)).not.toContain("EMBEDSECRET");
  });
});
