import { describe, expect, it } from "vitest";
import { findValues } from "./values.js";

const kinds = (text: string) => findValues(text).map((value) => `${value.kind}:${value.text}`);

describe("findValues", () => {
  it.each([
    ["The fee is $35.00 per item, up to 3 per day.", ["money:$35.00", "count:3"]],
    ["APY: 3.75%; penalty: 180 days of simple interest", ["percent:3.75%", "duration:180 days"]],
    ["Deposits before 9:00 p.m. ET on Tuesday", ["time:9:00 p.m. ET", "date:Tuesday"]],
    ["effective March 1, 2026 and in Q3 2026", ["date:March 1, 2026", "date:Q3 2026"]],
    ["weight: 2 lb 15 oz (1.33 kg)", ["measure:2 lb", "measure:15 oz", "measure:1.33 kg"]],
    ["a 24-month CD", ["duration:24-month"]],
    ["$1.2 million in 2019", ["money:$1.2 million", "date:2019"]],
    ["down 0.15 percentage points", ["percent:0.15 percentage points"]],
    // A 24-hour clock with a zone or in a range is a time; a ratio or a section number is not.
    ["Monday to Friday, 08:00 to 20:00 UTC", ["date:Monday", "date:Friday", "time:08:00", "time:20:00 UTC"]],
    ["open 9:00-17:00", ["time:9:00", "time:17:00"]],
    ["a ratio of 3:1", ["count:3", "count:1"]],
    // How often, as a period: what answers "how often".
    ["performs a penetration test at least once a year", ["duration:once a year"]],
    ["updates every 60 minutes, twice a month, 3 times per week and every other quarter", ["duration:60 minutes", "duration:twice a month", "duration:3 times per week", "duration:every other quarter"]],
    ["a monthly fee, charged every month", ["duration:every month"]],
  ])("%s", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it("reads the number of a value", () => {
    expect(findValues("$1,500.50")[0]!.number).toBe(1500.5);
  });
});
