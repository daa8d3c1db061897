import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import { corpusRetrievalSettings } from "../context.js";
import type { ResolvedCorpus } from "../corpus/manifest.js";
import { gridCandidates, MIN_TUNING_CASES, tuneRetrieval } from "./tune.js";

describe("tuning", () => {
  it("searches a grid that holds the default settings", () => {
    const defaults = loadConfig({}).retrieval;
    const candidates = gridCandidates();
    expect(candidates).toHaveLength(3 * 3 * 2 * 3);
    expect(candidates).toContainEqual({ mode: defaults.mode, entityBoost: defaults.entityBoost, periodBoost: defaults.periodBoost, maxPerDocument: defaults.maxPerDocument });
  });

  it("refuses to tune on too few cases, and says how many it needs", async () => {
    const cases = [{ id: "a", question: "q?", answerable: true, tags: ["lookup"], evidence: [{ doc: "d", quote: "quote" }], facts: [], forbidden: [] }];
    await expect(tuneRetrieval({} as never, cases, { folds: 5, seed: 1, defaults: { mode: "hybrid", entityBoost: 0.25, periodBoost: 0.25, maxPerDocument: 3 } })).rejects.toThrow(
      `tuning needs at least ${MIN_TUNING_CASES}`,
    );
  });

  it("applies a corpus's tuned settings unless a variable sets them", () => {
    const corpus = { manifest: { retrieval: { mode: "sparse", maxPerDocument: 50 } } } as unknown as ResolvedCorpus;
    expect(corpusRetrievalSettings(loadConfig({}), corpus)).toMatchObject({ mode: "sparse", maxPerDocument: 50 });
    expect(corpusRetrievalSettings(loadConfig({ RETRIEVAL_MODE: "hybrid" }), corpus)).toMatchObject({ mode: "hybrid", maxPerDocument: 50 });
  });
});
