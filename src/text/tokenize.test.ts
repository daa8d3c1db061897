import { describe, expect, it } from "vitest";
import { contentTerms, normalizeToken, tokenize } from "./tokenize.js";

describe("tokenize", () => {
  it("keeps numbers whole and drops thousands separators", () => {
    expect(tokenize("Fee: $1,500.00 or 4.10% APY, 12 months")).toEqual(["fee", "1500", "or", "4.10", "apy", "12", "months"]);
  });

  it("drops possessive endings", () => {
    expect(tokenize("The Bank's ATM")).toEqual(["the", "bank", "atm"]);
  });
});

describe("contentTerms", () => {
  it("removes stop words and stems", () => {
    expect(contentTerms("What is the monthly maintenance fee on the checking accounts?")).toEqual([
      "monthli", "mainten", "fee", "check", "account",
    ]);
  });
});

describe("normalizeToken", () => {
  it("gives each lower-cased match what tokenize gives it (names.ts relies on it to skip a second tokenize)", () => {
    for (const raw of ["1,500.0", "4.10", "2,000,", "Bank's", "it's", "APR", "Q3", "x"]) {
      expect(normalizeToken(raw.toLowerCase())).toBe(tokenize(raw)[0]);
    }
    expect(normalizeToken("1,500.00")).toBe("1500");
    expect(normalizeToken("bank's")).toBe("bank");
  });
});
