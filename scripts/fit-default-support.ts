// Fits the default support model (src/config/scoring.ts, support.model) and the refusal threshold of
// a corpus nobody has calibrated (DEFAULT_MIN_SUPPORT in src/context.ts) on the shipped eval sets:
// each corpus's own cases, plus the answerable questions of the other shipped sets asked of it as
// unanswerable (questions about another organisation: none is answered there). The own cases alone
// cannot teach the model what an off-topic question looks like; the other sets' questions can.
// The threshold is the largest that refuses at most --false-refusal of the answerable cases, pooled
// (0.045 by default: what the default model before the short-passage signal refused at its 0.62, so
// a corpus nobody calibrated refuses its answerable questions as often as before).
// Usage: npx tsx scripts/fit-default-support.ts [--data-dir dir] [--false-refusal 0.045] [--penalty 0.001]
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/config.js";
import { createRagContext } from "../src/context.js";
import { type CalibrationCase, fitSupportModel, supportAuc } from "../src/eval/calibrate.js";
import { asUnanswerable, readEvalSet } from "../src/eval/eval-set.js";
import { caseSignals, loadVerifiedSet } from "../src/eval/run-eval.js";
import { supportScore } from "../src/retrieval/support.js";

const { values } = parseArgs({ options: { "data-dir": { type: "string" }, "false-refusal": { type: "string", default: "0.045" }, penalty: { type: "string", default: "0.001" } } });
const SHIPPED = ["finance", "legal", "ecommerce"] as const;
const budget = Number(values["false-refusal"]);

// Another shipped set's answerable questions, each read as unanswerable (they are about another organisation).
const offTopicCases = async (name: string) => asUnanswerable((await readEvalSet(`evals/${name}.jsonl`)).filter((entry) => entry.answerable));

const own = new Map<string, CalibrationCase[]>();
const offTopic = new Map<string, CalibrationCase[]>();
for (const corpus of SHIPPED) {
  const config = loadConfig({ ...process.env, CORPUS: corpus, ...(values["data-dir"] ? { DATA_DIR: values["data-dir"] } : {}) }, {});
  const context = await createRagContext(config, { buildIfNeeded: true });
  try {
    own.set(corpus, await caseSignals(context, (await loadVerifiedSet(context)).cases, 1));
    const foreign = (await Promise.all(SHIPPED.filter((name) => name !== corpus).map(offTopicCases))).flat();
    offTopic.set(corpus, await caseSignals(context, foreign, 1));
  } finally {
    await context.close();
  }
}

const all = [...[...own.values()].flat(), ...[...offTopic.values()].flat()];
// A plain ridge fit: pulled toward zero weights, not toward the model in use, so the result does not depend on it.
const model = fitSupportModel(all, { intercept: 0, lexical: 0, unfamiliar: 0, valueGap: 0, shortPassage: 0 }, { penalty: Number(values.penalty), iterations: 40_000 });
const scores = (cases: CalibrationCase[]) => cases.map((entry) => supportScore(entry.signals, model));
const share = (values: number[], threshold: number) => values.filter((value) => value < threshold).length / Math.max(1, values.length);
const answerable = scores([...own.values()].flat().filter((entry) => entry.answerable));
let threshold = 0;
for (let step = 1; step <= 100; step += 1) if (share(answerable, step / 100) <= budget) threshold = step / 100;

const f = (value: number) => value.toFixed(3);
console.log(`Support model fitted on the shipped sets and ${all.length - [...own.values()].flat().length} off-topic questions: ${JSON.stringify(model)}`);
console.log(`Threshold refusing at most ${budget} of the answerable cases, pooled: ${threshold}`);
console.log("corpus      AUC (own)  false refusals  refusal recall (own)  off-topic refused");
for (const corpus of SHIPPED) {
  const mine = own.get(corpus)!;
  const auc = supportAuc(mine.map((entry) => ({ answerable: entry.answerable, support: supportScore(entry.signals, model) })));
  const refusedAnswerable = share(scores(mine.filter((entry) => entry.answerable)), threshold);
  const refusedUnanswerable = share(scores(mine.filter((entry) => !entry.answerable)), threshold);
  console.log(`${corpus.padEnd(10)}  ${f(auc).padStart(9)}  ${f(refusedAnswerable).padStart(14)}  ${f(refusedUnanswerable).padStart(20)}  ${f(share(scores(offTopic.get(corpus)!), threshold)).padStart(17)}`);
}
