import { describe, expect, it } from "vitest";
import { askedSections, headingNumber, headingSections, inNamedSection, sectionsNamed, sectionTermsOf } from "./section-numbers.js";

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

describe("sectionsNamed", () => {
  it("reads the numbers after section, clause, article or §", () => {
    expect([...sectionsNamed("What does MSA section 5.7 say, and clause 10.3 of the DPA? See § 4.")]).toEqual(["5.7", "10.3", "4"]);
    expect([...sectionsNamed("What triggers the right in section 6 of the SLA?")]).toEqual(["6"]);
  });

  it("finds none in a question that numbers nothing as a section", () => {
    expect(sectionsNamed("What is the fee for 6 months?").size).toBe(0);
  });
});

describe("headingSections", () => {
  it("reads each heading's own number and the sections a heading names", () => {
    expect([...headingSections(["Master Subscription Agreement", "5. Term and Termination", "5.7 Effect of Termination"])]).toEqual(["5", "5.7"]);
    expect([...headingSections(["Amendment No. 1", "2. Amendments", "2.2 Notice of Non-Renewal (MSA Section 5.3)"])]).toEqual(["2", "2.2", "5.3"]);
    expect(headingSections(["Fee Schedule", "2026 Rates"]).size).toBe(0);
  });
});

describe("inNamedSection", () => {
  it("is true for the section named or a subsection's path through it, false for another number", () => {
    const named = sectionsNamed("section 6 of the SLA");
    expect(inNamedSection(["Service Level Agreement", "6. Chronic Failure"], named)).toBe(true);
    expect(inNamedSection(["Amendment", "5. Terms Not Changed"], named)).toBe(false);
    expect(inNamedSection(["Service Level Agreement", "6. Chronic Failure"], new Set())).toBe(false);
  });
});
