import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RagContext } from "../src/context.js";
import { AskResponseSchema, CorpusResponseSchema, DocumentResponseSchema, SearchResponseSchema } from "../src/server/schemas.js";
import { financeContext } from "./support/finance-context.js";
import { testApp } from "./support/test-app.js";

let app: Express;
let context: RagContext;
let dataDir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ context, dataDir, cleanup } = await financeContext());
  ({ app } = testApp(context, { dataDir }));
});
afterAll(() => cleanup());

describe("HTTP API routes", () => {
  it("GET /healthz answers while the process is up", async () => {
    const response = await request(app).get("/healthz");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes a sane incoming x-request-id", async () => {
    const response = await request(app).get("/healthz").set("x-request-id", "trace-42");
    expect(response.headers["x-request-id"]).toBe("trace-42");
  });

  it("GET /readyz reports the loaded index", async () => {
    const response = await request(app).get("/readyz");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: "ready",
      corpus: "finance",
      documents: context.manifest.counts.documents,
      chunks: context.manifest.counts.chunks,
    });
  });

  it("POST /v1/ask returns a cited answer in the documented shape", async () => {
    const response = await request(app).post("/v1/ask").send({ question: "What is the daily limit for Harbor Send?" });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(["answer", "citations", "refused", "support", "timings", "unsupportedSentences", "usedAnswerer", "warnings"]);
    expect(AskResponseSchema.strict().safeParse(response.body).success).toBe(true);
    expect(response.body.refused).toBe(false);
    expect(response.body.answer).toContain("$2,500");
    expect(response.body.usedAnswerer).toBe("extractive");
    const citation = response.body.citations[0];
    expect(Object.keys(citation).sort()).toEqual(["chunkId", "docId", "n", "score", "section", "snippet", "title"]);
    expect(citation.docId).toBe("transfers-and-payment-limits");
    expect(Object.keys(response.body.timings).sort()).toEqual(["answerMs", "retrieveMs", "totalMs"]);
    expect(response.body.timings.totalMs).toBeGreaterThanOrEqual(response.body.timings.retrieveMs);
  });

  it("POST /v1/ask says which words it read as others and what it searched for", async () => {
    const response = await request(app).post("/v1/ask").send({ question: "What is the daily limmit for Harbor Send?" });
    expect(response.status).toBe(200);
    expect(AskResponseSchema.strict().safeParse(response.body).success).toBe(true);
    expect(response.body.corrections).toEqual([{ from: "limmit", to: "limit" }]);
    expect(response.body.searchQuery).toBe("What is the daily limit for Harbor Send?");
    expect(response.body.answer).toContain("$2,500");
  });

  it("POST /v1/ask refuses out-of-corpus questions", async () => {
    const response = await request(app).post("/v1/ask").send({ question: "What is the capital of Australia?" });
    expect(response.status).toBe(200);
    expect(response.body.refused).toBe(true);
    expect(response.body.answer).toMatch(/^The documents do not say/);
    expect(response.body.citations).toEqual([]);
  });

  it("POST /v1/ask rewrites a follow-up with the history and returns the rewritten question", async () => {
    const response = await request(app)
      .post("/v1/ask")
      .send({
        question: "and for a 12-month CD?",
        history: [
          { role: "user", content: "What is the early withdrawal penalty on a 24-month CD?" },
          { role: "assistant", content: "The penalty is 180 days of interest [1]." },
        ],
      });
    expect(response.status).toBe(200);
    expect(response.body.rewrittenQuestion).toBe("What is the early withdrawal penalty on a 12-month CD?");
    expect(response.body.timings.rewriteMs).toBeGreaterThanOrEqual(0);
    expect(response.body.refused).toBe(false);
    expect(response.body.citations.map((citation: { docId: string }) => citation.docId)).toContain("certificate-of-deposit-agreement");
  });

  it("passes topK and filters through to retrieval", async () => {
    const retrieve = vi.spyOn(context.retriever, "retrieve");
    const filters = { doc_type: "agreement", effective_date: { gte: "2026-01-01" }, product: ["Checking", "Savings"] };
    const response = await request(app).post("/v1/ask").send({ question: "What is the daily limit for Harbor Send?", topK: 3, filters });
    expect(response.status).toBe(200);
    expect(retrieve).toHaveBeenCalledWith(expect.objectContaining({ question: "What is the daily limit for Harbor Send?" }), { topK: 3, filters });
    retrieve.mockRestore();
  });

  it("POST /v1/ask/stream answers as Server-Sent Events", async () => {
    const response = await request(app).post("/v1/ask/stream").send({ question: "What is the daily limit for Harbor Send?" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    const names = [...response.text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(names[0]).toBe("sources");
    expect(names.at(-1)).toBe("done");
    expect(response.text).toContain("$2,500");
  });

  it("POST /v1/search returns ranked chunks with scores and snippets, no answer", async () => {
    const response = await request(app).post("/v1/search").send({ query: "Harbor Send daily limit", topK: 4 });
    expect(response.status).toBe(200);
    expect(SearchResponseSchema.strict().safeParse(response.body).success).toBe(true);
    expect(response.body.query).toBe("Harbor Send daily limit");
    expect(response.body.results.map((result: { rank: number }) => result.rank)).toEqual([1, 2, 3, 4]);
    const scores = response.body.results.map((result: { score: number }) => result.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(response.body.results[0].docId).toBe("transfers-and-payment-limits");
    expect(response.body.results[0].snippet).toContain("$2,500");
  });

  it("GET /v1/corpus describes the corpus, its counts and the index manifest", async () => {
    const response = await request(app).get("/v1/corpus");
    expect(response.status).toBe(200);
    expect(CorpusResponseSchema.strict().safeParse(response.body).success).toBe(true);
    expect(response.body.name).toBe("finance");
    expect(response.body.domain).toBe("retail banking");
    expect(response.body.examples).toEqual(context.corpus.manifest.examples);
    expect(response.body.documents).toBe(48);
    expect(response.body.chunks).toBe(context.manifest.counts.chunks);
    expect(response.body.manifest.buildId).toBe(context.manifest.buildId);
    // The server's folder layout is not published.
    expect(response.body.manifest.corpus.dir).toBeUndefined();
  });

  it("GET /v1/documents/:id returns the document with its chunks in reading order", async () => {
    const response = await request(app).get("/v1/documents/transfers-and-payment-limits");
    expect(response.status).toBe(200);
    expect(DocumentResponseSchema.strict().safeParse(response.body).success).toBe(true);
    expect(response.body.id).toBe("transfers-and-payment-limits");
    expect(response.body.title).toBe("Transfers, Payments and Limits");
    const ordinals = response.body.chunks.map((chunk: { ordinal: number }) => chunk.ordinal);
    expect(ordinals).toEqual([...ordinals].sort((a, b) => a - b));
    const documentEntry = context.manifest.documents.find((document) => document.id === "transfers-and-payment-limits");
    expect(response.body.chunks).toHaveLength(documentEntry!.chunks);
    expect(response.body.chunks.some((chunk: { text: string }) => chunk.text.includes("| Accounts open 30 days or more | $2,500 |"))).toBe(true);
  });

  it("GET /openapi.json is generated from the request schemas, with the configured limits", async () => {
    const response = await request(app).get("/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(Object.keys(response.body.paths).sort()).toEqual(
      ["/healthz", "/metrics", "/openapi.json", "/readyz", "/v1/ask", "/v1/ask/stream", "/v1/corpus", "/v1/documents/{id}", "/v1/search"].sort(),
    );
    const askRequest = response.body.components.schemas.AskRequest;
    expect(askRequest.required).toEqual(["question"]);
    expect(askRequest.additionalProperties).toBe(false);
    expect(askRequest.properties.question.maxLength).toBe(2000);
    expect(askRequest.properties.topK.maximum).toBe(50);
    const askResponse = response.body.components.schemas.AskResponse;
    expect(askResponse.required).toContain("unsupportedSentences");
    expect(askResponse.required).toContain("support");
    expect(askResponse.properties.support).toMatchObject({ type: "number", minimum: 0, maximum: 1 });
    expect(askResponse.properties.unsupportedSentences).toMatchObject({ type: "integer", minimum: 0 });
    expect(Object.keys(response.body.paths["/v1/ask"].post.responses).sort()).toEqual(
      ["200", "400", "401", "405", "413", "415", "429", "500", "502", "503", "504"].sort(),
    );
    expect(Object.keys(response.body.paths["/v1/ask"].post.responses["200"].content).sort()).toEqual(["application/json", "text/event-stream"]);
  });

  it("the OpenAPI document follows the configured limits", async () => {
    const { app: limited } = testApp(context, { dataDir, env: { MAX_QUESTION_CHARS: "300", MAX_TOP_K: "10" } });
    const response = await request(limited).get("/openapi.json");
    expect(response.body.components.schemas.AskRequest.properties.question.maxLength).toBe(300);
    expect(response.body.components.schemas.SearchRequest.properties.topK.maximum).toBe(10);
  });

  it("GET /metrics exposes request counts, latency histograms, stage timings and index size", async () => {
    const { app: fresh } = testApp(context, { dataDir });
    await request(fresh).post("/v1/ask").send({ question: "What is the daily limit for Harbor Send?" });
    await request(fresh).post("/v1/ask").send({ question: "" });
    await request(fresh).post("/v1/search").send({ query: "wire cutoff" });
    const response = await request(fresh).get("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toContain('http_requests_total{method="POST",route="/v1/ask",status="200"} 1');
    expect(text).toContain('http_requests_total{method="POST",route="/v1/ask",status="400"} 1');
    expect(text).toContain('http_requests_total{method="POST",route="/v1/search",status="200"} 1');
    expect(text).toContain('http_request_duration_seconds_count{method="POST",route="/v1/ask",status="200"} 1');
    expect(text).toContain('rag_stage_duration_seconds_count{stage="retrieve"} 2');
    expect(text).toContain('rag_stage_duration_seconds_count{stage="answer"} 1');
    expect(text).toContain('rag_answers_total{answerer="extractive",refused="false"} 1');
    expect(text).toContain(`rag_index_chunks ${context.retriever.size}`);
    expect(text).toContain(`rag_index_documents ${context.manifest.counts.documents}`);
    expect(text).toContain("rag_ready 1");
    expect(text).toContain("process_cpu_seconds_total");
  });

  it("serves the web UI from the same process, with no external URL", async () => {
    const page = await request(app).get("/");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.text).toContain('<script type="module" src="app.js"></script>');
    const script = await request(app).get("/app.js");
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.text).toContain("v1/ask/stream");
    const styles = await request(app).get("/app.css");
    expect(styles.status).toBe(200);
    for (const body of [page.text, script.text, styles.text]) expect(body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const cached = await request(app).get("/app.js").set("if-none-match", script.headers.etag!);
    expect(cached.status).toBe(304);
  });

  it("sends security headers", async () => {
    const response = await request(app).get("/");
    expect(response.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(response.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(response.headers["x-powered-by"]).toBeUndefined();
  });
});
