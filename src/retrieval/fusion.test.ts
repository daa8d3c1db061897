import { describe, expect, it } from "vitest";
import { reciprocalRankFusion, weightedScoreFusion } from "./fusion.js";

describe("reciprocalRankFusion", () => {
  it("fuses a fixed input in the hand-computed order", () => {
    const fused = reciprocalRankFusion(
      [
        { weight: 1, items: [{ key: "a", score: 0.9 }, { key: "b", score: 0.8 }, { key: "c", score: 0.1 }] },
        { weight: 1, items: [{ key: "c", score: 12 }, { key: "b", score: 7 }, { key: "d", score: 1 }] },
      ],
      60,
    );
    // b: 1/62 + 1/62 = 0.032258; c: 1/63 + 1/61 = 0.032266; a: 1/61 = 0.016393; d: 1/63 = 0.015873
    expect(fused.map((item) => item.key)).toEqual(["c", "b", "a", "d"]);
    expect(fused[0]!.score).toBeCloseTo(1 / 63 + 1 / 61, 10);
  });

  it("respects list weights", () => {
    const fused = reciprocalRankFusion([
      { weight: 0.2, items: [{ key: "a", score: 1 }] },
      { weight: 1, items: [{ key: "b", score: 1 }] },
    ]);
    expect(fused.map((item) => item.key)).toEqual(["b", "a"]);
  });
});

describe("weightedScoreFusion", () => {
  it("normalises each list before weighting", () => {
    const fused = weightedScoreFusion([
      { weight: 0.5, items: [{ key: "a", score: 0.9 }, { key: "b", score: 0.5 }] },
      { weight: 0.5, items: [{ key: "b", score: 20 }, { key: "c", score: 10 }] },
    ]);
    // a: 0.5*1 + 0 = 0.5; b: 0.5*0 + 0.5*1 = 0.5; c: 0 -> a and b tie, a first (first appearance)
    expect(fused).toEqual([{ key: "a", score: 0.5 }, { key: "b", score: 0.5 }, { key: "c", score: 0 }]);
  });
});
