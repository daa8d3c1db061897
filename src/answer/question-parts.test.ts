import { describe, expect, it } from "vitest";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { contentTerms } from "../text/tokenize.js";
import { partStatistics } from "./question-parts.js";

describe("partStatistics", () => {
  it("weighs the part's own terms by the factor and leaves the shared ones as they are", () => {
    const statistics = new TermStatistics(["fee waived balance", "fee charged", "balance"]);
    const [fee, balance] = contentTerms("fee balance");
    const part = partStatistics(statistics, [balance!], 2);
    expect(part.idf(balance!)).toBeCloseTo(statistics.idf(balance!) * 2);
    expect(part.idf(fee!)).toBe(statistics.idf(fee!));
  });
});
