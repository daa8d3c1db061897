import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import type { RagContext } from "../context.js";
import { HttpError, errorHandler, validationError } from "./http-errors.js";
import { AskRequestSchema } from "./schemas.js";

export interface AppDeps {
  context: RagContext;
  logger: Logger;
}

/** Builds the express app without listening (server.ts listens; tests use supertest). */
export function createApp({ context, logger }: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use((request: Request, response: Response, next: NextFunction) => {
    const incoming = request.header("x-request-id");
    response.setHeader("x-request-id", incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID());
    next();
  });
  app.use(express.json({ limit: "32kb" }));

  app.get("/healthz", (_request, response) => {
    response.json({ status: "ok" });
  });

  app.post("/v1/ask", async (request, response) => {
    if (!request.is("application/json")) throw new HttpError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
    const parsed = AskRequestSchema.safeParse(request.body);
    if (!parsed.success) throw validationError(parsed.error);
    const controller = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) controller.abort();
    });
    const result = await context.chain.invoke({ question: parsed.data.question, topK: parsed.data.topK, signal: controller.signal });
    response.json({
      answer: result.answer,
      refused: result.refused,
      citations: result.citations,
      usedAnswerer: result.usedAnswerer,
      timings: result.timings,
      warnings: result.warnings,
    });
  });

  app.use((request: Request) => {
    throw new HttpError(404, "not_found", `No route for ${request.method} ${request.path}.`);
  });
  app.use(errorHandler(logger));
  return app;
}
