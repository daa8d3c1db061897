import { describe, expect, it } from "vitest";
import { reciprocalRankFusion, weightedScoreFusion } from "./fusion.js";

describe("reciprocalRankFusion", () => {
  it("fuses a fixed input in the hand-computed order", () => {
    const fused = reciprocalRankFusion(
      [
        { weight: 1, items: [{ label: 1, score: 0.9 }, { label: 2, score: 0.8 }, { label: 3, score: 0.1 }] },
        { weight: 1, items: [{ label: 3, score: 12 }, { label: 2, score: 7 }, { label: 4, score: 1 }] },
      ],
      60,
    );
    // b: 1/62 + 1/62 = 0.032258; c: 1/63 + 1/61 = 0.032266; a: 1/61 = 0.016393; d: 1/63 = 0.015873
    expect(fused.map((item) => item.label)).toEqual([3, 2, 1, 4]);
    expect(fused[0]!.score).toBeCloseTo(1 / 63 + 1 / 61, 10);
  });

  it("respects list weights", () => {
    const fused = reciprocalRankFusion([
      { weight: 0.2, items: [{ label: 1, score: 1 }] },
      { weight: 1, items: [{ label: 2, score: 1 }] },
    ]);
    expect(fused.map((item) => item.label)).toEqual([2, 1]);
  });
});

describe("weightedScoreFusion", () => {
  it("normalises each list before weighting", () => {
    const fused = weightedScoreFusion([
      { weight: 0.5, items: [{ label: 1, score: 0.9 }, { label: 2, score: 0.5 }] },
      { weight: 0.5, items: [{ label: 2, score: 20 }, { label: 3, score: 10 }] },
    ]);
    // a: 0.5*1 + 0 = 0.5; b: 0.5*0 + 0.5*1 = 0.5; c: 0 -> a and b tie, a first (first appearance)
    expect(fused).toEqual([{ label: 1, score: 0.5 }, { label: 2, score: 0.5 }, { label: 3, score: 0 }]);
  });
});
