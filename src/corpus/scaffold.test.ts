import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEvalSet, verifyEvidence } from "../eval/eval-set.js";
import { loadCorpus } from "./load-corpus.js";
import { resolveCorpus } from "./manifest.js";
import { scaffoldCorpus } from "./scaffold.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rag-scaffold-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("scaffoldCorpus", () => {
  it("creates a corpus that loads and an eval set whose quotes verify", async () => {
    const corpora = path.join(root, "corpora");
    const evals = path.join(root, "evals");
    const files = await scaffoldCorpus("insurance", corpora, evals);
    expect(files.map((file) => path.relative(root, file)).sort()).toEqual([
      "corpora/insurance/README.md",
      "corpora/insurance/corpus.json",
      "corpora/insurance/docs/example-policy.md",
      "evals/insurance.jsonl",
    ]);
    const corpus = await resolveCorpus("insurance", corpora);
    const loaded = await loadCorpus(corpus);
    expect(loaded.documents.map((document) => document.id)).toEqual(["example-policy"]);
    const cases = await readEvalSet(path.join(evals, "insurance.jsonl"));
    expect(() => verifyEvidence(cases, loaded.documents, "insurance.jsonl")).not.toThrow();
    expect(JSON.parse(await readFile(path.join(corpora, "insurance", "corpus.json"), "utf8")).name).toBe("insurance");
  });

  it("refuses bad names and existing corpora", async () => {
    await expect(scaffoldCorpus("Bad Name", root, root)).rejects.toThrow("lower-case");
    await scaffoldCorpus("twice", root, root);
    await expect(scaffoldCorpus("twice", root, root)).rejects.toThrow("already exists");
  });
});
