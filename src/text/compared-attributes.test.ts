import { describe, expect, it } from "vitest";
import { comparedAttributeTerms, comparedTerms } from "./compared-attributes.js";

describe("comparedTerms", () => {
  it("reads the attribute a comparison by an adjective asks for", () => {
    expect(comparedTerms("Which binoculars are lighter, the Pocket 8x25 or the Vista 8x42?")).toEqual(["weight"]);
    expect(comparedTerms("Which tent is the biggest?")).toEqual(["size"]);
    expect(comparedTerms("What is the fee for a wire transfer?")).toEqual([]);
  });

  it("keys each attribute by the term of the adjective that compares it", () => {
    const byTerm = comparedAttributeTerms("Is the Homestead 8 heavier than the Rollmaster 65?");
    expect([...byTerm.values()]).toEqual([["weight"]]);
    expect(byTerm.size).toBe(1);
  });
});
