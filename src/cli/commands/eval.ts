import type { Command } from "commander";
import { loadConfig } from "../../config/config.js";
import { AppError, ConfigError } from "../../errors.js";
import { renderAblationTable, runAblation } from "../../eval/ablation.js";
import { createJudgeFor } from "../../eval/judge.js";
import { formatDetail } from "../../eval/report.js";
import { FOREIGN_SET_GATE, runEvaluation } from "../../eval/run-eval.js";
import { overridesFrom, positiveInteger } from "../options.js";
import { createProgress } from "../progress.js";

/** `eval`: run the eval set, write reports, apply the quality gate (exit 0 pass, 1 gate failed, 2 harness error). */
export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("Run the eval set through the same chain the server uses; write reports; apply the quality gate (exit 0 pass, 1 gate failed, 2 harness error)")
    .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
    .option("--set <file>", "JSONL eval set (default: evals/<corpus>.jsonl)")
    .option("--as-unanswerable", "read every case of the set as unanswerable (another corpus's questions): refusalRecall is the share refused; no evidence check, no floors, no baseline")
    .option("--out <dir>", "where to write report.json, report.md, report.html, junit.xml and compare.md (default: reports/<corpus>)")
    .option("--k <n>", "retrieval depth for metrics", positiveInteger, 10)
    .option("--concurrency <n>", "cases in flight at once (default: 1 offline, where timings stay clean; 4 with an LLM)", positiveInteger)
    .option("--thresholds <file>", "gate floors per corpus", "evals/thresholds.json")
    .option("--baseline-dir <dir>", "where accepted baselines live", "evals/baseline")
    .option("--update-baseline", "record this run as the accepted baseline")
    .option("--ablation", "run the eval once per retrieval stage and print one comparison table (no gate, no reports)")
    .option("--judge-model <name>", "LLM judge model (or JUDGE_MODEL): adds faithfulness and correctness, advisory by default")
    .option("--repeat <n>", "ask the judge N times and report mean and spread", positiveInteger, 1)
    .option("--gate-on-judge", "let the judge's floors (thresholds.json judgeFloors) fail the gate")
    .option("--compare <file>", "compare with a baseline (evals/baseline/<corpus>.json) or an earlier report.json: prints and writes compare.md")
    .option("--data-dir <dir>", "where indexes are read from")
    .action(async (options: { corpus?: string; set?: string; out?: string; k: number; concurrency?: number; thresholds: string; baselineDir: string; updateBaseline?: boolean; ablation?: boolean; dataDir?: string; judgeModel?: string; repeat: number; gateOnJudge?: boolean; compare?: string; asUnanswerable?: boolean }) => {
      try {
        const config = loadConfig(process.env, overridesFrom(options));
        if (options.ablation && options.compare) throw new ConfigError("--compare compares one eval run; it does not apply to --ablation.");
        if (options.ablation) {
          const rows = await runAblation(config, { setPath: options.set, asUnanswerable: options.asUnanswerable, k: options.k, concurrency: 1, onStage: (name) => console.error(`running: ${name}`) });
          console.log(renderAblationTable(rows));
          return;
        }
        const judgeModel = options.judgeModel ?? config.judge.model;
        if (!judgeModel && options.gateOnJudge) throw new ConfigError("--gate-on-judge needs a judge: set JUDGE_MODEL or pass --judge-model.");
        const judge = judgeModel
          ? {
              judge: await createJudgeFor(config, judgeModel),
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
          comparePath: options.compare,
          asUnanswerable: options.asUnanswerable,
        });
        progress.stop();
        const { report } = outcome;
        console.log(`\n${report.corpus}: ${report.summary.n} cases${report.asUnanswerable ? " read as unanswerable" : ""}, answerer ${report.answerer}`);
        for (const metric of ["hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10", "factRecall", "citationPrecision", "refusalRecall", "falseRefusalRate", "passRate"] as const) {
          console.log(`  ${metric.padEnd(18)} ${formatDetail(report.details[metric])}`);
        }
        console.log(`  latency p50/p95    ${report.summary.latencyP50Ms} / ${report.summary.latencyP95Ms} ms (retrieve p50 ${report.summary.retrieveP50Ms} ms)`);
        if (report.judge) {
          const j = report.judge;
          console.log(`  judge ${j.model} (${j.gated ? "gating" : "advisory"}, ${j.repeats}x): faithfulness ${j.faithfulness.mean} ± ${j.faithfulness.spread}, correctness ${j.correctness.mean} ± ${j.correctness.spread}`);
        }
        for (const check of report.gate?.checks ?? []) if (!check.passed) console.log(`  GATE FAILED: ${check.message}`);
        if (report.asUnanswerable) console.log(`  ${FOREIGN_SET_GATE}`);
        console.log(`Gate: ${report.gate?.passed ? "passed" : "FAILED"}. Reports: ${outcome.files.join(", ")}`);
        if (outcome.comparison) console.log(`\n${outcome.comparison}`);
        if (outcome.baselineWritten) console.log(`Baseline written to ${outcome.baselineWritten}`);
        process.exitCode = outcome.exitCode;
      } catch (error) {
        console.error(`Eval harness error: ${error instanceof AppError ? error.message : String((error as Error).stack ?? error)}`);
        process.exitCode = 2;
      }
    });
}
