import type { NextFunction, Request, Response } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { finalStatus } from "./response-status.js";

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The service's Prometheus metrics, in a registry of its own (one per app, so tests do not collide). */
export interface ServiceMetrics {
  registry: Registry;
  requests: Counter<"method" | "route" | "status">;
  requestDuration: Histogram<"method" | "route" | "status">;
  stageDuration: Histogram<"stage">;
  answers: Counter<"answerer" | "refused">;
  indexDocuments: Gauge;
  indexChunks: Gauge;
  ready: Gauge;
}

export function createMetrics(): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({ name: "http_requests_total", help: "HTTP requests by route and status", labelNames: ["method", "route", "status"], registers: [registry] }),
    requestDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency by route and status (for streams: until the stream ends)",
      labelNames: ["method", "route", "status"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    stageDuration: new Histogram({
      name: "rag_stage_duration_seconds",
      help: "Time per pipeline stage: rewrite (follow-ups only), retrieve, answer",
      labelNames: ["stage"],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    answers: new Counter({ name: "rag_answers_total", help: "Answers by answerer and refusal", labelNames: ["answerer", "refused"], registers: [registry] }),
    indexDocuments: new Gauge({ name: "rag_index_documents", help: "Documents in the loaded index", registers: [registry] }),
    indexChunks: new Gauge({ name: "rag_index_chunks", help: "Chunks (vectors) in the loaded index", registers: [registry] }),
    ready: new Gauge({ name: "rag_ready", help: "1 when the index is loaded and the service takes requests", registers: [registry] }),
  };
}

/** The route pattern a request matched ("/v1/documents/*id"), or "unmatched" for 404s, so labels stay few. */
function routeLabel(request: Request): string {
  const route = request.route as { path?: unknown } | undefined;
  return typeof route?.path === "string" ? `${request.baseUrl}${route.path}` : "unmatched";
}

/** Counts every request and observes its latency when the response ends (or the client goes away: status 499). */
export function metricsMiddleware(metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const labels = { method: request.method, route: routeLabel(request), status: String(finalStatus(response)) };
      metrics.requests.inc(labels);
      metrics.requestDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    response.once("finish", record);
    response.once("close", record);
    next();
  };
}

/** Stage timings of one answer, in milliseconds as the chain reports them. */
export function observeStages(metrics: ServiceMetrics, timings: { rewriteMs?: number; retrieveMs: number; answerMs?: number }): void {
  if (timings.rewriteMs !== undefined) metrics.stageDuration.observe({ stage: "rewrite" }, timings.rewriteMs / 1000);
  metrics.stageDuration.observe({ stage: "retrieve" }, timings.retrieveMs / 1000);
  if (timings.answerMs !== undefined) metrics.stageDuration.observe({ stage: "answer" }, timings.answerMs / 1000);
}
