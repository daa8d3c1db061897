import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { AppError, IndexCorruptError, IndexDatabaseError, IndexNotFoundError, IndexStaleError, UpstreamError, UpstreamTimeoutError } from "../errors.js";
import type { Redactor } from "./redact-secrets.js";

/** An error with an HTTP status, raised by handlers and middleware for client mistakes and service states. */
export class HttpError extends AppError {
  readonly status: number;
  /** Extra response headers (Allow, Retry-After, WWW-Authenticate). */
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(code, message, { details: options.details });
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

/** The request ran past REQUEST_TIMEOUT_MS. */
export class RequestTimeoutError extends HttpError {
  constructor(timeoutMs: number) {
    super(504, "request_timeout", `The request did not finish within ${timeoutMs} ms (REQUEST_TIMEOUT_MS).`);
  }
}

/** The client went away before the answer was ready; nothing is sent back. */
export class ClientClosedError extends AppError {
  constructor() {
    super("client_closed", "The client closed the connection.");
  }
}

/** zod issues as `{path, message}` pairs for the `details` of a 400. */
export function validationError(error: z.ZodError, what = "request body"): HttpError {
  const details = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const summary = details.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message)).join("; ");
  return new HttpError(400, "invalid_request", `Invalid ${what}: ${summary}`, { details });
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface MappedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

const body = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

/** Any error as the status, headers and body the API answers with. Unknown errors become a generic 500. */
export function mapError(error: unknown): MappedError {
  if (error instanceof HttpError) return { status: error.status, headers: error.headers, body: body(error.code, error.message, error.details) };
  if (error instanceof UpstreamTimeoutError) return { status: 504, headers: {}, body: body(error.code, error.message) };
  if (error instanceof UpstreamError) return { status: 502, headers: {}, body: body(error.code, error.message) };
  if (error instanceof IndexNotFoundError || error instanceof IndexStaleError || error instanceof IndexCorruptError || error instanceof IndexDatabaseError) {
    return { status: 503, headers: {}, body: body(error.code, error.message) };
  }
  // body-parser errors carry a status and a type.
  const candidate = error as { status?: number; type?: string; message?: string; limit?: number };
  if (candidate.type === "entity.too.large") {
    return { status: 413, headers: {}, body: body("body_too_large", `Request body is larger than the limit of ${candidate.limit ?? "?"} bytes (BODY_LIMIT).`) };
  }
  if (candidate.type === "entity.parse.failed") {
    return { status: 400, headers: {}, body: body("invalid_json", `Request body is not valid JSON: ${candidate.message ?? ""}`.trim()) };
  }
  if (candidate.type === "encoding.unsupported" || candidate.type === "charset.unsupported") {
    return { status: 415, headers: {}, body: body("unsupported_media_type", candidate.message ?? "Unsupported body encoding.") };
  }
  // Any other client error from express or body-parser (a %-escape that does not decode, a body that
  // does not inflate) is an invalid request: only documented codes reach clients.
  if (typeof candidate.status === "number" && candidate.status >= 400 && candidate.status < 500) {
    return { status: 400, headers: {}, body: body("invalid_request", `Invalid request: ${candidate.message ?? "it could not be decoded."}`) };
  }
  return { status: 500, headers: {}, body: body("internal_error", "Internal server error. Quote the x-request-id header when reporting it.") };
}

/** An upstream failure's status and its own words (redacted: an endpoint may echo the Authorization header), for the log only. */
function upstreamFields(error: unknown, redact: Redactor): Record<string, unknown> {
  if (!(error instanceof UpstreamError)) return {};
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return { ...(error.status === undefined ? {} : { upstreamStatus: error.status }), ...(cause ? { upstreamMessage: redact(cause) } : {}) };
}

/** Logs what deserves a log line: every 5xx, with the request id; unknown errors with their stack; upstream failures with their status, redacted. */
export function logError(logger: Logger, error: unknown, status: number, response: Response, path: string, redact: Redactor): void {
  if (status < 500) return;
  const requestId = response.getHeader("x-request-id");
  if (status === 500) logger.error({ err: error, requestId, path }, "request failed");
  else {
    const fields = { requestId, path, status, code: (error as AppError).code, message: redact((error as Error).message), ...upstreamFields(error, redact) };
    logger.warn(fields, "request failed upstream");
  }
}

/** The one error middleware: every error becomes `{error: {code, message, details?}}` with the right status. */
export function errorHandler(logger: Logger, redact: Redactor): ErrorRequestHandler {
  return (error, request, response, _next) => {
    if (error instanceof ClientClosedError) return;
    const mapped = mapError(error);
    logError(logger, error, mapped.status, response, request.path, redact);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.set(mapped.headers).status(mapped.status).json(mapped.body);
  };
}
