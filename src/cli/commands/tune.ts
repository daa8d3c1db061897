import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config/config.js";
import { corpusRetrievalSettings, createRagContext } from "../../context.js";
import { loadVerifiedSet } from "../../eval/run-eval.js";
import { tuneRetrieval } from "../../eval/tune.js";
import { overridesFrom, positiveInteger } from "../options.js";

const f = (value: number) => value.toFixed(3);

/** `tune`: searches retrieval settings with k-fold cross-validation on the corpus's eval set. */
export function registerTune(program: Command): void {
  program
    .command("tune")
    .description("Search retrieval settings (mode, dense weight, entity and period boosts, per-document cap, document-first ordering) with k-fold cross-validation on the eval set; write them to corpus.json only when the held-out gain holds")
    .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
    .option("--set <file>", "JSONL eval set (default: evals/<corpus>.jsonl)")
    .option("--folds <k>", "cross-validation folds", positiveInteger, 5)
    .option("--seed <n>", "seed of the folds", positiveInteger, 7)
    .option("--write", "store the chosen settings in corpus.json (\"retrieval\") when the held-out gain holds; they do not make the index stale")
    .option("--data-dir <dir>", "where indexes are read from")
    .action(async (options: { corpus?: string; set?: string; folds: number; seed: number; write?: boolean; dataDir?: string }) => {
      const config = loadConfig(process.env, overridesFrom(options));
      const context = await createRagContext(config, { buildIfNeeded: true });
      try {
        const { setPath, cases } = await loadVerifiedSet(context, options.set);
        const current = corpusRetrievalSettings(config, context.corpus);
        const defaults = {
          mode: current.mode,
          denseWeight: current.denseWeight,
          entityBoost: current.entityBoost,
          periodBoost: current.periodBoost,
          maxPerDocument: current.maxPerDocument,
          documentFirst: current.documentFirst,
        };
        const report = await tuneRetrieval(context, cases, { folds: options.folds, seed: options.seed, defaults });
        const { heldOut } = report;
        console.log(`Tuning retrieval on ${setPath}: ${report.cases} answerable cases, ${report.candidates} candidate settings, ${report.folds}-fold cross-validation (MRR@10 of the gold quotes).`);
        console.log(`  current settings: ${JSON.stringify(report.defaults)}`);
        console.log(`  best on all cases: ${JSON.stringify(report.chosen)}`);
        console.log(`  held-out MRR@10: tuned ${f(heldOut.tuned)}, current ${f(heldOut.defaults)}; gain ${f(heldOut.gain)} (95% CI ${f(heldOut.low)} to ${f(heldOut.high)})`);
        const manifestPath = path.join(context.corpus.dir, "corpus.json");
        if (!report.holds) {
          console.log(`The gain does not hold on the held-out folds (${heldOut.gain <= 0 ? "the tuned settings do no better than the current ones" : "its interval reaches 0"}): ${manifestPath} is left as it is.`);
        } else if (options.write) {
          const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
          manifest.retrieval = report.chosen;
          await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
          console.log(`Wrote "retrieval": ${JSON.stringify(report.chosen)} to ${manifestPath}.`);
        } else {
          console.log(`The gain holds. To use it: add --write, or set "retrieval": ${JSON.stringify(report.chosen)} in ${manifestPath}.`);
        }
      } finally {
        await context.close();
      }
    });
}
