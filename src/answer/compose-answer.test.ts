import { describe, expect, it } from "vitest";
import { findValues } from "../text/values.js";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { contentTerms } from "../text/tokenize.js";
import type { AnswerType } from "./answer-type.js";
import { differenceOf, sameAnswerFirstRanked } from "./compose-answer.js";
import type { ScoredPassage } from "./passage-scoring.js";
import { sourcePassages } from "./passages.js";
import { retrievedChunk } from "./testing/retrieved-chunk.js";

const value = (text: string) => findValues(text)[0]!;

describe("differenceOf", () => {
  it("states the difference of two values of one kind with the arithmetic", () => {
    expect(differenceOf(value("3.70%"), value("3.85%"))).toBe("Difference: 3.85% − 3.70% = 0.15 percentage points.");
    expect(differenceOf(value("$35"), value("$32"))).toBe("Difference: $35 − $32 = $3.");
    expect(differenceOf(value("180 days"), value("90 days"))).toBe("Difference: 180 days − 90 days = 90 days.");
  });

  it("says when both are the same, and computes nothing across kinds or for dates", () => {
    expect(differenceOf(value("$10"), value("$10.00"))).toBe("Both are $10.");
    expect(differenceOf(value("$10"), value("10%"))).toBeUndefined();
    expect(differenceOf(value("March 2026"), value("May 2026"))).toBeUndefined();
  });
});

describe("sameAnswerFirstRanked", () => {
  const chunks = [
    retrievedChunk(1, "Wire fees", "Outgoing wires cost $30 each."),
    retrievedChunk(2, "FAQ", "The outgoing domestic wire fee is $30."),
    retrievedChunk(3, "Business", "A business outgoing wire costs $45."),
  ];
  const passages = sourcePassages(chunks);
  const scoredAs = (scores: number[]): ScoredPassage[] =>
    passages.map((passage, index) => ({ passage, own: 0.5, coverage: 0.5, score: scores[index]! })).sort((a, b) => b.score - a.score);
  const type: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
  const input = (scored: ScoredPassage[]) => ({
    query: { text: "What is the outgoing domestic wire fee?", terms: contentTerms("What is the outgoing domestic wire fee?") },
    type,
    scored,
    chunks,
    statistics: new TermStatistics(chunks.map((chunk) => chunk.text)),
    settings: DEFAULT_SCORING.passages,
  });

  it("starts from the higher-ranked chunk when a close passage states the same value", () => {
    const scored = scoredAs([0.9, 1, 0.5]);
    const [entry, statement] = sameAnswerFirstRanked(scored, input(scored));
    expect(entry.passage.n).toBe(1);
    expect(statement.text).toBe("Outgoing wires cost $30 each.");
  });

  it("keeps the best passage when the higher-ranked one scores too low or states another value", () => {
    const far = scoredAs([0.5, 1, 0.2]);
    expect(sameAnswerFirstRanked(far, input(far))[0].passage.n).toBe(2);
    const other = scoredAs([0.2, 0.95, 1]);
    expect(sameAnswerFirstRanked(other, input(other))[0].passage.n).toBe(3);
  });
});
