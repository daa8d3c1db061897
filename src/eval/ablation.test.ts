import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import { ABLATION_STAGES, stageSettings } from "./ablation.js";

describe("ablation stages", () => {
  const base = loadConfig({}).retrieval;

  it("keeps the config's value for a key a stage leaves undefined and overrides the rest", () => {
    const settings = stageSettings(base, { entityBoost: undefined, periodBoost: 0, documentFirst: false });
    expect(settings.entityBoost).toBe(base.entityBoost);
    expect(settings.periodBoost).toBe(0);
    expect(settings.documentFirst).toBe(false);
  });

  it("adds one stage per row up to the default row, which runs the corpus's settings", () => {
    const defaultRow = ABLATION_STAGES.findIndex((stage) => stage.corpusSettings);
    const documentFirst = ABLATION_STAGES.findIndex((stage) => stage.name === "+ document first, then chunk");
    const reasons = ABLATION_STAGES.findIndex((stage) => stage.name.startsWith("+ reason questions"));
    const proximity = ABLATION_STAGES.findIndex((stage) => stage.name.startsWith("+ proximity"));
    expect([documentFirst, reasons, proximity]).toEqual([defaultRow - 3, defaultRow - 2, defaultRow - 1]);
    expect(stageSettings(base, ABLATION_STAGES[documentFirst - 1]!.retrieval).documentFirst).toBe(false);
    expect(stageSettings(base, ABLATION_STAGES[documentFirst]!.retrieval).documentFirst).toBe(true);
    expect(stageSettings(base, ABLATION_STAGES[documentFirst]!.retrieval).reasons).toBe(false);
    expect(stageSettings(base, ABLATION_STAGES[reasons]!.retrieval)).toEqual({ ...stageSettings(base, ABLATION_STAGES[documentFirst]!.retrieval), reasons: true });
    expect(stageSettings(base, ABLATION_STAGES[reasons]!.retrieval).proximity).toBe(false);
    expect(stageSettings(base, ABLATION_STAGES[proximity]!.retrieval)).toEqual({ ...stageSettings(base, ABLATION_STAGES[reasons]!.retrieval), proximity: true });
    // The optional stages come after the default row, each on top of it alone.
    for (const stage of ABLATION_STAGES.slice(defaultRow + 1)) expect(Object.keys(stage.retrieval)).toHaveLength(1);
  });
});
