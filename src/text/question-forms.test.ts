import { describe, expect, it } from "vitest";
import { askedValueKind } from "./question-forms.js";

describe("askedValueKind", () => {
  it("reads the kind of value a question's form asks for", () => {
    expect(askedValueKind("How long do I have to fight the charge?")).toBe("duration");
    expect(askedValueKind("How many business days does a transfer take?")).toBe("duration");
    expect(askedValueKind("What percentage of revenue came from Europe?")).toBe("percent");
    expect(askedValueKind("How much can I deposit with mobile check deposit?")).toBe("money");
    expect(askedValueKind("What does it cost to send a domestic wire?")).toBe("money");
  });

  it("asks for no value kind when the form does not say", () => {
    for (const question of ["Why did revenue fall?", "Can my 15-year-old open a checking account?", "What is the grace period?", "How many creditors can you pay?"]) {
      expect([question, askedValueKind(question)]).toEqual([question, undefined]);
    }
  });
});
