// `eval --as-unanswerable`: a small banking corpus asked the questions of another (made-up) corpus.
// Every case is read as unanswerable, the other corpus's quotes are not checked against this one, and
// the gate applies none of the corpus's floors or baseline.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRagContext, type RagContext } from "../src/context.js";
import { EvalSetError } from "../src/eval/eval-set.js";
import { FOREIGN_SET_GATE, runEvaluation } from "../src/eval/run-eval.js";
import { configFor } from "./support/finance-context.js";
import { writeTinyCorpus } from "./support/tiny-corpora.js";

let root: string;
let context: RagContext;
let setPath: string;

/** Questions about an outdoor-gear store, one of them unanswerable there too; the last one this bank answers. */
const FOREIGN_SET = [
  { id: "gear-1", question: "How long is the warranty on the Ridgeline tent?", answerable: true, tags: ["lookup"], evidence: [{ doc: "tents", quote: "The Ridgeline tent has a two-year warranty." }], facts: ["two-year"], reference: "Two years.", forbidden: ["five-year"], filters: { doc_type: "guide" } },
  { id: "gear-2", question: "Do you ship kayaks to Alaska?", answerable: false, tags: ["unanswerable"] },
  { id: "gear-3", question: "How much does an outgoing wire transfer cost?", answerable: true, tags: ["numeric", "paraphrase"], evidence: [{ doc: "store-faq", quote: "Gift cards cannot be wired." }], facts: ["$30"] },
];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rag-as-unanswerable-"));
  const corpusDir = await writeTinyCorpus(path.join(root, "bank"), "bank");
  setPath = path.join(root, "gear.jsonl");
  await writeFile(setPath, `${FOREIGN_SET.map((line) => JSON.stringify(line)).join("\n")}\n`);
  await writeFile(path.join(root, "thresholds.json"), JSON.stringify({ bank: { floors: { refusalRecall: 1.01, "hit@5": 0.9 } } }));
  context = await createRagContext(configFor(path.join(root, "data"), { CORPUS: corpusDir }), { buildIfNeeded: true });
}, 120_000);
afterAll(async () => {
  await context.close();
  await rm(root, { recursive: true, force: true });
});

const options = (extra: { asUnanswerable?: boolean; updateBaseline?: boolean } = {}) => ({
  context,
  setPath,
  outDir: path.join(root, "out"),
  k: 10,
  concurrency: 1,
  thresholdsPath: path.join(root, "thresholds.json"),
  baselineDir: path.join(root, "baseline"),
  updateBaseline: false,
  ...extra,
});

describe("eval --as-unanswerable", () => {
  it("without the flag, the other corpus's quotes fail the evidence check, naming case, field and document, and the flag", async () => {
    const error = await runEvaluation(context.config, options()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EvalSetError);
    expect((error as EvalSetError).problems).toEqual([
      "no document the set cites is in this corpus: to ask it another corpus's questions, each read as unanswerable, pass --as-unanswerable",
      'gear-1: evidence.0.doc: no document "tents" in the corpus',
      'gear-3: evidence.0.doc: no document "store-faq" in the corpus',
    ]);
  });

  it("reads every case as unanswerable, skips the evidence check and applies no floors", async () => {
    const outcome = await runEvaluation(context.config, options({ asUnanswerable: true }));
    const { report } = outcome;
    expect(report.asUnanswerable).toBe(true);
    expect(report.cases.map((result) => [result.id, result.answerable, result.tags, result.retrieval, result.factRecall, result.tokenF1])).toEqual([
      ["gear-1", false, ["lookup", "unanswerable"], null, null, null],
      ["gear-2", false, ["unanswerable"], null, null, null],
      ["gear-3", false, ["numeric", "paraphrase", "unanswerable"], null, null, null],
    ]);
    // The bank answers its own question (the wire fee) and refuses the two about the store.
    expect(report.cases.map((result) => [result.id, result.refused, result.failReasons])).toEqual([
      ["gear-1", true, []],
      ["gear-2", true, []],
      ["gear-3", false, ["answered an unanswerable question"]],
    ]);
    expect(report.details.refusalRecall).toMatchObject({ count: 2, n: 3 });
    expect(report.summary.falseRefusalRate).toBeUndefined();
    expect(report.summary["hit@5"]).toBeUndefined();
    // The floors of thresholds.json (refusalRecall 1.01) would fail; they are about the corpus's own set.
    expect(report.gate).toEqual({ passed: true, checks: [{ name: "as unanswerable", passed: true, message: FOREIGN_SET_GATE }] });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.files.map((file) => path.basename(file)).sort()).toEqual(["junit.xml", "report.html", "report.json", "report.md"]);
    expect(await readFile(path.join(root, "out", "report.md"), "utf8")).toContain("Every case read as unanswerable (`--as-unanswerable`)");
    expect(JSON.parse(await readFile(path.join(root, "out", "report.json"), "utf8"))).toMatchObject({ asUnanswerable: true, summary: { n: 3 } });
  });

  it("refuses to record a baseline from another corpus's questions", async () => {
    await expect(runEvaluation(context.config, options({ asUnanswerable: true, updateBaseline: true }))).rejects.toThrow(
      "--update-baseline records the corpus's own set; it does not apply to --as-unanswerable.",
    );
  });
});
