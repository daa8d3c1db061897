import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import { corpusRetrievalSettings } from "../context.js";
import type { ResolvedCorpus } from "../corpus/manifest.js";
import type { SearchBackend } from "../index/search-backend.js";
import { gridCandidates, memoisedBackend, MIN_TUNING_CASES, settingsKey, type TunedSettings, tuneRetrieval } from "./tune.js";

describe("tuning", () => {
  it("searches a grid that holds the default settings", () => {
    const defaults = loadConfig({}).retrieval;
    const candidates = gridCandidates();
    // Hybrid with three dense weights, sparse and dense with one; x entity boosts x period boosts x caps x document-first on/off.
    expect(candidates).toHaveLength((3 + 1 + 1) * 3 * 2 * 3 * 2);
    expect(new Set(candidates.map(settingsKey)).size).toBe(candidates.length);
    expect(candidates).toContainEqual({
      mode: defaults.mode,
      denseWeight: defaults.denseWeight,
      entityBoost: defaults.entityBoost,
      periodBoost: defaults.periodBoost,
      maxPerDocument: defaults.maxPerDocument,
      documentFirst: defaults.documentFirst,
    });
    expect(candidates.filter((candidate) => candidate.mode !== "hybrid").every((candidate) => candidate.denseWeight === 0.5)).toBe(true);
  });

  it("adds the current settings' values the grid lacks, so they are always a candidate", () => {
    const current: TunedSettings = { mode: "hybrid", denseWeight: 0.7, entityBoost: 0.25, periodBoost: 0.25, maxPerDocument: 4, documentFirst: true };
    const candidates = gridCandidates(current);
    expect(candidates).toContainEqual(current);
    expect(candidates).toHaveLength((4 + 1 + 1) * 3 * 2 * 4 * 2);
    expect(candidates.filter((candidate) => candidate.mode === "sparse").every((candidate) => candidate.denseWeight === 0.7)).toBe(true);
  });

  it("refuses to tune on too few cases, and says how many it needs", async () => {
    const cases = [{ id: "a", question: "q?", answerable: true, tags: ["lookup"], evidence: [{ doc: "d", quote: "quote" }], facts: [], forbidden: [] }];
    await expect(tuneRetrieval({} as never, cases, { folds: 5, seed: 1, defaults: { mode: "hybrid", denseWeight: 0.5, entityBoost: 0.25, periodBoost: 0.25, maxPerDocument: 3, documentFirst: true } })).rejects.toThrow(
      `tuning needs at least ${MIN_TUNING_CASES}`,
    );
  });

  it("applies a corpus's tuned settings unless a variable sets them", () => {
    const corpus = { manifest: { retrieval: { mode: "sparse", maxPerDocument: 50 } } } as unknown as ResolvedCorpus;
    expect(corpusRetrievalSettings(loadConfig({}), corpus)).toMatchObject({ mode: "sparse", maxPerDocument: 50 });
    expect(corpusRetrievalSettings(loadConfig({ RETRIEVAL_MODE: "hybrid" }), corpus)).toMatchObject({ mode: "hybrid", maxPerDocument: 50 });
  });

  it("runs each distinct first-stage search once across the grid's candidates", async () => {
    const calls = { dense: 0, sparse: 0 };
    const backend = {
      kind: "hnsw",
      dense: async (vector: number[], k: number) => {
        calls.dense += 1;
        return [{ label: vector.length, score: k }];
      },
      sparse: async (query: string, k: number) => {
        calls.sparse += 1;
        return { hits: [{ label: query.length, score: k }], lexicalSupport: async () => 0.5 };
      },
    } as unknown as SearchBackend;
    const memoised = memoisedBackend(backend);
    expect(await memoised.dense([1, 0], 5)).toEqual([{ label: 2, score: 5 }]);
    expect(await memoised.dense([1, 0], 5)).toEqual([{ label: 2, score: 5 }]);
    await memoised.dense([0, 1], 5);
    await memoised.dense([1, 0], 6);
    expect(calls.dense).toBe(3);
    expect((await memoised.sparse("wire fee", 5)).hits).toEqual([{ label: 8, score: 5 }]);
    await memoised.sparse("wire fee", 5);
    await memoised.sparse("wire fee", 5, { doc_type: "fee-schedule" });
    expect(calls.sparse).toBe(2);
  });
});
