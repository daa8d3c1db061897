import type { ErrorRequestHandler } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { AppError, IndexNotFoundError, IndexStaleError, UpstreamError, UpstreamTimeoutError } from "../errors.js";

/** An error with an HTTP status, raised by handlers for client mistakes. */
export class HttpError extends AppError {
  readonly status: number;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(code, message, { details });
    this.status = status;
  }
}

/** zod issues as `{path, message}` pairs for the `details` of a 400. */
export function validationError(error: z.ZodError): HttpError {
  const details = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const summary = details.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message)).join("; ");
  return new HttpError(400, "invalid_request", `Invalid request body: ${summary}`, details);
}

function statusOf(error: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message, details: error.details };
  if (error instanceof UpstreamTimeoutError) return { status: 504, code: error.code, message: error.message };
  if (error instanceof UpstreamError) return { status: 502, code: error.code, message: error.message };
  if (error instanceof IndexNotFoundError || error instanceof IndexStaleError) return { status: 503, code: error.code, message: error.message };
  // body-parser errors carry a status and a type.
  const candidate = error as { status?: number; type?: string; message?: string };
  if (candidate.type === "entity.too.large") return { status: 413, code: "body_too_large", message: "Request body is too large." };
  if (candidate.type === "entity.parse.failed") return { status: 400, code: "invalid_json", message: `Request body is not valid JSON: ${candidate.message ?? ""}`.trim() };
  if (typeof candidate.status === "number" && candidate.status >= 400 && candidate.status < 500) {
    return { status: candidate.status, code: "bad_request", message: candidate.message ?? "Bad request." };
  }
  return { status: 500, code: "internal_error", message: "Internal server error." };
}

/** The one error middleware: every error becomes `{error: {code, message, details?}}` with the right status. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const mapped = statusOf(error);
    const requestId = response.getHeader("x-request-id");
    if (mapped.status >= 500) logger.error({ err: error, requestId, path: request.path }, "request failed");
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(mapped.status).json({ error: { code: mapped.code, message: mapped.message, ...(mapped.details ? { details: mapped.details } : {}) } });
  };
}
