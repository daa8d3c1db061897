import type { Command } from "commander";
import { pino } from "pino";
import { loadConfig } from "../../config/config.js";
import { createRagContext } from "../../context.js";
import { startServer } from "../../server/server.js";
import { overridesFrom, positiveInteger } from "../options.js";
import { createStageProgress, INGEST_UNITS } from "../progress.js";

/** `serve`: serve the HTTP API and web UI. */
export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Serve the HTTP API")
    .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
    .option("-p, --port <port>", "port (default: PORT or 3000)", positiveInteger)
    .option("--build-if-needed", "build the index first when it is missing or stale")
    .option("--data-dir <dir>", "where indexes are read from")
    .action(async (options: { corpus?: string; port?: number; buildIfNeeded?: boolean; dataDir?: string }) => {
      const config = loadConfig(process.env, overridesFrom(options));
      const logger = pino({ level: config.logLevel, redact: ["req.headers.authorization", "*.apiKey", "apiKey"] });
      const progress = createStageProgress(INGEST_UNITS);
      const context = createRagContext(config, {
        buildIfNeeded: options.buildIfNeeded,
        onBuild: (reasons) => console.log(`Building the index of corpus "${config.corpus}" first: ${reasons.join("; ")}.`),
        onStage: (stage, detail) => {
          progress.stop();
          console.log(`  ${stage}: ${detail}`);
        },
        onProgress: progress.update,
      });
      // Listen while the index loads: /healthz answers at once, /readyz once the index is loaded.
      const running = await startServer({ config, context, logger, reload: () => createRagContext(config) });
      const shutdown = async (signal: string) => {
        logger.info({ signal }, "received signal");
        await running.close();
        process.exit(0);
      };
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      process.once("SIGINT", () => void shutdown("SIGINT"));
      console.log(`Listening on ${running.url} (web UI at ${running.url}/, API description at ${running.url}/openapi.json)`);
      let loaded: Awaited<typeof context>;
      try {
        loaded = await context;
      } catch (error) {
        await running.close();
        throw error;
      }
      const { manifest } = loaded;
      console.log(
        `Serving corpus "${manifest.corpus.name}" (${manifest.counts.documents} documents, ${manifest.counts.chunks} chunks, answerer: ${loaded.answererName})`,
      );
      console.log("Ready.");
    });
}
