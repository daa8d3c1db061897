import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import { HttpError } from "./http-errors.js";

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/**
 * Requires `Authorization: Bearer <key>` when a key is configured. Both sides are hashed first so the
 * comparison is constant-time and does not leak the key's length.
 */
export function requireApiKey(apiKey: string | undefined): RequestHandler {
  if (apiKey === undefined) return (_request, _response, next) => next();
  const expected = digest(apiKey);
  const challenge = { "www-authenticate": 'Bearer realm="rag"' };
  return (request: Request, _response: Response, next: NextFunction) => {
    const header = request.header("authorization");
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      next(new HttpError(401, "missing_api_key", "This API needs a key: send Authorization: Bearer <API_KEY>.", { headers: challenge }));
      return;
    }
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      next(new HttpError(401, "invalid_api_key", "The API key is not valid.", { headers: challenge }));
      return;
    }
    next();
  };
}

/** Per-client rate limiting over a one-minute window; 0 turns it off. Over the limit: 429 with Retry-After. */
export function rateLimiter(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_request, _response, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    handler: (_request, response, next) => {
      const retryAfter = response.getHeader("retry-after");
      next(
        new HttpError(429, "rate_limited", `Too many requests: at most ${perMinute} per minute (RATE_LIMIT_PER_MINUTE). Retry after ${retryAfter ?? 60} s.`, {
          headers: { "retry-after": String(retryAfter ?? 60) },
        }),
      );
    },
  });
}

const CORS_METHODS = "GET, POST, OPTIONS";
const CORS_HEADERS = "authorization, content-type, accept, x-request-id";
const CORS_EXPOSED = "x-request-id, retry-after, ratelimit, ratelimit-policy";

/**
 * CORS for an allow-list of origins (`*` allows any). Allowed origins get the CORS headers; a
 * preflight from any other origin gets a 403. Same-origin requests (the web UI) need none of this.
 */
export function cors(allowed: string[]): RequestHandler {
  const anyOrigin = allowed.includes("*");
  const origins = new Set(allowed);
  return (request: Request, response: Response, next: NextFunction) => {
    const origin = request.header("origin");
    if (!origin) {
      next();
      return;
    }
    const isAllowed = anyOrigin || origins.has(origin);
    const isPreflight = request.method === "OPTIONS" && request.header("access-control-request-method") !== undefined;
    if (isAllowed) {
      response.vary("Origin");
      response.setHeader("access-control-allow-origin", anyOrigin ? "*" : origin);
      response.setHeader("access-control-expose-headers", CORS_EXPOSED);
    }
    if (!isPreflight) {
      next();
      return;
    }
    if (!isAllowed) {
      next(new HttpError(403, "origin_not_allowed", `Origin ${origin} is not in CORS_ORIGINS.`));
      return;
    }
    response.setHeader("access-control-allow-methods", CORS_METHODS);
    response.setHeader("access-control-allow-headers", CORS_HEADERS);
    response.setHeader("access-control-max-age", "600");
    response.status(204).end();
  };
}

/** Security headers. The CSP allows only same-origin scripts, styles and fetches: the web UI needs nothing else. */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        // The service is often reached over plain HTTP on a LAN address; upgrading would break it.
        "upgrade-insecure-requests": null,
      },
    },
  });
}
