import { describe, expect, it } from "vitest";
import { asksForOlderVersion, buildVersions, findDates, isUnaskedOldVersion } from "./document-versions.js";

const document = (id: string, metadata: Record<string, unknown>) => ({ id, title: id, sourcePath: `${id}.md`, contentHash: "x", chunks: 1, metadata });

describe("buildVersions", () => {
  it("marks every version of a family but the newest as superseded", () => {
    const versions = buildVersions([
      document("rates-2026-03", { family: "rates", effective_date: "2026-03-01" }),
      document("rates-2026-09", { family: "rates", effective_date: "2026-09-01" }),
      document("faq", { effective_date: "2026-01-01" }),
    ]);
    expect(versions.get("rates-2026-03")).toEqual({ family: "rates", effectiveDate: "2026-03-01", superseded: true });
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
