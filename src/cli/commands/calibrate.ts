import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config/config.js";
import { createRagContext, DEFAULT_MIN_SUPPORT } from "../../context.js";
import { type CalibrationReport, calibrateRefusal, signalsRows } from "../../eval/calibrate.js";
import { caseSignals, loadVerifiedSet } from "../../eval/run-eval.js";
import { overridesFrom, positiveInteger } from "../options.js";
import { createProgress } from "../progress.js";

const f = (value: number) => value.toFixed(3);

/** The calibration as lines a person reads: each signal's AUC, the model, the curve, the split and k-fold figures. */
export function renderCalibration(report: CalibrationReport, setPath: string): string {
  const { model } = report;
  const lines = [
    `Refusal calibration on ${setPath} (${report.answerable} answerable, ${report.unanswerable} unanswerable cases).`,
    `AUC of each signal alone (checks applied): lexical ${f(report.signals.lexical)}, unfamiliar names ${f(report.signals.unfamiliar)}, value gap ${f(report.signals.valueGap)}, best passage ${f(report.signals.passage)}, the checks only (names, years) ${f(report.signals.checks)}.`,
    `Support model fitted on one half (seeded, stratified): intercept ${model.intercept}, lexical ${model.lexical}, unfamiliar ${model.unfamiliar}, value gap ${model.valueGap ?? 0}, short best passage ${model.shortPassage ?? 0}.`,
    `Support AUC: ${f(report.auc.heldOut)} on the other half, ${f(report.auc.all)} on every case, ${f(report.folds.auc)} pooled over the ${report.folds.k} held-out folds.`,
    "",
    "threshold  refusal recall  false-refusal rate",
    ...report.curve
      .filter((_, index) => index % 2 === 0)
      .map((point) => `${f(point.threshold).padStart(9)}  ${f(point.refusalRecall).padStart(14)}  ${f(point.falseRefusalRate).padStart(18)}`),
    "",
    `Threshold chosen on the first half: ${report.split.threshold} (refusal recall ${f(report.split.picked.refusalRecall)}, false refusals ${f(report.split.picked.falseRefusalRate)} on that half).`,
    `On the other half, which it was not chosen on: refusal recall ${f(report.split.heldOut.refusalRecall)}, false refusals ${f(report.split.heldOut.falseRefusalRate)}.`,
    `${report.folds.k}-fold, each fold judged with a model and threshold fitted on the others (${report.folds.thresholds.join(", ")}): refusal recall ${f(report.folds.heldOut.refusalRecall)}, false refusals ${f(report.folds.heldOut.falseRefusalRate)}.`,
    `Thresholds picked on the first halves of the ${report.splits.n} splits: ${report.splits.thresholds.join(", ")}.`,
    `The split repeated with ${report.splits.n} seeds, on the half not picked on each time: refusal recall ${f(report.splits.heldOut.refusalRecall.mean)} (sd ${f(report.splits.heldOut.refusalRecall.sd)}), false refusals ${f(report.splits.heldOut.falseRefusalRate.mean)} (sd ${f(report.splits.heldOut.falseRefusalRate.sd)}).`,
    `Threshold to use (what --write stores): ${report.chosen.threshold}, the median of the ${report.splits.n} picks; on every case under the model above: refusal recall ${f(report.chosen.all.refusalRecall)}, false refusals ${f(report.chosen.all.falseRefusalRate)}.`,
  ];
  return lines.join("\n");
}

/** `calibrate`: fits the support model and picks the refusal threshold (corpus.json "answer.minEvidence") on part of the eval set and reports it on the rest. */
export function registerCalibrate(program: Command): void {
  program
    .command("calibrate")
    .description("Fit the support model and pick the refusal threshold on half of the eval set; report refusal recall and false refusals on the other half (plus k-fold figures, each signal's AUC and the curve)")
    .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
    .option("--set <file>", "JSONL eval set (default: evals/<corpus>.jsonl)")
    .option("--concurrency <n>", "cases in flight at once", positiveInteger, 4)
    .option("--max-false-refusal <rate>", "largest false-refusal rate the chosen threshold may have on the half it is chosen on", "0.1")
    .option("--folds <k>", "folds for the cross-validated figures", positiveInteger, 5)
    .option("--seed <n>", "seed of the split", positiveInteger, 7)
    .option("--splits <n>", "seeded splits the held-out figures are also averaged over (the seed and the next ones)", positiveInteger, 20)
    .option("--write", "store the chosen threshold and support model in the corpus's corpus.json (answer.minEvidence, answer.supportModel); it does not make the index stale")
    .option("--fit-value-gap", "also fit the weight of the value gap (the asked kind of value not stated beside the question's words); otherwise it stays the default's (0)")
    .option("--signals-out <file>", "also write each case's support signals, its support under the corpus's current model and whether its current threshold refuses it, one JSON object per line (to read why a case is refused, or to try a signal offline)")
    .option("--data-dir <dir>", "where indexes are read from")
    .action(async (options: { corpus?: string; set?: string; concurrency: number; maxFalseRefusal: string; folds: number; seed: number; splits: number; write?: boolean; fitValueGap?: boolean; signalsOut?: string; dataDir?: string }) => {
      const config = loadConfig(process.env, overridesFrom(options));
      const context = await createRagContext(config, { buildIfNeeded: true });
      try {
        const { setPath, cases } = await loadVerifiedSet(context, options.set);
        const progress = createProgress("calibrate");
        const results = await caseSignals(context, cases, options.concurrency, progress.update);
        progress.stop();
        if (options.signalsOut) {
          const answer = context.corpus.manifest.answer;
          const rows = signalsRows(cases, results, answer?.supportModel ?? config.scoring.support.model, config.answerer.minSupport ?? answer?.minEvidence ?? DEFAULT_MIN_SUPPORT);
          await writeFile(options.signalsOut, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
          console.log(`Wrote the signals of ${rows.length} cases to ${options.signalsOut}.`);
        }
        const prior = config.scoring.support.model;
        const report = calibrateRefusal(results, { seed: options.seed, maxFalseRefusal: Number(options.maxFalseRefusal), folds: options.folds, prior, splits: options.splits, fitValueGap: options.fitValueGap ?? false });
        console.log(renderCalibration(report, setPath));
        const manifestPath = path.join(context.corpus.dir, "corpus.json");
        const answer = { minEvidence: report.chosen.threshold, supportModel: report.model };
        if (options.write) {
          const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
          manifest.answer = { ...(manifest.answer as object | undefined), ...answer };
          await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
          console.log(`\nWrote "answer": ${JSON.stringify(answer)} to ${manifestPath}.`);
        } else {
          console.log(`\nTo use it: add --write, or set "answer": ${JSON.stringify(answer)} in ${manifestPath}.`);
        }
      } finally {
        await context.close();
      }
    });
}
