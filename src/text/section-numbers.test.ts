import { describe, expect, it } from "vitest";
import { headingSections, inNamedSection, sectionsNamed } from "./section-numbers.js";

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
