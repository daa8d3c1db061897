import { describe, expect, it } from "vitest";
import { numbersIn, rowKeyFit, rowRange } from "./row-keys.js";

describe("rowRange", () => {
  it.each([
    ["13 to 36 months", { low: 13, high: 36 }],
    ["$10,000.00 to $49,999.99", { low: 10_000, high: 49_999.99 }],
    ["$25,000 and above", { low: 25_000, high: Infinity }],
    ["12 months or less (3, 6 and 12 months)", { low: -Infinity, high: 12 }],
    ["Up to $1,000", { low: -Infinity, high: 1000 }],
    ["24 months", { low: 24, high: 24 }],
    ["60+ days", { low: 60, high: Infinity }],
  ])("%s", (key, range) => {
    expect(rowRange(key)).toEqual(range);
  });

  it("is undefined for a key without a number", () => {
    expect(rowRange("Harbor Savings")).toBeUndefined();
  });
});

describe("rowKeyFit", () => {
  it("fits a question number inside the row's range, and rejects a row whose numbers miss it", () => {
    expect(rowKeyFit("13 to 36 months", numbersIn("penalty on a 24-month CD"))).toBe(1);
    expect(rowKeyFit("12 months or less", numbersIn("penalty on a 24-month CD"))).toBe(-1);
    expect(rowKeyFit("$50,000 and above", numbersIn("I keep about $60k"))).toBe(1);
    expect(rowKeyFit("Harbor Savings", numbersIn("24-month"))).toBe(0);
  });
});
