// scripts/foreign-questions.ts's library: two tiny corpora about different organisations, each asked
// the other's answerable questions (read as unanswerable) and its own, over real indexes.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MIN_SUPPORT } from "../src/context.js";
import { runForeignQuestions } from "../src/eval/foreign-questions.js";
import { configFor } from "./support/finance-context.js";
import { writeTinyCorpus } from "./support/tiny-corpora.js";

let root: string;
const pairs: Array<{ corpus: string; set: string }> = [];

const SETS = {
  bank: [
    { id: "bank-1", question: "How much does an outgoing domestic wire transfer cost?", answerable: true, tags: ["numeric"], evidence: [{ doc: "wires", quote: "An outgoing domestic wire transfer costs $30" }], facts: ["$30"] },
    { id: "bank-2", question: "What is the daily ATM withdrawal limit?", answerable: true, tags: ["lookup"], evidence: [{ doc: "cards", quote: "The daily ATM withdrawal limit is $1,000." }], facts: ["$1,000"] },
    { id: "bank-3", question: "What is the mortgage rate?", answerable: false, tags: ["unanswerable"] },
  ],
  store: [
    { id: "store-1", question: "How long is the warranty on the Ridgeline tent?", answerable: true, tags: ["lookup"], evidence: [{ doc: "tents", quote: "The Ridgeline tent has a two-year warranty" }], facts: ["two-year"] },
    { id: "store-2", question: "How many days do I have to return unused gear?", answerable: true, tags: ["lookup"], evidence: [{ doc: "returns", quote: "returned within 60 days of delivery" }], facts: ["60 days"] },
    { id: "store-3", question: "How much does the Ridgeline tent weigh?", answerable: true, tags: ["numeric"], evidence: [{ doc: "tents", quote: "weighs 4 lb 2 oz" }], facts: ["4 lb 2 oz"] },
    // Asked of the bank, this one gets the bank's own fee: a foreign question answered.
    { id: "store-4", question: "Can I pay by wire transfer, and what does an outgoing wire transfer cost?", answerable: true, tags: ["procedure"], evidence: [{ doc: "returns", quote: "your bank may charge you for an outgoing wire transfer" }], facts: ["wire transfer"] },
  ],
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rag-foreign-"));
  for (const name of ["bank", "store"] as const) {
    const set = path.join(root, `${name}.jsonl`);
    await writeFile(set, `${SETS[name].map((line) => JSON.stringify(line)).join("\n")}\n`);
    pairs.push({ corpus: await writeTinyCorpus(path.join(root, name), name), set });
  }
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("runForeignQuestions", () => {
  it("asks each corpus the other's answerable questions and its own, and counts what it refused", async () => {
    const asked: string[] = [];
    const matrix = await runForeignQuestions(configFor(path.join(root, "data")), pairs, { k: 10, concurrency: 1, onCell: (row, column) => asked.push(`${row}<-${column}`) });
    expect(asked).toEqual(["bank<-bank", "bank<-store", "store<-store", "store<-bank"]);
    expect(matrix.corpora).toEqual(["bank", "store"]);
    // Own sets: the answerable cases only (bank-3 is left out), all answered.
    expect(matrix.own).toEqual([
      { corpus: "bank", n: 2, falseRefusals: 0 },
      { corpus: "store", n: 4, falseRefusals: 0 },
    ]);
    expect(matrix.cells.map((cell) => [cell.asked, cell.askedBy, cell.n, cell.refused])).toEqual([
      ["bank", "store", 4, 3],
      ["store", "bank", 2, 2],
    ]);
    // The one answered: the store's question about paying by wire, answered with the bank's own fee.
    expect(matrix.cells[0]!.answered).toMatchObject([
      { id: "store-4", docId: "wires", answer: "An outgoing domestic wire transfer costs $30 and an incoming wire transfer costs $15. [1]" },
    ]);
    // Answered: its support reached the threshold of a corpus nobody calibrated.
    expect(matrix.cells[0]!.answered[0]!.support).toBeGreaterThanOrEqual(DEFAULT_MIN_SUPPORT);
    expect(matrix.cells[1]!.answered).toEqual([]);
  }, 120_000);

  it("refuses a corpus given twice", async () => {
    await expect(runForeignQuestions(configFor(path.join(root, "data")), [pairs[0]!, pairs[0]!], { k: 10, concurrency: 1 })).rejects.toThrow('corpus "bank" is given twice: name each corpus once');
  });
});
