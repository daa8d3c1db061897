import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import { askHandler } from "./ask-handler.js";
import { corpusHandler, documentHandler, searchHandler } from "./corpus-handlers.js";
import { HttpError, errorHandler } from "./http-errors.js";
import { createRedactor } from "./redact-secrets.js";
import { type ServiceMetrics, createMetrics, metricsMiddleware } from "./metrics.js";
import { createOpenApiDocument } from "./openapi.js";
import { requestId, requestLogger } from "./request-logging.js";
import { createRequestSchemas } from "./schemas.js";
import { cors, rateLimiter, requireApiKey, securityHeaders } from "./security.js";
import type { ServiceState } from "./service-state.js";
import { type UiBundle, createUiAssets } from "./ui-assets.js";

export interface AppDeps {
  config: Config;
  /** The service's context as it loads; routes that need the index answer 503 until it is ready. */
  state: ServiceState;
  logger: Logger;
  /** The bundled web UI (default: bundled from src/ui on first request). */
  ui?: { load(): Promise<UiBundle> };
  metrics?: ServiceMetrics;
}

function requireJson(request: Request, _response: Response, next: NextFunction): void {
  if (request.is("application/json")) next();
  else next(new HttpError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json."));
}

/** Routes one path to its handlers; any other method gets 405 with an Allow header. */
function route(app: Express, path: string, handlers: { get?: RequestHandler[]; post?: RequestHandler[] }): void {
  const entry = app.route(path);
  const allowed: string[] = [];
  if (handlers.get) {
    entry.get(...handlers.get);
    allowed.push("GET", "HEAD");
  }
  if (handlers.post) {
    entry.post(...handlers.post);
    allowed.push("POST");
  }
  const allow = [...allowed, "OPTIONS"].join(", ");
  entry.all((request: Request, response: Response) => {
    if (request.method === "OPTIONS") {
      response.setHeader("allow", allow);
      response.status(204).end();
      return;
    }
    throw new HttpError(405, "method_not_allowed", `${request.method} is not allowed on ${path}; use ${allowed.join(" or ")}.`, { headers: { allow } });
  });
}

/** Builds the express app without listening (server.ts listens; tests use supertest). */
export function createApp({ config, state, logger, ui = createUiAssets(), metrics = createMetrics() }: AppDeps): Express {
  const settings = config.server;
  const schemas = createRequestSchemas({ maxQuestionChars: settings.maxQuestionChars, maxTopK: settings.maxTopK });
  const openApi = createOpenApiDocument(schemas, {
    title: "Vertical RAG starter API",
    version: "1.0.0",
    description: "Cited answers, refusals and retrieval over one document corpus.",
  });
  state.onReady((context) => {
    metrics.indexDocuments.set(context.manifest.counts.documents);
    metrics.indexChunks.set(context.retriever.size);
  });

  const app = express();
  app.disable("x-powered-by");
  // JSON replies are computed per request; hashing each one for an ETag is wasted work (the UI sets its own).
  app.set("etag", false);
  app.set("trust proxy", settings.trustProxy === 0 ? false : settings.trustProxy);
  app.use(requestId, requestLogger(logger), metricsMiddleware(metrics));
  // A request uses the build it started on to the end, even if a newer one is switched to meanwhile.
  app.use((_request: Request, response: Response, next: NextFunction) => state.pin(response, next));
  app.use((_request: Request, response: Response, next: NextFunction) => {
    if (state.isDraining) response.setHeader("connection", "close");
    next();
  });
  app.use(securityHeaders(), cors(settings.corsOrigins));

  const guard = [rateLimiter(settings.rateLimitPerMinute), requireApiKey(settings.apiKey)];
  const jsonBody = [requireJson, express.json({ limit: settings.bodyLimit })];
  const scopeDeps = { state, schemas, metrics, requestTimeoutMs: settings.requestTimeoutMs };
  // Every key the service holds is kept out of the log, whatever an upstream echoes back.
  const redact = createRedactor([config.llm.apiKey, config.embeddings.apiKey, config.judge.apiKey, settings.apiKey]);

  route(app, "/v1/ask", { post: [...guard, ...jsonBody, askHandler({ ...scopeDeps, logger, redact }, { alwaysStream: false })] });
  route(app, "/v1/ask/stream", { post: [...guard, ...jsonBody, askHandler({ ...scopeDeps, logger, redact }, { alwaysStream: true })] });
  route(app, "/v1/search", { post: [...guard, ...jsonBody, searchHandler({ ...scopeDeps, logger })] });
  route(app, "/v1/corpus", { get: [...guard, corpusHandler(scopeDeps)] });
  route(app, "/v1/documents/*id", { get: [...guard, documentHandler(scopeDeps)] });

  route(app, "/healthz", { get: [(_request, response) => void response.json({ status: "ok" })] });
  route(app, "/readyz", {
    get: [
      (_request, response) => {
        if (state.isDraining) throw new HttpError(503, "shutting_down", "The service is shutting down.");
        const context = state.require();
        const { counts } = context.manifest;
        response.json({ status: "ready", corpus: context.corpus.manifest.name, documents: counts.documents, chunks: counts.chunks });
      },
    ],
  });
  route(app, "/metrics", {
    get: [
      async (_request, response) => {
        metrics.ready.set(state.status === "ready" ? 1 : 0);
        response.setHeader("content-type", metrics.registry.contentType);
        response.send(await metrics.registry.metrics());
      },
    ],
  });
  route(app, "/openapi.json", { get: [(_request, response) => void response.json(openApi)] });

  const serveUi = (name: keyof UiBundle): RequestHandler => async (request, response) => {
    const file = (await ui.load())[name];
    response.setHeader("cache-control", "no-cache");
    response.setHeader("etag", file.etag);
    if (request.header("if-none-match") === file.etag) {
      response.status(304).end();
      return;
    }
    response.setHeader("content-type", file.contentType);
    response.send(file.body);
  };
  route(app, "/", { get: [serveUi("index.html")] });
  route(app, "/app.js", { get: [serveUi("app.js")] });
  route(app, "/app.css", { get: [serveUi("app.css")] });

  app.use((request: Request) => {
    throw new HttpError(404, "not_found", `No route for ${request.method} ${request.path}.`);
  });
  app.use(errorHandler(logger, redact));
  return app;
}
