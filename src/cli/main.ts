#!/usr/bin/env node
import { Command, InvalidArgumentError } from "commander";
import { pino } from "pino";
import type { AskResult } from "../answer/qa-chain.js";
import { type ConfigOverrides, loadConfig } from "../config/config.js";
import { createRagContext, ingest } from "../context.js";
import { AppError } from "../errors.js";
import { startServer } from "../server/server.js";

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError("must be a positive integer");
  return parsed;
}

function overridesFrom(options: { corpus?: string; topK?: number; port?: number; dataDir?: string }): ConfigOverrides {
  return { corpus: options.corpus, "retrieval.topK": options.topK, port: options.port, dataDir: options.dataDir };
}

const formatMs = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

function printAnswer(result: AskResult): void {
  console.log(result.refused ? "Answer (refused):" : "Answer:");
  console.log(`  ${result.answer}\n`);
  if (result.citations.length > 0) {
    console.log("Sources:");
    for (const citation of result.citations) {
      console.log(`  [${citation.n}] ${citation.title} > ${citation.section}  (${citation.docId}, score ${citation.score.toFixed(3)})`);
      console.log(`      "${citation.snippet.replace(/\s+/g, " ")}"`);
    }
    console.log("");
  } else if (result.refused && result.retrieved.length > 0) {
    console.log("Closest passages (not enough to answer):");
    for (const chunk of result.retrieved.slice(0, 3)) console.log(`  - ${chunk.title} > ${chunk.section} (score ${chunk.score.toFixed(3)})`);
    console.log("");
  }
  for (const warning of result.warnings) console.log(`Warning: ${warning}`);
  const { retrieveMs, answerMs, totalMs } = result.timings;
  console.log(`retrieve ${formatMs(retrieveMs)}, answer ${formatMs(answerMs)}, total ${formatMs(totalMs)} · answerer: ${result.usedAnswerer}`);
}

// `npm run ask -- ... | head` closes stdout early; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = new Command()
  .name("rag")
  .description("Vertical-domain RAG starter: ingest a corpus, ask questions, serve over HTTP.")
  .showHelpAfterError();

program
  .command("ingest")
  .description("(Re)build the index of a corpus and print what was done")
  .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json (default: CORPUS or finance)")
  .option("--data-dir <dir>", "where indexes are written (default: DATA_DIR or ./data)")
  .action(async (options: { corpus?: string; dataDir?: string }) => {
    const config = loadConfig(process.env, overridesFrom(options));
    console.log(`Ingesting corpus "${config.corpus}"...`);
    const result = await ingest(config, { onStage: (stage, detail) => console.log(`  ${stage}: ${detail}`) });
    const { manifest } = result;
    const t = manifest.timingsMs;
    console.log(
      [
        `Indexed ${manifest.counts.documents} documents into ${manifest.counts.chunks} chunks (${manifest.counts.skipped} files skipped).`,
        ...manifest.skipped.map((skip) => `  skipped ${skip.path}: ${skip.reason}`),
        `Embedder: ${manifest.embedder.id}, ${manifest.embedder.dimensions} dimensions.`,
        `Time: ${formatMs(t.total)} (load ${formatMs(t.load)}, chunk ${formatMs(t.chunk)}, fit ${formatMs(t.fit)}, embed ${formatMs(t.embed)}, index ${formatMs(t.index)}, save ${formatMs(t.save)}).`,
        `Index: ${result.directory}`,
      ].join("\n"),
    );
  });

program
  .command("ask")
  .description("Answer one question from the index, with numbered citations")
  .argument("<question...>", "the question (quote it)")
  .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
  .option("-k, --top-k <n>", "chunks to retrieve", positiveInteger)
  .option("--json", "print the full result as JSON")
  .option("--data-dir <dir>", "where indexes are read from")
  .action(async (words: string[], options: { corpus?: string; topK?: number; json?: boolean; dataDir?: string }) => {
    const config = loadConfig(process.env, overridesFrom(options));
    const context = await createRagContext(config);
    const result = await context.chain.invoke({ question: words.join(" ") });
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else printAnswer(result);
  });

program
  .command("serve")
  .description("Serve the HTTP API")
  .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
  .option("-p, --port <port>", "port (default: PORT or 3000)", positiveInteger)
  .option("--build-if-needed", "build the index first when it is missing or stale")
  .option("--data-dir <dir>", "where indexes are read from")
  .action(async (options: { corpus?: string; port?: number; buildIfNeeded?: boolean; dataDir?: string }) => {
    const config = loadConfig(process.env, overridesFrom(options));
    const logger = pino({ level: config.logLevel, redact: ["req.headers.authorization", "*.apiKey"] });
    const context = await createRagContext(config, {
      buildIfNeeded: options.buildIfNeeded,
      onBuild: (reasons) => console.log(`Building the index of corpus "${config.corpus}" first: ${reasons.join("; ")}.`),
      onStage: (stage, detail) => console.log(`  ${stage}: ${detail}`),
    });
    const { manifest } = context.index;
    await startServer(context, logger);
    console.log(
      `Serving corpus "${manifest.corpus.name}" (${manifest.counts.documents} documents, ${manifest.counts.chunks} chunks, answerer: ${context.answererName})`,
    );
    console.log(`Listening on http://${config.host}:${config.port}`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) console.error(`Error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
