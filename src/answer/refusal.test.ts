import { describe, expect, it } from "vitest";
import type { RetrievedChunk } from "../retrieval/types.js";
import { findCloseName, missingNameRefusal, unseenYearsRefusal } from "./refusal.js";

const chunk = (n: number, text: string): RetrievedChunk => ({
  id: `doc-${n}#0`, docId: `doc-${n}`, ordinal: 0, title: `Doc ${n}`, section: "", headingPath: [`Doc ${n}`], text, metadata: {}, score: 1, rank: n,
});

describe("findCloseName", () => {
  it("finds a name as written, or a number-unit name as the documents write it beside the thing", () => {
    expect(findCloseName("The Ember 20 bag.", "Ember 20")).toBe(4);
    expect(findCloseName("| 24 months | 3.90% APY | CD |", "24-month CD")).toBe(2);
    expect(findCloseName("| 24 months | 7.49% APR | loan |", "24-month CD")).toBe(-1);
  });
});

describe("missingNameRefusal", () => {
  it("names what is missing and what is close, citing the chunks that state the close things", () => {
    const chunks = [chunk(1, "Personal loans run 48 months."), chunk(2, "Our CD terms: 12 months at 4.10% APY and 24 months at 3.90% APY.")];
    const refusal = missingNameRefusal([{ name: "48-month CD", close: ["12-month CD", "24-month CD"] }], chunks);
    expect(refusal.text).toBe("The documents do not say. They do not mention 48-month CD. They cover 12-month CD and 24-month CD [2].");
    expect(refusal.cited.map((entry) => entry.n)).toEqual([2]);
  });
});

describe("unseenYearsRefusal", () => {
  it("names the years the closest passages do not mention", () => {
    expect(unseenYearsRefusal(["2027"])).toBe("The documents do not say. The passages closest to this question do not mention 2027, so I will not guess.");
    expect(unseenYearsRefusal(["2024", "2027"])).toContain("do not mention 2024 and 2027,");
  });
});
