import { Writable } from "node:stream";
import type { Express } from "express";
import { type Logger, pino } from "pino";
import type { RagContext } from "../../src/context.js";
import { createApp } from "../../src/server/app.js";
import { ServiceState } from "../../src/server/service-state.js";
import { configFor } from "./finance-context.js";

/** A pino logger that keeps its JSON lines in memory, so tests can read what was logged. */
export function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      callback();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

/**
 * The app over a loaded context (or a promise of one), with server settings from `env` (API_KEY,
 * RATE_LIMIT_PER_MINUTE, BODY_LIMIT, ...). The index is the context's; only the HTTP settings change.
 */
export function testApp(
  context: RagContext | Promise<RagContext>,
  options: { env?: Record<string, string>; dataDir: string; logger?: Logger },
): { app: Express; state: ServiceState } {
  const config = configFor(options.dataDir, options.env);
  const state = new ServiceState(context);
  const app = createApp({ config, state, logger: options.logger ?? pino({ level: "silent" }) });
  return { app, state };
}
