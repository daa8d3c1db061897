import type { Server } from "node:http";
import type { Logger } from "pino";
import type { RagContext } from "../context.js";
import { createApp } from "./app.js";

/** Starts listening; resolves once the port is bound. SIGTERM/SIGINT stop accepting and let in-flight requests finish. */
export async function startServer(context: RagContext, logger: Logger, options: { shutdownTimeoutMs?: number } = {}): Promise<Server> {
  const app = createApp({ context, logger });
  const { host, port } = context.config;
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down: no new connections, finishing in-flight requests");
    const timer = setTimeout(() => {
      logger.warn("shutdown deadline passed, closing remaining connections");
      server.closeAllConnections();
    }, options.shutdownTimeoutMs ?? 10_000);
    timer.unref();
    server.close(() => {
      logger.info("server closed");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  return server;
}
