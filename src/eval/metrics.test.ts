import { describe, expect, it } from "vitest";
import { rankingMetrics } from "./retrieval-metrics.js";
import type { CaseResult } from "./score-case.js";
import { computeDetails, LOWER_IS_BETTER } from "./summarize.js";
import { bootstrapMeanInterval, percentile, wilsonInterval } from "./statistics.js";

describe("rankingMetrics (hand-computed)", () => {
  // Five retrieved chunks; gold items are quotes 0 and 1. Chunk 2 holds quote 0, chunk 4 holds quotes 0 and 1.
  const metrics = rankingMetrics([[], [0], [], [0, 1], []], 2);

  it("finds the first hit", () => {
    expect(metrics.firstHitRank).toBe(2);
    expect(metrics.hitAt(1)).toBe(0);
    expect(metrics.hitAt(2)).toBe(1);
  });

  it("computes recall@k over gold items", () => {
    expect(metrics.recallAt(3)).toBe(0.5);
    expect(metrics.recallAt(5)).toBe(1);
  });

  it("computes MRR@k", () => {
    expect(metrics.mrrAt(10)).toBe(0.5);
    expect(metrics.mrrAt(1)).toBe(0);
  });

  it("computes nDCG@k with gain only for new gold items", () => {
    // DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161; IDCG = 1 + 1/log2(3) = 1.63093
    expect(metrics.ndcgAt(10)).toBeCloseTo(1.06161 / 1.63093, 5);
    // A duplicate of an already-found item earns nothing: [0], [0] -> DCG 1, IDCG for 2 items 1.63093
    expect(rankingMetrics([[0], [0]], 2).ndcgAt(10)).toBeCloseTo(1 / 1.63093, 5);
    expect(rankingMetrics([[], []], 1).ndcgAt(10)).toBe(0);
  });
});

describe("statistics", () => {
  it("Wilson interval matches a textbook value", () => {
    // 8 of 10: 95% Wilson interval is about [0.4902, 0.9433]
    const interval = wilsonInterval(8, 10);
    expect(interval.low).toBeCloseTo(0.4902, 3);
    expect(interval.high).toBeCloseTo(0.9433, 3);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 0 });
  });

  it("bootstrap is reproducible and brackets the mean", () => {
    const values = [0, 0.5, 1, 1, 0.25, 0.75];
    const first = bootstrapMeanInterval(values);
    expect(bootstrapMeanInterval(values)).toEqual(first);
    expect(first.low).toBeLessThan(0.5833);
    expect(first.high).toBeGreaterThan(0.5833);
    expect(bootstrapMeanInterval([1, 1, 1])).toEqual({ low: 1, high: 1 });
  });

  it("percentile interpolates", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBe(48);
  });
});

describe("unsupportedSentences (the grounding check in the report)", () => {
  const result = (unsupportedSentences: number, refused = false) => ({ unsupportedSentences, refused, answerable: true, citations: [], tags: [] }) as unknown as CaseResult;

  it("is the mean count per answer, refusals aside, and lower is better", () => {
    const detail = computeDetails([result(0), result(2), result(1), result(5, true)]).unsupportedSentences!;
    expect(detail).toMatchObject({ value: 1, count: 3, n: 3, kind: "mean" });
    expect(LOWER_IS_BETTER.has("unsupportedSentences")).toBe(true);
  });
});
