import { describe, expect, it } from "vitest";
import { metadataPredicate } from "./filters.js";

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
