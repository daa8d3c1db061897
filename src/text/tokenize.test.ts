import { describe, expect, it } from "vitest";
import { contentTerms, tokenize } from "./tokenize.js";

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
