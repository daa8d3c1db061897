import { describe, expect, it } from "vitest";
import { FiltersSchema, metadataPredicate } from "./filters.js";

const rateSheet = { doc_type: "rate-sheet", effective_date: "2026-09-01", product: ["Harbor Savings", "Harbor CD"], audience: "personal" };
const glossary = { doc_type: "glossary", effective_date: "2026-07-01", product: "General", audience: "all" };

describe("metadataPredicate", () => {
  it("matches equality case-insensitively, lists as any-of, arrays by membership", () => {
    expect(metadataPredicate({ doc_type: "Rate-Sheet" })!(rateSheet)).toBe(true);
    expect(metadataPredicate({ doc_type: ["faq", "glossary"] })!(glossary)).toBe(true);
    expect(metadataPredicate({ doc_type: ["faq", "glossary"] })!(rateSheet)).toBe(false);
    expect(metadataPredicate({ product: "harbor cd" })!(rateSheet)).toBe(true);
    expect(metadataPredicate({ missing_field: "x" })!(rateSheet)).toBe(false);
  });

  it("matches date ranges and ANDs keys", () => {
    expect(metadataPredicate({ effective_date: { gte: "2026-08-01" } })!(rateSheet)).toBe(true);
    expect(metadataPredicate({ effective_date: { gte: "2026-08-01" } })!(glossary)).toBe(false);
    expect(metadataPredicate({ effective_date: { lte: "2026-07-01" }, audience: "all" })!(glossary)).toBe(true);
    expect(metadataPredicate({})).toBeUndefined();
  });
});

describe("reserved keys", () => {
  it("rejects __proto__, constructor, prototype and Object.prototype member names instead of dropping them", () => {
    for (const json of ['{"__proto__": {"doc_type": "faq"}}', '{"constructor": "x"}', '{"prototype": "x"}', '{"toString": {"gte": "a"}}', '{"hasOwnProperty": "x"}']) {
      const parsed = FiltersSchema.safeParse(JSON.parse(json));
      expect(parsed.success, json).toBe(false);
      expect(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([[Object.keys(JSON.parse(json))[0], "filter keys cannot be __proto__, constructor, prototype or another Object.prototype member"]]);
    }
  });

  it("parses filters into an object without a prototype", () => {
    const filters = FiltersSchema.parse({ doc_type: "faq" });
    expect(Object.getPrototypeOf(filters)).toBeNull();
    expect({ ...filters }).toEqual({ doc_type: "faq" });
  });

  it("never matches a metadata field inherited from Object.prototype", () => {
    // Passed as-is (the schema would reject these keys): the range would match String(Object) otherwise.
    expect(metadataPredicate({ toString: { gte: "a" } })!(rateSheet)).toBe(false);
    expect(metadataPredicate({ constructor: { lte: "z" } })!(rateSheet)).toBe(false);
  });
});
