import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import type { RagContext } from "../context.js";
import { createApp } from "./app.js";
import { followBuilds } from "./build-follower.js";
import { onClientError, slowClientLimits } from "./client-errors.js";
import { ServiceState } from "./service-state.js";
import { createUiAssets } from "./ui-assets.js";

/** After the shutdown deadline, how long requests still running get to send their `shutting_down` answer. */
const STOP_FLUSH_MS = 500;

export interface RunningServer {
  server: Server;
  state: ServiceState;
  /** http://host:port as bound (port 0 picks a free one). */
  url: string;
  /**
   * Graceful shutdown: readiness fails, no new connections, in-flight requests finish; connections
   * still open after SHUTDOWN_TIMEOUT_MS are closed. Resolves when the server is closed.
   */
  close(): Promise<void>;
}

/**
 * Starts listening at once, so /healthz answers while the index loads (/readyz says when it is ready).
 * The web UI is bundled before listening, so a broken UI fails the start instead of the first page view.
 */
export async function startServer(options: {
  config: Config;
  context: RagContext | Promise<RagContext>;
  logger: Logger;
  /** Loads the current build again: with it, a pgvector server follows new builds every INDEX_POLL_SECONDS. */
  reload?: () => Promise<RagContext>;
}): Promise<RunningServer> {
  const { config, logger } = options;
  // The state takes hold of the context first, so a load that fails while the UI bundles is not an unhandled rejection.
  const state = new ServiceState(options.context);
  const ui = createUiAssets();
  await ui.load();
  const app = createApp({ config, state, logger, ui });
  const server = createServer(slowClientLimits(config.server.requestTimeoutMs), app);
  server.on("clientError", onClientError(config.server.requestTimeoutMs));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const follower =
    options.reload && config.index.backend === "pgvector" && config.index.pollSeconds > 0
      ? followBuilds({ state, intervalMs: config.index.pollSeconds * 1000, load: options.reload, logger })
      : undefined;
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      logger.info("shutting down: no new connections, finishing in-flight requests");
      state.drain();
      const following = follower?.stop();
      let flush: NodeJS.Timeout | undefined;
      const timer = setTimeout(() => {
        logger.warn({ shutdownTimeoutMs: config.server.shutdownTimeoutMs }, "shutdown deadline passed, closing remaining connections");
        // Requests still running answer 503 shutting_down (a stream: an error event); their connections
        // then go idle and the sweep closes them. Whatever has not ended by then is cut.
        state.stopInFlight();
        flush = setTimeout(() => server.closeAllConnections(), STOP_FLUSH_MS);
        flush.unref();
      }, config.server.shutdownTimeoutMs);
      timer.unref();
      // Keep-alive connections of requests that were in flight become idle later: close them as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 250);
      sweep.unref();
      server.close(() => {
        clearTimeout(timer);
        clearTimeout(flush);
        clearInterval(sweep);
        logger.info("server closed");
        // Release the index backend (the pgvector pool) once no request can use it any more: the
        // context being served, which is the loaded one unless a newer build was switched to.
        Promise.resolve(options.context)
          .then(() => following)
          .then(() => state.current?.close())
          .catch((error: unknown) => logger.warn({ err: error }, "closing the index backend failed"))
          .finally(resolve);
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { server, state, url: `http://${host}:${port}`, close };
}
