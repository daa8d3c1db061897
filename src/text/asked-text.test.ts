import { describe, expect, it } from "vitest";
import { askedText, askedWithoutCondition } from "./asked-text.js";

describe("askedText", () => {
  it("keeps the sentences that ask, dropping the story told before them", () => {
    expect(askedText("I opened the account in 2019. Can I still get the bonus?")).toBe("Can I still get the bonus?");
    expect(askedText("Net income in 2025")).toBe("Net income in 2025");
  });

  it("drops a leading clause of the asker's story before the comma that starts the question", () => {
    expect(askedText("I've been a member since 2015, can I opt out of arbitration?")).toBe("can I opt out of arbitration?");
    expect(askedText("We signed in 2024, so when does our term end?")).toBe("so when does our term end?");
    expect(askedText("My order shipped in 2025; what is the return window?")).toBe("what is the return window?");
  });

  it("keeps a leading clause that is not the asker's story, or not followed by a question", () => {
    expect(askedText("In 2027, how many branches will open?")).toBe("In 2027, how many branches will open?");
    expect(askedText("I want the 2025 figures, the ones for net income?")).toBe("I want the 2025 figures, the ones for net income?");
  });
});

describe("askedWithoutCondition", () => {
  it("drops a leading condition before the comma that starts the question", () => {
    expect(askedWithoutCondition("If nobody terminates it early, when does the NDA expire?")).toBe("when does the NDA expire?");
    expect(askedWithoutCondition("Once I apply for a mortgage, how fast do I get the Loan Estimate?")).toBe("how fast do I get the Loan Estimate?");
    expect(askedWithoutCondition("We took a loan from you. If another bank refinances it, is there a penalty?")).toBe("is there a penalty?");
  });

  it("keeps a condition that is not followed by a question, and a leading clause that is not a condition", () => {
    expect(askedWithoutCondition("If I cancel, the fee, what is it?")).toBe("If I cancel, the fee, what is it?");
    expect(askedWithoutCondition("When does a late fee hit, and how much is it?")).toBe("When does a late fee hit, and how much is it?");
    expect(askedWithoutCondition("In 2027, how many branches will open?")).toBe("In 2027, how many branches will open?");
  });
});
