import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { plainQuery } from "../retrieval/query.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { createExtractiveAnswerer, scorePassages, termOverlap } from "./extractive-answerer.js";

const settings = DEFAULT_SCORING.passages;
const chunk = (rank: number, section: string, text: string, score = 0.5): RetrievedChunk => ({
  id: `doc-${rank}#${section}`,
  docId: `doc-${rank}`,
  ordinal: 0,
  title: `Doc ${rank}`,
  section,
  headingPath: [`Doc ${rank}`, section],
  text,
  score,
  rank,
  metadata: {},
});
const statistics = new TermStatistics(["wire fee", "checking fee", "monthly statement", "branch hours", "savings rate"]);

describe("scorePassages", () => {
  it("prefers a passage with a number when the question asks for an amount", () => {
    const chunks = [chunk(1, "Wires", "Outgoing wires are sent the same day. An outgoing wire costs $30.")];
    const scored = scorePassages(plainQuery("How much does an outgoing wire cost?"), chunks, statistics, settings).sort((a, b) => b.score - a.score);
    expect(scored[0]!.passage.text).toBe("An outgoing wire costs $30.");
  });

  it("blends a passage's coverage with its chunk's, so the chunk about the thing asked wins", () => {
    const chunks = [chunk(1, "Checking fee", "The fee is $12."), chunk(2, "Savings fee", "The fee is $5.")];
    const [first, second] = scorePassages(plainQuery("What is the checking fee?"), chunks, statistics, settings);
    expect(first!.coverage).toBeGreaterThan(second!.coverage);
  });

  it("penalises a passage that only repeats the question's words", () => {
    const chunks = [chunk(1, "Wires", "Wire fee. The wire fee for an outgoing transfer abroad is thirty dollars per item.")];
    const [echo, informative] = scorePassages(plainQuery("wire fee"), chunks, statistics, { ...settings, chunkScore: 0, rankBonus: 0, ownCoverage: 0, chunkCoverage: 0 });
    expect(echo!.score).toBeCloseTo(settings.phrase - settings.fewNovelPenalty, 10);
    expect(informative!.score).toBeCloseTo(settings.phrase, 10);
  });
});

describe("termOverlap", () => {
  it("is the Jaccard similarity of two term sets", () => {
    expect(termOverlap(new Set(["a", "b"]), new Set(["b", "c"]))).toBeCloseTo(1 / 3, 10);
    expect(termOverlap(new Set(), new Set())).toBe(1);
  });
});

describe("extractive answerer", () => {
  const answerer = createExtractiveAnswerer(statistics, { minSupport: 0.3, maxSentences: 3, readChunks: 5, corpusDescription: "test documents", passages: settings });

  it("quotes the best passages with their source markers, grouped by source", async () => {
    const chunks = [chunk(1, "Wires", "An outgoing wire costs $30. Branches close at 5 p.m.", 0.9), chunk(2, "Wires abroad", "An international outgoing wire costs $45.", 0.8)];
    const draft = await answerer.answer({ query: plainQuery("How much does an outgoing wire cost?"), chunks, support: 0.9 });
    expect(draft.refused).toBe(false);
    expect(draft.text).toBe("An outgoing wire costs $30. [1] An international outgoing wire costs $45. [2]");
    expect(draft.cited).toEqual([{ n: 1, snippet: "An outgoing wire costs $30." }, { n: 2, snippet: "An international outgoing wire costs $45." }]);
  });

  it("refuses below the minimum support, and says so in one piece", async () => {
    const tokens: string[] = [];
    const draft = await answerer.answer({ query: plainQuery("wire cost"), chunks: [chunk(1, "Wires", "An outgoing wire costs $30.")], support: 0.29, onToken: (token) => tokens.push(token) });
    expect(draft.refused).toBe(true);
    expect(tokens).toEqual([draft.text]);
    expect(draft.text).toMatch(/^The documents do not say\./);
  });
});
