import { describe, expect, it } from "vitest";
import { columnDateRange, dateIn, YEAR_TOKEN, yearsIn } from "./periods.js";

describe("yearsIn", () => {
  it("reads years alone and written as fiscal or calendar years", () => {
    expect(yearsIn("FY2018, FY 2018, fiscal 2019, CY2019 and FY20")).toEqual(["2018", "2018", "2019", "2019", "2020"]);
    expect(yearsIn("$2,019.50 and 12,020 units")).toEqual([]);
  });

  it("tells a fiscal-year token from a name", () => {
    expect(YEAR_TOKEN.test("FY2018")).toBe(true);
    expect(YEAR_TOKEN.test("FY18")).toBe(true);
    expect(YEAR_TOKEN.test("FYI")).toBe(false);
  });
});

describe("dates and dated columns", () => {
  it("reads a day or a month as the days it covers", () => {
    const day = dateIn("I ordered it on October 20, 2026.")!;
    expect(day.first).toBe(day.last);
    const month = dateIn("an order from October 2026")!;
    expect(month.last - month.first).toBe(30);
    expect(month.first <= day.first && day.first <= month.last).toBe(true);
    expect(dateIn("in 2026")).toBeUndefined();
  });

  it("reads the time before or after a date the text asks about", () => {
    const july = Date.UTC(2026, 6, 1) / 86_400_000;
    expect(dateIn("what was the overdraft fee before july 2026")).toEqual({ first: -Infinity, last: july - 1 });
    expect(dateIn("fees since July 1, 2026")).toEqual({ first: july, last: Infinity });
    expect(dateIn("fees after July 1, 2026")).toEqual({ first: july + 1, last: Infinity });
  });

  it("reads the bound of a column headed by a date after from/to/before/after", () => {
    const before = columnDateRange("Before July 1, 2026")!;
    const from = columnDateRange("From July 1, 2026")!;
    expect(before.to + 1).toBe(from.from); // "before" leaves the day itself to the other column
    expect(columnDateRange("Now (orders from Sep 1, 2026)")!.to).toBe(Infinity);
    expect(columnDateRange("Before (orders to Aug 31, 2026)")!.from).toBe(-Infinity);
    expect(columnDateRange("December 31, 2025")).toBeUndefined();
  });

});
