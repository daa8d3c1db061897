import { describe, expect, it } from "vitest";
import { contextualText } from "../chunking/types.js";
import { run } from "./derived-task.js";
import { TermStatistics } from "./term-statistics.js";

describe("derived task", () => {
  it("gives the term statistics of the chunks' contextual texts, read from the features' terms", () => {
    const chunks = [
      { headingPath: ["Fees 2024", "Wire's 1.", "Rates"], text: "5 wire fees apply. Wire fees 1,500.0 rise; the bank's rates" },
      { headingPath: [], text: "Rates and fees: no heading here. Ωμέγα ΟΔΟΣ" },
      { headingPath: ["Owners'", "ΟΔΟΣ"], text: "Owners' rates 2024 and 2025." },
      { headingPath: ["Only heading"], text: "" },
    ];
    const expected = new TermStatistics(chunks.map(contextualText)).toStored();
    expect(run(chunks).statistics).toEqual(expected);
    expect(expected.count).toBe(4);
    expect(expected.documentFrequency.find(([term]) => term === "rate")?.[1]).toBe(3);
  });
});
