import { describe, expect, it } from "vitest";
import { findValues } from "../text/values.js";
import { differenceOf } from "./compose-answer.js";

const value = (text: string) => findValues(text)[0]!;

describe("differenceOf", () => {
  it("states the difference of two values of one kind with the arithmetic", () => {
    expect(differenceOf(value("3.70%"), value("3.85%"))).toBe("Difference: 3.85% − 3.70% = 0.15 percentage points.");
    expect(differenceOf(value("$35"), value("$32"))).toBe("Difference: $35 − $32 = $3.");
    expect(differenceOf(value("180 days"), value("90 days"))).toBe("Difference: 180 days − 90 days = 90 days.");
  });

  it("says when both are the same, and computes nothing across kinds or for dates", () => {
    expect(differenceOf(value("$10"), value("$10.00"))).toBe("Both are $10.");
    expect(differenceOf(value("$10"), value("10%"))).toBeUndefined();
    expect(differenceOf(value("March 2026"), value("May 2026"))).toBeUndefined();
  });
});
