import { describe, expect, it } from "vitest";
import { cellUnit, isPeriodColumn, periodFit, periodsIn, quantitiesIn, readCell, rowKeyFit, rowRange } from "./row-keys.js";

describe("rowRange", () => {
  it.each([
    ["13 to 36 months", { low: 13, high: 36 }],
    ["$10,000.00 to $49,999.99", { low: 10_000, high: 49_999.99 }],
    ["$25,000 and above", { low: 25_000, high: Infinity }],
    ["12 months or less (3, 6 and 12 months)", { low: -Infinity, high: 12 }],
    ["Up to $1,000", { low: -Infinity, high: 1000 }],
    ["24 months", { low: 24, high: 24 }],
    ["60+ days", { low: 60, high: Infinity }],
    ["Less than 99.5% but at least 99.0%", { low: 99, high: 99.5, highOpen: true }],
    ["Accounts open fewer than 90 days", { low: -Infinity, high: 90, highOpen: true }],
    ["Terms over 36 months", { low: 36, high: Infinity, lowOpen: true }],
  ])("%s", (key, range) => {
    expect(rowRange(key)).toEqual(range);
  });

  it("is undefined for a key without a number", () => {
    expect(rowRange("Harbor Savings")).toBeUndefined();
  });
});

describe("rowKeyFit", () => {
  it("fits a question number inside the row's range, and rejects a row whose numbers miss it", () => {
    expect(rowKeyFit("13 to 36 months", quantitiesIn("penalty on a 24-month CD"))).toBe(1);
    expect(rowKeyFit("12 months or less", quantitiesIn("penalty on a 24-month CD"))).toBe(-1);
    expect(rowKeyFit("$50,000 and above", quantitiesIn("I keep about $60k"))).toBe(1);
    expect(rowKeyFit("Harbor Savings", quantitiesIn("24-month"))).toBe(0);
  });

  it("tests both bounds of a range, and leaves out a bound the key says is outside it", () => {
    expect(rowKeyFit("Less than 99.5% but at least 99.0%", quantitiesIn("uptime was 99.3% last month"))).toBe(1);
    expect(rowKeyFit("Less than 99.9% but at least 99.5%", quantitiesIn("uptime was 99.3% last month"))).toBe(-1);
    expect(rowKeyFit("Less than 99.9% but at least 99.5%", quantitiesIn("uptime was 99.5%"))).toBe(1);
    expect(rowKeyFit("Accounts open fewer than 90 days", quantitiesIn("my account is older than 90 days"))).toBe(-1);
    expect(rowKeyFit("Accounts open 90 days or more (standard)", quantitiesIn("my account is older than 90 days"))).toBe(1);
  });

  it("fits a size only to a key of the same size, however it is written", () => {
    expect(rowKeyFit("5 x 10", quantitiesIn("how much does a 5x10 safe deposit box cost"))).toBe(1);
    expect(rowKeyFit("10 x 10", quantitiesIn("how much does a 5x10 safe deposit box cost"))).toBe(-1);
    expect(rowKeyFit("3 x 5", quantitiesIn("a 3 × 5 box"))).toBe(1);
  });

  it("compares lengths of time in the key's unit: a 5 year CD is 60 months", () => {
    expect(quantitiesIn("a 5 year CD at $10,000")).toEqual([{ value: 5, unitDays: 365.25 }, { value: 10_000 }]);
    expect(rowKeyFit("12 months or less (3, 6 and 12 months)", quantitiesIn("penalty for cashing out a 5 year cd early"))).toBe(-1);
    expect(rowKeyFit("Terms over 36 months", quantitiesIn("penalty for cashing out a 5 year cd early"))).toBe(1);
    expect(rowKeyFit("12 months", quantitiesIn("APY on a 1 year CD?"))).toBe(1);
    expect(rowKeyFit("13 to 36 months", quantitiesIn("2-year CD, $10,000 deposit"))).toBe(1);
    // A number without a unit is compared as it is when the question gives no length of time.
    expect(rowKeyFit("13 to 36 months", quantitiesIn("a 24 CD"))).toBe(1);
    expect(rowKeyFit("90 days", quantitiesIn("3 months"))).toBe(1);
    expect(rowKeyFit("13 to 36 months", quantitiesIn("a 1-year CD"))).toBe(-1);
  });
});

describe("periods of a question and of a column", () => {
  it("reads years and quarters, a spelled-out quarter included", () => {
    expect(periodsIn("What was net income in 2025?")).toEqual({ years: new Set(["2025"]), parts: new Set() });
    expect(periodsIn("in the third quarter of 2026")).toEqual({ years: new Set(["2026"]), parts: new Set(["q3"]) });
  });

  it("takes a heading that is only a period as a period column, not a change column", () => {
    expect(isPeriodColumn("2025")).toBe(true);
    expect(isPeriodColumn("December 31, 2025")).toBe(true);
    expect(isPeriodColumn("Fiscal 2024")).toBe(true);
    expect(isPeriodColumn("Change vs Q2 2026")).toBe(false);
    expect(isPeriodColumn("Change")).toBe(false);
  });

  it("fits the column of the asked period, rejects other periods, and says nothing without a period", () => {
    const asked = periodsIn("What was net income in 2025?");
    expect(periodFit("2025", asked)).toBe(1);
    expect(periodFit("2024", asked)).toBe(-1);
    expect(periodFit("Q3 2025", asked)).toBe(-1);
    expect(periodFit("Change", asked)).toBe(0);
    expect(periodFit("2025", periodsIn("What is the APY?"))).toBe(0);
    expect(periodFit("Q3 2026", periodsIn("the efficiency ratio in Q3 2026"))).toBe(1);
    // A fiscal year written as FY2025 is the year 2025, in the question and in a column heading.
    expect(periodFit("2025", periodsIn("What was FY2025 net income?"))).toBe(1);
    expect(periodFit("FY2025", periodsIn("What was net income in fiscal 2025?"))).toBe(1);
    expect(periodFit("FY2024", periodsIn("What was net income in fiscal 2025?"))).toBe(-1);
  });
});

describe("dated columns", () => {
  it("fits the column whose dates hold the question's date, and not the other", () => {
    const question = periodsIn("What is the return window for an order placed on October 20, 2026?");
    expect(periodFit("Now (orders from Sep 1, 2026)", question)).toBe(1);
    expect(periodFit("Before (orders to Aug 31, 2026)", question)).toBe(-1);
    const june = periodsIn("I was charged on June 28, 2026");
    expect(periodFit("Before July 1, 2026", june)).toBe(1);
    expect(periodFit("From July 1, 2026", june)).toBe(-1);
  });
});

describe("cell units", () => {
  const caption = "Table 2: Income statement for the years ended December 31 ($ millions, except per-share data)";

  it("reads a plain-number cell with the caption's unit, or the row's own unit when it has one", () => {
    expect(readCell("96.4", cellUnit(caption, "Net income"))).toBe("$96.4 million");
    expect(readCell("4.42", cellUnit(caption, "Diluted earnings per share ($)"))).toBe("$4.42");
    expect(readCell("19.8", cellUnit(caption, "Weighted average shares (millions)"))).toBe("19.8 million");
    expect(readCell("1,250", cellUnit("Revenue (in thousands of dollars)", "Revenue"))).toBe("$1,250 thousand");
  });

  it("leaves a cell alone that is not a plain number, or a table without a unit", () => {
    expect(readCell("59.5%", cellUnit(caption, "Efficiency ratio"))).toBe("59.5%");
    expect(readCell("+9.4%", cellUnit(caption, "Net income"))).toBe("+9.4%");
    expect(cellUnit("Rates (APY)", "12 months")).toBeUndefined();
    expect(readCell("96.4", undefined)).toBe("96.4");
  });
});
