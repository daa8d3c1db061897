import { describe, expect, it } from "vitest";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { contentTerms } from "../text/tokenize.js";
import { laterTerms, partStatistics } from "./question-parts.js";

describe("partStatistics", () => {
  it("weighs the part's own terms by the factor and leaves the shared ones as they are", () => {
    const statistics = new TermStatistics(["fee waived balance", "fee charged", "balance"]);
    const [fee, balance] = contentTerms("fee balance");
    const part = partStatistics(statistics, [balance!], 2);
    expect(part.idf(balance!)).toBeCloseTo(statistics.idf(balance!) * 2);
    expect(part.idf(fee!)).toBe(statistics.idf(fee!));
  });
});

describe("laterTerms", () => {
  const parts = ["Which battery goes in the Trek 4 Pro", "how long does one charge last filming in 4K30"].map((text) => ({ textTerms: contentTerms(text), own: contentTerms(text) }));
  const question = contentTerms("Which battery goes in the Trek 4 Pro, and how long does one charge last filming in 4K30?");
  it("gives an earlier part the words only a later part asks about", () => {
    const later = laterTerms(question, parts, 0);
    expect(later).toEqual(expect.arrayContaining(contentTerms("charge filming")));
    expect(later).not.toContain(contentTerms("battery")[0]);
  });
  it("gives the last part none: it keeps the earlier parts' subject", () => {
    expect(laterTerms(question, parts, 1)).toEqual([]);
  });
});
