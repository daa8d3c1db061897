import { describe, expect, it } from "vitest";
import { askedSections, headingNumber, sectionTermsOf } from "./section-numbers.js";

describe("askedSections", () => {
  it("reads the numbered sections a question names", () => {
    expect(askedSections("What does MSA section 5.7 say happens to our data?")).toEqual([{ terms: ["section"], number: "5.7" }]);
    expect(askedSections("What triggers the right in Section 6 of the SLA, and clause 12.1?")).toEqual([
      { terms: ["section"], number: "6" },
      { terms: ["claus"], number: "12.1" },
    ]);
    expect(askedSections("Under § 4.2, what credit applies?")).toEqual([{ terms: [], number: "4.2" }]);
  });

  it("reads no section from other numbers", () => {
    expect(askedSections("What credit applies at 99.3% uptime in 2026?")).toEqual([]);
  });
});

describe("headingNumber", () => {
  it("reads the number a heading opens with", () => {
    expect(headingNumber("5.7 Effect of Termination and Return of Customer Data")).toBe("5.7");
    expect(headingNumber("6. Chronic Failure")).toBe("6");
    expect(headingNumber("Section 12 - Suspension")).toBe("12");
    expect(headingNumber("Fees and Payment")).toBeUndefined();
    expect(headingNumber("2026 Rates")).toBeUndefined();
  });
});

describe("sectionTermsOf", () => {
  it("gives the asked section's terms to a chunk under that section's heading, and none to others", () => {
    const asked = askedSections("What triggers the chronic failure right in section 6 of the SLA?");
    expect(sectionTermsOf(["Service Level Agreement", "6. Chronic Failure"], asked)).toEqual(["section", "6"]);
    expect(sectionTermsOf(["Service Level Agreement", "5. Exclusive Remedy"], asked)).toEqual([]);
    expect(sectionTermsOf(["Master Subscription Agreement", "6. Confidentiality", "6.5 Duration"], askedSections("section 6.5"))).toEqual(["section", "6.5"]);
  });
});
