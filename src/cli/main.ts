#!/usr/bin/env node
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { pino } from "pino";
import type { AskResult } from "../answer/qa-chain.js";
import { type ConfigOverrides, loadConfig } from "../config/config.js";
import { createRagContext, ingest } from "../context.js";
import { AppError, ConfigError } from "../errors.js";
import { startServer } from "../server/server.js";
import { formatDetail } from "../eval/report.js";
import { renderAblationTable, runAblation } from "../eval/ablation.js";
import { parseFilterArguments } from "../retrieval/filters.js";
import { scaffoldCorpus } from "../corpus/scaffold.js";
import { createJudge } from "../eval/judge.js";
import { runEvaluation } from "../eval/run-eval.js";
import { createChatModel } from "../answer/create-answerer.js";
import { createProgress } from "./progress.js";

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
  .option("--full", "rebuild everything and refit the local embedder instead of re-embedding only what changed")
  .option("--lock-wait <seconds>", "how long to wait for another ingest of the same corpus to finish", positiveInteger, 300)
  .action(async (options: { corpus?: string; dataDir?: string; full?: boolean; lockWait: number }) => {
    const config = loadConfig(process.env, overridesFrom(options));
    console.log(`Ingesting corpus "${config.corpus}"...`);
    const progress = createProgress("embed", process.stderr, "chunks");
    const result = await ingest(config, {
      full: options.full,
      lockWaitMs: options.lockWait * 1000,
      onStage: (stage, detail) => {
        if (stage === "embed") progress.stop();
        console.log(`  ${stage}: ${detail}`);
      },
      onProgress: progress.update,
    });
    const build = result.manifest.build;
    const d = build.documents;
    console.log(
      `  ${build.mode} build: ${d.added} documents added, ${d.changed} changed, ${d.removed} removed, ${d.unchanged} unchanged; ` +
        `${build.chunks.embedded} chunks embedded, ${build.chunks.reused} reused; embedder model ${build.model}.`,
    );
    const { manifest } = result;
    const t = manifest.timingsMs;
    const byType = new Map<string, { documents: number; chunks: number }>();
    for (const document of manifest.documents) {
      const type = path.extname(document.sourcePath).slice(1).toLowerCase() || "none";
      const entry = byType.get(type) ?? { documents: 0, chunks: 0 };
      entry.documents += 1;
      entry.chunks += document.chunks;
      byType.set(type, entry);
    }
    const indexBytes = result.sizeBytes;
    console.log(
      [
        "",
        "type      documents  chunks",
        ...[...byType.entries()].sort().map(([type, entry]) => `${type.padEnd(9)} ${String(entry.documents).padStart(9)}  ${String(entry.chunks).padStart(6)}`),
        `${"total".padEnd(9)} ${String(manifest.counts.documents).padStart(9)}  ${String(manifest.counts.chunks).padStart(6)}`,
        "",
        `Skipped: ${manifest.counts.skipped}${manifest.skipped.length ? "" : " (none)"}`,
        ...manifest.skipped.map((skip) => `  ${skip.path}: ${skip.reason}`),
        `Embedder: ${manifest.embedder.id}, ${manifest.embedder.dimensions} dimensions.`,
        `Time: ${formatMs(t.total)} (load ${formatMs(t.load)}, chunk ${formatMs(t.chunk)}, fit ${formatMs(t.fit)}, embed ${formatMs(t.embed)}, index ${formatMs(t.index)}, save ${formatMs(t.save)}).`,
        `Index: ${result.directory} (${(indexBytes / 1024 / 1024).toFixed(1)} MiB)`,
      ].join("\n"),
    );
  });

program
  .command("ask")
  .description("Answer one question from the index, with numbered citations")
  .argument("<question...>", "the question (quote it)")
  .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
  .option("-k, --top-k <n>", "chunks to retrieve", positiveInteger)
  .option("-f, --filter <key=value>", "metadata filter, repeatable: doc_type=faq, product=A|B (any of), effective_date=>=2026-01-01", (value: string, previous: string[] = []) => [...previous, value])
  .option("--json", "print the full result as JSON")
  .option("--data-dir <dir>", "where indexes are read from")
  .action(async (words: string[], options: { corpus?: string; topK?: number; json?: boolean; dataDir?: string; filter?: string[] }) => {
    const config = loadConfig(process.env, overridesFrom(options));
    const filters = options.filter ? parseFilterArguments(options.filter) : undefined;
    const context = await createRagContext(config);
    const result = await context.chain.invoke({ question: words.join(" "), filters });
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
    const logger = pino({ level: config.logLevel, redact: ["req.headers.authorization", "*.apiKey", "apiKey"] });
    const context = createRagContext(config, {
      buildIfNeeded: options.buildIfNeeded,
      onBuild: (reasons) => console.log(`Building the index of corpus "${config.corpus}" first: ${reasons.join("; ")}.`),
      onStage: (stage, detail) => console.log(`  ${stage}: ${detail}`),
    });
    // Listen while the index loads: /healthz answers at once, /readyz once the index is loaded.
    const running = await startServer({ config, context, logger });
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
    const { manifest } = loaded.index;
    console.log(
      `Serving corpus "${manifest.corpus.name}" (${manifest.counts.documents} documents, ${manifest.counts.chunks} chunks, answerer: ${loaded.answererName})`,
    );
    console.log("Ready.");
  });

program
  .command("corpus:new")
  .description("Create corpora/<name>/ (commented corpus.json, README, an example document) and evals/<name>.jsonl with example cases")
  .argument("<name>", "corpus name: lower-case letters, digits, '-' and '_'")
  .action(async (name: string) => {
    const config = loadConfig(process.env);
    const files = await scaffoldCorpus(name, config.corporaDir, "evals");
    console.log(`Created:\n${files.map((file) => `  ${path.relative(process.cwd(), file)}`).join("\n")}`);
    console.log(`Next: add documents to corpora/${name}/docs/, then npm run ingest -- --corpus ${name}`);
  });

program
  .command("eval")
  .description("Run the eval set through the same chain the server uses; write reports; apply the quality gate (exit 0 pass, 1 gate failed, 2 harness error)")
  .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
  .option("--set <file>", "JSONL eval set (default: evals/<corpus>.jsonl)")
  .option("--out <dir>", "where to write report.json, report.md, report.html, junit.xml (default: reports/<corpus>)")
  .option("--k <n>", "retrieval depth for metrics", positiveInteger, 10)
  .option("--concurrency <n>", "cases in flight at once (default: 1 offline, where timings stay clean; 4 with an LLM)", positiveInteger)
  .option("--thresholds <file>", "gate floors per corpus", "evals/thresholds.json")
  .option("--baseline-dir <dir>", "where accepted baselines live", "evals/baseline")
  .option("--update-baseline", "record this run as the accepted baseline")
  .option("--ablation", "run the eval once per retrieval stage and print one comparison table (no gate, no reports)")
  .option("--judge-model <name>", "LLM judge model (or JUDGE_MODEL): adds faithfulness and correctness, advisory by default")
  .option("--repeat <n>", "ask the judge N times and report mean and spread", positiveInteger, 1)
  .option("--gate-on-judge", "let the judge's floors (thresholds.json judgeFloors) fail the gate")
  .option("--data-dir <dir>", "where indexes are read from")
  .action(async (options: { corpus?: string; set?: string; out?: string; k: number; concurrency?: number; thresholds: string; baselineDir: string; updateBaseline?: boolean; ablation?: boolean; dataDir?: string; judgeModel?: string; repeat: number; gateOnJudge?: boolean }) => {
    try {
      const config = loadConfig(process.env, overridesFrom(options));
      if (options.ablation) {
        const rows = await runAblation(config, { setPath: options.set, k: options.k, concurrency: 1, onStage: (name) => console.error(`running: ${name}`) });
        console.log(renderAblationTable(rows));
        return;
      }
      const judgeModel = options.judgeModel ?? config.judge.model;
      if (!judgeModel && options.gateOnJudge) throw new ConfigError("--gate-on-judge needs a judge: set JUDGE_MODEL or pass --judge-model.");
      const judge = judgeModel
        ? {
            judge: await createJudge(
              createChatModel({ ...config.llm, model: judgeModel, baseURL: config.judge.baseURL, apiKey: config.judge.apiKey, temperature: 0 }),
              judgeModel,
              path.join(config.dataDir, "judge-cache"),
            ),
            repeat: options.repeat,
            gate: options.gateOnJudge ?? false,
          }
        : undefined;
      const progress = createProgress("eval");
      const outcome = await runEvaluation(config, {
        judge,
        setPath: options.set,
        outDir: options.out,
        k: options.k,
        concurrency: options.concurrency ?? (config.answerer.kind === "llm" ? 4 : 1),
        thresholdsPath: options.thresholds,
        baselineDir: options.baselineDir,
        updateBaseline: options.updateBaseline ?? false,
        onProgress: progress.update,
      });
      progress.stop();
      const { report } = outcome;
      console.log(`\n${report.corpus}: ${report.summary.n} cases, answerer ${report.answerer}`);
      for (const metric of ["hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10", "factRecall", "citationPrecision", "refusalRecall", "falseRefusalRate", "passRate"] as const) {
        console.log(`  ${metric.padEnd(18)} ${formatDetail(report.details[metric])}`);
      }
      console.log(`  latency p50/p95    ${report.summary.latencyP50Ms} / ${report.summary.latencyP95Ms} ms (retrieve p50 ${report.summary.retrieveP50Ms} ms)`);
      if (report.judge) {
        const j = report.judge;
        console.log(`  judge ${j.model} (${j.gated ? "gating" : "advisory"}, ${j.repeats}x): faithfulness ${j.faithfulness.mean} ± ${j.faithfulness.spread}, correctness ${j.correctness.mean} ± ${j.correctness.spread}`);
      }
      for (const check of report.gate?.checks ?? []) if (!check.passed) console.log(`  GATE FAILED: ${check.message}`);
      console.log(`Gate: ${report.gate?.passed ? "passed" : "FAILED"}. Reports: ${outcome.files.join(", ")}`);
      if (outcome.baselineWritten) console.log(`Baseline written to ${outcome.baselineWritten}`);
      process.exitCode = outcome.exitCode;
    } catch (error) {
      console.error(`Eval harness error: ${error instanceof AppError ? error.message : String((error as Error).stack ?? error)}`);
      process.exitCode = 2;
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) console.error(`Error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
