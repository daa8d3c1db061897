import { describe, expect, it } from "vitest";
import { asksForOlderVersion, buildVersions, documentYears, findDates, isUnaskedOldVersion, missingEarlierVersion } from "./document-versions.js";

const document = (id: string, metadata: Record<string, unknown>) => ({ id, title: id, sourcePath: `${id}.md`, contentHash: "x", chunks: 1, metadata });

describe("buildVersions", () => {
  it("marks every version of a family but the newest as superseded", () => {
    const versions = buildVersions([
      document("rates-2026-03", { family: "rates", effective_date: "2026-03-01" }),
      document("rates-2026-09", { family: "rates", effective_date: "2026-09-01" }),
      document("faq", { effective_date: "2026-01-01" }),
    ]);
    expect(versions.get("rates-2026-03")).toEqual({ family: "rates", effectiveDate: "2026-03-01", title: "rates-2026-03", superseded: true });
    expect(versions.get("rates-2026-09")?.superseded).toBe(false);
    expect(versions.has("faq")).toBe(false);
  });
});

describe("findDates", () => {
  it("finds ISO dates, month-year phrases and years", () => {
    const dates = findDates("What changed between March 2026 and 2026-09-01, compared with 2025?");
    expect([...dates.yearMonths].sort()).toEqual(["2026-03", "2026-09"]);
    expect([...dates.years].sort()).toEqual(["2025", "2026"]);
    expect([...findDates("rates as of September 1, 2026").yearMonths]).toEqual(["2026-09"]);
  });
});

describe("isUnaskedOldVersion", () => {
  const old = { family: "rates", effectiveDate: "2026-03-01", superseded: true };
  it("demotes a superseded version unless the question names its month or asks for an earlier version", () => {
    expect(isUnaskedOldVersion(old, findDates("What is the APY?"), asksForOlderVersion("What is the APY?"))).toBe(true);
    expect(isUnaskedOldVersion(old, findDates("APY in March 2026?"), false)).toBe(false);
    expect(isUnaskedOldVersion(old, findDates("x"), asksForOlderVersion("What was the previous APY?"))).toBe(false);
    expect(isUnaskedOldVersion({ ...old, superseded: false }, findDates("x"), false)).toBe(false);
  });
});

describe("documentYears", () => {
  it("reads the years a document is about from its title, file name and date metadata", () => {
    const years = documentYears([
      { id: "r", title: "10-K - 02/07/2019 - Acme", sourcePath: "docs/Acme_2018_10K.pdf", contentHash: "x", chunks: 1, metadata: {} },
      { id: "s", title: "Rate sheet", sourcePath: "rates.md", contentHash: "x", chunks: 1, metadata: { effective_date: "2026-03-01" } },
      { id: "t", title: "Terms", sourcePath: "terms.md", contentHash: "x", chunks: 1, metadata: {} },
    ]);
    expect([...years.get("r")!].sort()).toEqual(["2018", "2019"]);
    expect([...years.get("s")!]).toEqual(["2026"]);
    expect(years.has("t")).toBe(false);
  });

  it("finds a year written as FY2018 in a question, never inside a longer number", () => {
    expect([...findDates("What was the FY2018 capital expenditure?").years]).toEqual(["2018"]);
    expect([...findDates("It cost $2019.50 and 120194 units").years]).toEqual([]);
  });
});

describe("missingEarlierVersion", () => {
  const versions = buildVersions([
    { ...document("returns-2025-03", { family: "returns", effective_date: "2025-03-01" }), title: "Returns Policy (March 2025)" },
    { ...document("returns-2026-09", { family: "returns", effective_date: "2026-09-01" }), title: "Returns Policy (September 2026)" },
  ]);
  const named = new Set(["returns-2025-03", "returns-2026-09"]);

  it("names a version older than the earliest the documents have, and the versions they have", () => {
    expect(missingEarlierVersion("What was the return window before the March 2025 returns policy took effect?", named, versions)).toEqual({
      name: "a Returns Policy from before March 2025",
      close: ["Returns Policy (March 2025)", "Returns Policy (September 2026)"],
    });
    expect(missingEarlierVersion("What was the return window prior to 2024?", named, versions)?.name).toBe("a Returns Policy from before 2024");
  });

  it("leaves alone a time the documents have a version for, a question naming no versioned document, and one that asks about no earlier time", () => {
    expect(missingEarlierVersion("What was the return window before the September 2026 policy?", named, versions)).toBeUndefined();
    expect(missingEarlierVersion("What was the return window before March 2025?", new Set(["faq"]), versions)).toBeUndefined();
    expect(missingEarlierVersion("What is the return window in the March 2025 policy?", named, versions)).toBeUndefined();
  });
});
