import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config/config.js";
import { createRagContext } from "../../context.js";
import { type CalibrationReport, calibrateRefusal } from "../../eval/calibrate.js";
import { loadVerifiedSet, runCases } from "../../eval/run-eval.js";
import { overridesFrom, positiveInteger } from "../options.js";
import { createProgress } from "../progress.js";

const f = (value: number) => value.toFixed(3);

/** The calibration as lines a person reads: the curve, the AUC, the split and k-fold figures. */
export function renderCalibration(report: CalibrationReport, setPath: string): string {
  const lines = [
    `Refusal calibration on ${setPath} (${report.answerable} answerable, ${report.unanswerable} unanswerable cases); support AUC ${f(report.auc)}.`,
    "",
    "threshold  refusal recall  false-refusal rate",
    ...report.curve
      .filter((point, index) => index % 2 === 0 || point.threshold === report.split.threshold)
      .map((point) => `${f(point.threshold).padStart(9)}  ${f(point.refusalRecall).padStart(14)}  ${f(point.falseRefusalRate).padStart(18)}${point.threshold === report.split.threshold ? "  <- chosen" : ""}`),
    "",
    `Chosen on one half (seeded, stratified): ${report.split.threshold} (refusal recall ${f(report.split.picked.refusalRecall)}, false refusals ${f(report.split.picked.falseRefusalRate)} on that half).`,
    `On the other half, which it was not chosen on: refusal recall ${f(report.split.heldOut.refusalRecall)}, false refusals ${f(report.split.heldOut.falseRefusalRate)}.`,
    `${report.folds.k}-fold, each fold judged with a threshold chosen on the others (${report.folds.thresholds.join(", ")}): refusal recall ${f(report.folds.heldOut.refusalRecall)}, false refusals ${f(report.folds.heldOut.falseRefusalRate)}.`,
  ];
  return lines.join("\n");
}

/** `calibrate`: picks the refusal threshold (corpus.json "answer.minEvidence") on part of the eval set and reports it on the rest. */
export function registerCalibrate(program: Command): void {
  program
    .command("calibrate")
    .description("Pick the refusal threshold on half of the eval set and report refusal recall and false refusals on the other half (plus k-fold figures and the AUC)")
    .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
    .option("--set <file>", "JSONL eval set (default: evals/<corpus>.jsonl)")
    .option("--concurrency <n>", "cases in flight at once", positiveInteger, 4)
    .option("--max-false-refusal <rate>", "largest false-refusal rate the chosen threshold may have on the half it is chosen on", "0.1")
    .option("--folds <k>", "folds for the cross-validated figures", positiveInteger, 5)
    .option("--seed <n>", "seed of the split", positiveInteger, 7)
    .option("--write", "store the chosen threshold in the corpus's corpus.json (answer.minEvidence); it does not make the index stale")
    .option("--data-dir <dir>", "where indexes are read from")
    .action(async (options: { corpus?: string; set?: string; concurrency: number; maxFalseRefusal: string; folds: number; seed: number; write?: boolean; dataDir?: string }) => {
      // Refusal off: every case gets its support, and the curve is computed from those.
      const config = loadConfig({ ...process.env, ANSWER_MIN_EVIDENCE: "0" }, overridesFrom(options));
      const context = await createRagContext(config, { buildIfNeeded: true });
      try {
        const { setPath, cases } = await loadVerifiedSet(context, options.set);
        const progress = createProgress("calibrate");
        const results = await runCases(context, cases, 10, options.concurrency, progress.update);
        progress.stop();
        const report = calibrateRefusal(results, { seed: options.seed, maxFalseRefusal: Number(options.maxFalseRefusal), folds: options.folds });
        console.log(renderCalibration(report, setPath));
        const manifestPath = path.join(context.corpus.dir, "corpus.json");
        if (options.write) {
          const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
          manifest.answer = { ...(manifest.answer as object | undefined), minEvidence: report.split.threshold };
          await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
          console.log(`\nWrote "answer": {"minEvidence": ${report.split.threshold}} to ${manifestPath}.`);
        } else {
          console.log(`\nTo use it: add --write, or set "answer": {"minEvidence": ${report.split.threshold}} in ${manifestPath} (or ANSWER_MIN_EVIDENCE=${report.split.threshold}).`);
        }
      } finally {
        await context.close();
      }
    });
}
