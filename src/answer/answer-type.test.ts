import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { answerType, askedValueKinds, COMPARISON_CUE, focusTerms, questionSentence } from "./answer-type.js";
import type { ValueProfile } from "./value-profile.js";

// A corpus where "fee" sits next to amounts and "apy" next to percentages.
const [FEE, APY] = [contentTerms("fee")[0]!, contentTerms("APY")[0]!];
const profile: ValueProfile = { expectedKind: (terms) => (terms.includes(FEE) ? "money" : terms.includes(APY) ? "percent" : undefined) };
const typeOf = (question: string) => answerType(question, contentTerms(question), profile);

describe("answerType", () => {
  it.each([
    ["How long do I have to dispute a charge?", "duration"],
    ["When does the branch open?", "date"],
    ["How do I order new checks?", "procedure"],
    ["Why did revenue fall?", "reason"],
    ["Can I close my account online?", "yes-no"],
    ["What's the monthly fee on Everyday Checking?", "money"],
    ["What APY should I expect on a 12-month CD?", "percent"],
    ["What does the deferred income tax reflect?", "other"],
    ["How is the monthly fee computed?", "other"],
    ["What is the fee used for?", "other"],
    ["How is the fee charged, and how much is it?", "money"],
    ["How big is the fee?", "money"],
    ["How high can the APY go?", "percent"],
  ])("%s -> %s", (question, kind) => {
    expect(typeOf(question).kind).toBe(kind);
  });

  it("reads \"how does X compare\" as a comparison of values, not as a question of manner", () => {
    const type = typeOf("How does the fee compare with last year?");
    expect(type.comparison).toBe(true);
    expect(type.kind).toBe("money");
  });

  it("marks comparisons and keeps the question's own values as givens", () => {
    const type = typeOf("How does the APY on a 12-month CD compare with the 24-month CD?");
    expect(type.comparison).toBe(true);
    expect([...type.givens]).toEqual(["12-month", "24-month"]);
  });
});

describe("focusTerms and questionSentence", () => {
  it("reads the noun phrase after what/which, in the question sentence of a longer text", () => {
    expect(questionSentence("I opened a CD in April. What rate applies now?")).toBe("What rate applies now?");
    expect(focusTerms("What's the monthly fee on Everyday Checking?", [])).toEqual(contentTerms("monthly fee"));
    expect(focusTerms("What is included in restructuring expenses?", [])).toEqual([]);
  });

  it("reads a change in either direction as a comparison, and a cue word alone as one", () => {
    const profile = { expectedKind: () => undefined };
    expect(answerType("Has the ratio gone up since 2025?", [], profile).comparison).toBe(true);
    expect(answerType("Which fees fell in 2026?", [], profile).comparison).toBe(true);
    expect(answerType("What is the ratio?", [], profile).comparison).toBe(false);
    expect(COMPARISON_CUE.test("compared")).toBe(true);
    expect(COMPARISON_CUE.test("savings")).toBe(false);
  });

  it("reads \"what resulted in\" as asking for a reason", () => {
    expect(answerType("What resulted in the change in subscriber activations?", [], { expectedKind: () => undefined }).kind).toBe("reason");
  });

  it("reads \"how do I\" after a lead-in clause as a procedure", () => {
    const profile = { expectedKind: () => undefined };
    expect(answerType("I'm not happy with the answer, so how do I escalate it?", [], profile).kind).toBe("procedure");
    expect(answerType("Tell me how do I know the rate?", [], profile).kind).not.toBe("procedure");
  });
});

describe("askedValueKinds", () => {
  const kinds = (question: string) => askedValueKinds(question, contentTerms(question), profile);

  it("gives the answer type's value kinds, read from the form or from the corpus near the asked words", () => {
    expect(kinds("How long does a refund take?")).toContain("duration");
    expect(kinds(`What is the ${FEE} for a wire?`)).toEqual(["money"]);
  });

  it("gives none for a yes-no question, a comparison, or a question that asks for no value", () => {
    expect(kinds(`Is there a ${FEE} for a wire?`)).toEqual([]);
    expect(kinds(`How much higher is the ${FEE} than last year?`)).toEqual([]);
    expect(kinds("Why did the branch close?")).toEqual([]);
  });
});
