import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../src/server/app.js";
import { financeContext } from "./support/finance-context.js";

let app: Express;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const built = await financeContext();
  cleanup = built.cleanup;
  app = createApp({ context: built.context, logger: pino({ level: "silent" }) });
});
afterAll(() => cleanup());

describe("HTTP API", () => {
  it("GET /healthz answers", async () => {
    const response = await request(app).get("/healthz");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("POST /v1/ask returns a cited answer", async () => {
    const response = await request(app).post("/v1/ask").send({ question: "What is the daily limit for Harbor Send?" });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(["answer", "citations", "refused", "timings", "usedAnswerer", "warnings"]);
    expect(response.body.refused).toBe(false);
    expect(response.body.answer).toContain("$2,500");
    expect(response.body.usedAnswerer).toBe("extractive");
    const citation = response.body.citations[0];
    expect(Object.keys(citation).sort()).toEqual(["chunkId", "docId", "n", "score", "section", "snippet", "title"]);
    expect(citation.docId).toBe("transfers-and-payment-limits");
    expect(response.body.timings.totalMs).toBeGreaterThanOrEqual(response.body.timings.retrieveMs);
  });

  it("POST /v1/ask refuses out-of-corpus questions", async () => {
    const response = await request(app).post("/v1/ask").send({ question: "What is the capital of Australia?" });
    expect(response.status).toBe(200);
    expect(response.body.refused).toBe(true);
    expect(response.body.citations).toEqual([]);
  });

  it("rejects an invalid body with 400 naming the field", async () => {
    const response = await request(app).post("/v1/ask").send({ question: "", topK: 0 });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("invalid_request");
    expect(response.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(["question", "topK"]);
  });

  it("rejects unknown fields, malformed JSON and non-JSON bodies", async () => {
    expect((await request(app).post("/v1/ask").send({ question: "hi", extra: 1 })).status).toBe(400);
    const malformed = await request(app).post("/v1/ask").set("content-type", "application/json").send('{"question": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("invalid_json");
    const text = await request(app).post("/v1/ask").set("content-type", "text/plain").send("question");
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe("unsupported_media_type");
  });

  it("answers unknown routes with 404 in the error shape", async () => {
    const response = await request(app).get("/v1/nothing");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: "not_found", message: "No route for GET /v1/nothing." } });
  });
});
