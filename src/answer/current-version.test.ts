import { describe, expect, it } from "vitest";
import { plainQuery } from "../retrieval/query.js";
import { currentVersions, replacedValues } from "./current-version.js";
import { retrievedChunk } from "./testing/retrieved-chunk.js";

const dated = (rank: number, text: string, metadata: Record<string, string>) => ({ ...retrievedChunk(rank, "Terms", text), metadata });

describe("replacedValues", () => {
  it("finds the value an amendment says it replaces, before or after the cue", () => {
    expect(replacedValues("The commitment is at least 99.95% in each calendar month, instead of 99.9%.")).toEqual(new Set(["percent:99.9"]));
    expect(replacedValues('In Section 7.2, "within 72 hours after becoming aware of it" is replaced with "within 48 hours after becoming aware of it".')).toEqual(new Set(["duration:72"]));
  });

  it("finds none in a plain statement", () => {
    expect(replacedValues("Fernhollow will make the service available at least 99.9% of each month.").size).toBe(0);
  });
});

describe("currentVersions", () => {
  const sla = dated(1, "Fernhollow commits to a Monthly Uptime Percentage of at least 99.9% in each calendar month.", { effective_date: "2025-04-01" });
  const amendment = dated(2, "The Uptime Commitment is a Monthly Uptime Percentage of at least 99.95% in each calendar month, instead of 99.9%.", { effective_date: "2026-01-01" });

  it("takes a value a later document declares replaced for out of date in the earlier one", () => {
    const versions = currentVersions(plainQuery("What uptime is Fernhollow committed to?"), [sla, amendment]);
    expect(versions.replacedValue(1, "99.9%")).toBe(true);
    expect(versions.replacedValue(1, "99.90%")).toBe(true);
    // The later document itself, and a value nobody replaced, stand.
    expect(versions.replacedValue(2, "99.9%")).toBe(false);
    expect(versions.replacedValue(1, "99.5%")).toBe(false);
  });

  it("keeps the earlier value when the question names the earlier version or its date", () => {
    expect(currentVersions(plainQuery("What was the previous uptime commitment?"), [sla, amendment]).replacedValue(1, "99.9%")).toBe(false);
    expect(currentVersions(plainQuery("What uptime applied in April 2025?"), [sla, amendment]).replacedValue(1, "99.9%")).toBe(false);
  });

  it("takes the older member of a document family for out of date when a newer one is among the chunks", () => {
    const march = dated(1, "12-month CD APY: 3.70%.", { family: "rate-sheet", effective_date: "2026-03-01" });
    const september = dated(2, "12-month CD APY: 3.85%.", { family: "rate-sheet", effective_date: "2026-09-01" });
    const other = dated(3, "Savings APY: 0.40%.", { family: "savings", effective_date: "2025-01-01" });
    const versions = currentVersions(plainQuery("What is the APY on a 12-month CD?"), [march, september, other]);
    expect([1, 2, 3].map((n) => versions.olderVersion(n))).toEqual([true, false, false]);
    expect(currentVersions(plainQuery("What was the APY on the March 2026 sheet?"), [march, september]).olderVersion(1)).toBe(false);
  });
});
