import { describe, expect, it } from "vitest";
import { asksForReason, statesReason, withoutReasonWords } from "./reasons.js";

describe("asksForReason", () => {
  it("reads a question asking for a cause, not one asking for a meaning, a method or a figure", () => {
    for (const question of ["Why did revenue fall?", "What drove the change in product revenues in 2019?", "What led to increase in media revenue in 2018?", "What accounts for the change in interest expense?", "What was the main reason for the increase?", "Which factors affected margins?"]) {
      expect([question, asksForReason(question)]).toEqual([question, true]);
    }
    for (const question of ["What does revenue include?", "How is the market value calculated?", "What was revenue in 2019?", "What is the code in the reason field?", "Whywould"]) {
      expect([question, asksForReason(question)]).toEqual([question, false]);
    }
  });
});

describe("withoutReasonWords", () => {
  it("drops the words that only ask for a reason, and keeps what the reason is asked about", () => {
    expect(withoutReasonWords("What caused the increase in the prepaid expenses?")).toBe("the increase in the prepaid expenses?");
    expect(withoutReasonWords("Why was there an increase in accrued revenue from 2018 to 2019?")).toBe("an increase in accrued revenue from 2018 to 2019?");
    expect(withoutReasonWords("Why did amortization of intangible assets increase?")).toBe("amortization of intangible assets increase?");
    expect(withoutReasonWords("What was the reason for the change in other income?")).toBe("the change in other income?");
    expect(withoutReasonWords("What is the cause of the lower cash flow?")).toBe("the lower cash flow?");
  });

  it("leaves any other question, and one with nothing else to search, as it is", () => {
    for (const question of ["What was the income tax benefit in 2018?", "How much did interest expense change?", "Why?", "What was the reason?"]) expect(withoutReasonWords(question)).toBe(question);
  });
});

describe("statesReason", () => {
  it("finds causal connectives and not look-alike words", () => {
    for (const text of ["Sales rose, driven by demand.", "Costs fell due to lower volumes.", "Higher as a result of the acquisition.", "The increase was a result of new licences.", "It declined because prices fell.", "The change is attributable to currency.", "Growth was partly offset by returns."]) {
      expect([text, statesReason(text)]).toEqual([text, true]);
    }
    for (const text of ["Results of operations for 2019.", "Payment is due on the 5th.", "The driver of the vehicle.", "Revenue was $5.0 million."]) expect([text, statesReason(text)]).toEqual([text, false]);
  });
});
