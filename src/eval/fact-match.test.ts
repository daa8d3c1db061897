import { describe, expect, it } from "vitest";
import { matchesFact, normaliseForMatch, statesForbidden, tokenF1 } from "./fact-match.js";

describe("normaliseForMatch", () => {
  it("unifies number formats", () => {
    expect(normaliseForMatch("$1,500.00 and 0.40 percent, 12 dollars, $ 5")).toBe("$1500 and 0.4%, $12, $5");
    expect(normaliseForMatch("1,234,567.50")).toBe("1234567.5");
  });
});

describe("matchesFact", () => {
  it("matches values regardless of number formatting", () => {
    expect(matchesFact("The fee is $12.00 per cycle.", "$12")).toBe(true);
    expect(matchesFact("It pays 0.4% APY.", "0.40%")).toBe(true);
    expect(matchesFact("Keep $1500 in the account.", "$1,500")).toBe(true);
  });

  it("does not match inside a longer number or word", () => {
    expect(matchesFact("The fee is $120.", "$12")).toBe(false);
    expect(matchesFact("It pays 10.40% APY.", "0.40%")).toBe(false);
    expect(matchesFact("within 600 days", "60 days")).toBe(false);
    expect(matchesFact("1.5", "1")).toBe(false);
  });

  it("accepts aliases and regular expressions", () => {
    expect(matchesFact("You have sixty days.", { value: "60 days", aliases: ["sixty days"] })).toBe(true);
    expect(matchesFact("Call 1-800-555-0142.", { value: "x", aliases: [], regex: "555[- ]0142" })).toBe(true);
    expect(matchesFact("Call us.", { value: "x", aliases: [], regex: "555[- ]0142" })).toBe(false);
  });
});

describe("tokenF1", () => {
  it("computes SQuAD-style F1 by hand-checked counts", () => {
    // answer tokens: fee is $12 per cycle (5); reference: monthly fee is $12 (4); shared: fee is $12 (3)
    // precision 3/5, recall 3/4, F1 = 2*0.6*0.75/1.35 = 0.6667
    expect(tokenF1("The fee is $12 per cycle [1].", "The monthly fee is $12.")).toBeCloseTo(0.6667, 4);
    expect(tokenF1("nothing alike", "entirely different")).toBe(0);
    expect(tokenF1("Same words", "same words")).toBe(1);
  });
});

describe("bare numbers", () => {
  it("are stated by an amount with a currency sign, not by a longer number", () => {
    expect(matchesFact("The provision is $5.7 million.", "5.7")).toBe(true);
    expect(matchesFact("The provision is $15.7 million.", "5.7")).toBe(false);
    expect(matchesFact("It rose 2.5.7 times", "5.7")).toBe(false);
  });
});

describe("statesForbidden", () => {
  it("counts a superseded value stated as current", () => {
    expect(statesForbidden("The overdraft fee is $35 per item.", "$35")).toBe(true);
  });

  it("does not count the older side of a change", () => {
    expect(statesForbidden("The APY is 4.10%, down from 4.35%.", "4.35%")).toBe(false);
    expect(statesForbidden("The fee fell from $35 to $32 per item.", "$35")).toBe(false);
    expect(statesForbidden("Notice must arrive by January 1, 2028, instead of January 31, 2028.", "January 31, 2028")).toBe(false);
    expect(statesForbidden('"At least 60 days before the end" is replaced with "at least 90 days".', "60 days")).toBe(false);
    // A number with a decimal point between the marker and the value does not end the phrase.
    expect(statesForbidden("Orders placed before that follow the earlier $6.95 label and 15% restocking fee.", "15%")).toBe(false);
    expect(statesForbidden("The label costs $6.95 and the restocking fee is 15%.", "15%")).toBe(true);
  });

  it("counts a value stated both ways", () => {
    expect(statesForbidden("It was $35 before July. Today it is $35 again.", "$35")).toBe(true);
  });
});
