import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { contentTerms } from "../text/tokenize.js";
import { bestSnippet, coverage, passagesOf, setPassageCacheSize, splitChunk, termWeights } from "./passages.js";

const settings = DEFAULT_SCORING.passages;
const chunk = (text: string, headingPath = ["Guide", "Fees"]) => ({ id: `c-${text.length}-${headingPath.join("/")}`, text, headingPath });

describe("passagesOf", () => {
  it("keeps the passages of the most recently used chunks only, up to the cache size, with the same passages as a fresh split", () => {
    try {
      setPassageCacheSize(2);
      const [a, b, c] = ["A fee applies.", "Wires arrive fast.", "Call us daily."].map((text) => chunk(text));
      const first = passagesOf(a!);
      expect(first).toEqual(splitChunk(a!));
      expect(passagesOf(a!)).toBe(first); // a hit: the same object
      passagesOf(b!);
      passagesOf(c!); // past the size: "a", the least recently used, is dropped
      expect(passagesOf(a!)).not.toBe(first);
      expect(passagesOf(a!)).toEqual(first);
      setPassageCacheSize(0);
      expect(passagesOf(b!)).not.toBe(passagesOf(b!));
    } finally {
      setPassageCacheSize(DEFAULT_SCORING.passages.cacheChunks);
    }
  });


  it("splits prose into sentences, lists into items, tables into rows spelled out with their column names", () => {
    const passages = passagesOf(
      chunk("Wires are sent daily. They arrive fast.\n\n- Call us\n- Visit a branch\n\n| Term | APY | Penalty |\n|---|---|---|\n| 12 months | 3.80% | 90 days |"),
    );
    expect(passages.map((passage) => passage.text)).toEqual([
      "Wires are sent daily.",
      "They arrive fast.",
      "Call us",
      "Visit a branch",
      "12 months — APY: 3.80%; Penalty: 90 days.",
    ]);
    expect(passages.map((passage) => passage.order)).toEqual([0, 1, 2, 3, 4]);
    // A row carries its header's words; every passage carries its heading path's words.
    expect([...passages[4]!.tableTerms]).toEqual(contentTerms("Term APY Penalty"));
    expect([...passages[0]!.headingTerms]).toEqual(contentTerms("Guide Fees"));
  });
});

describe("coverage", () => {
  const weights = new Map([["wire", 2], ["fee", 1], ["cutoff", 1]]);
  it("weighs a term in the passage fully and a term only in the heading path partly", () => {
    const passage = { terms: new Set(["wire"]), tableTerms: new Set<string>(), headingTerms: new Set(["fee"]) };
    expect(coverage(passage, weights, 0.5)).toBeCloseTo((2 + 0.5) / 4, 10);
  });
  it("counts a table's header words as the row's own", () => {
    const passage = { terms: new Set<string>(), tableTerms: new Set(["cutoff"]), headingTerms: new Set<string>() };
    expect(coverage(passage, weights, 0.5)).toBeCloseTo(1 / 4, 10);
  });
  it("is 0 for a question without terms", () => {
    expect(coverage({ terms: new Set(["x"]), tableTerms: new Set(), headingTerms: new Set() }, new Map(), 0.5)).toBe(0);
  });
});

describe("bestSnippet", () => {
  const statistics = new TermStatistics(["wire fee", "monthly statement", "branch hours"]);
  it("quotes the passage that covers the reference best", () => {
    const text = "Branches open at nine. An outgoing wire costs $30. Statements are monthly.";
    expect(bestSnippet(chunk(text), "How much is an outgoing wire?", statistics, settings)).toBe("An outgoing wire costs $30.");
  });
  it("cuts a long passage at the snippet limit", () => {
    const long = `An outgoing wire ${"costs a great deal ".repeat(30)}in the end.`;
    const snippet = bestSnippet(chunk(long), "outgoing wire", statistics, { ...settings, snippetChars: 40 });
    expect(snippet).toHaveLength(40);
    expect(snippet.endsWith("…")).toBe(true);
  });
  it("weights terms by idf", () => {
    const weights = termWeights(contentTerms("wire branch unknownword"), statistics);
    expect(weights.get("unknownword")).toBeGreaterThan(weights.get("wire")!);
  });
});

describe("title initials", () => {
  it("count as words of every passage's heading, so a question naming the document by them covers its passages", () => {
    const [passage] = splitChunk(chunk("This Agreement is governed by the laws of Westmarch.", ["Master Subscription Agreement", "Governing Law"]));
    expect(passage!.headingTerms.has("msa")).toBe(true);
  });
});
