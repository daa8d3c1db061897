import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { finalStatus } from "./response-status.js";

const VALID_REQUEST_ID = /^[\w.-]{1,100}$/;

/** Reuses a sane incoming x-request-id or makes one; it is echoed in the response and in every log line. */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  const incoming = request.header("x-request-id");
  response.setHeader("x-request-id", incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID());
  next();
}

/**
 * One structured line per request when it ends (status 499 and `aborted` when the client went away
 * first). Only fields named here are logged: never headers or bodies, so the API key and users'
 * questions stay out of the logs.
 */
export function requestLogger(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      logger.info(
        {
          requestId: response.getHeader("x-request-id"),
          method: request.method,
          path: request.path,
          status: finalStatus(response),
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          ...(response.writableFinished ? {} : { aborted: true }),
        },
        "request",
      );
    };
    response.once("finish", log);
    response.once("close", log);
    next();
  };
}
