import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { chunkFeatures } from "./rerank.js";
import { supportScore, supportSignals } from "./support.js";

const lexical = (value: number) => async () => value;
const query = (terms: string[], options: { named?: string[]; unfamiliar?: string[]; missing?: string[] } = {}) => ({
  terms,
  namedDocIds: new Set(options.named ?? []),
  names: { unfamiliar: options.unfamiliar ?? [], missing: (options.missing ?? []).map((name) => ({ name, close: [] })) },
});
const fees = { docId: "fees", features: chunkFeatures({ text: "The overdraft fee is $35.", headingPath: ["Fees"] }) };

describe("supportSignals", () => {
  it("gives lexical support 1 when one top chunk holds every content term (text or heading)", async () => {
    expect(await supportSignals(query(["overdraft", "fee"]), [fees], lexical(0.1))).toEqual({ lexical: 1, unfamiliar: false, missing: false });
  });

  it("falls back to the lexical support when no top chunk holds them all", async () => {
    expect((await supportSignals(query(["notari", "fee"]), [fees], lexical(0.3))).lexical).toBe(0.3);
  });

  it("counts a chunk holding every term only when it is in a document the question names", async () => {
    expect((await supportSignals(query(["overdraft", "fee"], { named: ["cd-terms"] }), [fees], lexical(0.3))).lexical).toBe(0.3);
    expect((await supportSignals(query(["overdraft", "fee"], { named: ["fees"] }), [fees], lexical(0.3))).lexical).toBe(1);
  });

  it("is 0 for a question without content terms, and carries the names check", async () => {
    expect(await supportSignals(query([], { unfamiliar: ["Harbor Send Plus"], missing: ["Ember 15"] }), [], lexical(0.9))).toEqual({ lexical: 0, unfamiliar: true, missing: true });
  });
});

describe("supportScore", () => {
  const model = { intercept: -2, lexical: 6, unfamiliar: -2 };

  it("maps the signals through the logistic model", () => {
    expect(supportScore({ lexical: 0.5, unfamiliar: false, missing: false }, model)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
    expect(supportScore({ lexical: 0.5, unfamiliar: true, missing: false }, model)).toBeCloseTo(1 / (1 + Math.exp(1)), 10);
  });

  it("rises with lexical support and is 0 when the question names something the documents never mention", () => {
    const scores = [0, 0.3, 0.6, 1].map((value) => supportScore({ lexical: value, unfamiliar: false, missing: false }, DEFAULT_SCORING.support.model));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(supportScore({ lexical: 1, unfamiliar: false, missing: true }, model)).toBe(0);
  });
});
