// Sets the refusal threshold from data: runs the eval set with refusal off, prints the trade-off
// between refusing unanswerable questions and wrongly refusing answerable ones, and the chosen point.
// Usage: npx tsx scripts/calibrate-refusal.ts [--corpus finance] [--set evals/finance.jsonl] [--max-false-refusal 0.25]
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/config.js";
import { createRagContext } from "../src/context.js";
import { chooseThreshold, refusalCurve } from "../src/eval/calibrate.js";
import { loadVerifiedSet, runCases } from "../src/eval/run-eval.js";

const { values } = parseArgs({
  options: { corpus: { type: "string" }, set: { type: "string" }, "max-false-refusal": { type: "string", default: "1" } },
});
const config = loadConfig({ ...process.env, LOG_LEVEL: "silent", ANSWER_MIN_EVIDENCE: "0" }, { corpus: values.corpus });
const context = await createRagContext(config, { buildIfNeeded: true });
const { setPath, cases } = await loadVerifiedSet(context, values.set);
const results = await runCases(context, cases, 10, 4);
const points = refusalCurve(results);
const chosen = chooseThreshold(points, Number(values["max-false-refusal"]));
console.log(`Refusal trade-off on ${setPath} (${results.filter((r) => r.answerable).length} answerable, ${results.filter((r) => !r.answerable).length} unanswerable):`);
console.log("threshold  refusal recall  false-refusal rate  J");
for (const point of points.filter((_, index) => index % 2 === 0 || points[index] === chosen)) {
  const mark = point === chosen ? "  <- chosen" : "";
  console.log(`${point.threshold.toFixed(3).padStart(9)}  ${point.refusalRecall.toFixed(3).padStart(14)}  ${point.falseRefusalRate.toFixed(3).padStart(18)}  ${(point.refusalRecall - point.falseRefusalRate).toFixed(3)}${mark}`);
}
console.log(`\nChosen: ANSWER_MIN_EVIDENCE=${chosen.threshold} (refusal recall ${chosen.refusalRecall.toFixed(3)}, false-refusal rate ${chosen.falseRefusalRate.toFixed(3)}).`);
console.log(`Record it in corpora/${context.corpus.manifest.name}/corpus.json as "answer": {"minEvidence": ${chosen.threshold}}.`);
