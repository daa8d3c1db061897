import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { answerType, askedValueKinds, COMPARISON_CUE, focusTerms, howMuchOfTime, namesSomeoneNew, namesTwoSides, offersAction, questionSentence, statesAction, STEP_CUES } from "./answer-type.js";
import type { ValueProfile } from "./value-profile.js";

// A corpus where "fee" sits next to amounts and "apy" next to percentages.
const [FEE, APY] = [contentTerms("fee")[0]!, contentTerms("APY")[0]!];
const profile: ValueProfile = { expectedKind: (terms) => (terms.includes(FEE) ? "money" : terms.includes(APY) ? "percent" : undefined) };
const typeOf = (question: string) => answerType(question, contentTerms(question), profile);

describe("answerType", () => {
  it("marks a kind that comes only from the corpus's words as a guess, not one the question's form asks", () => {
    expect(typeOf("What's the monthly fee on Everyday Checking?").guessed).toBe(true);
    expect(typeOf("How much is the monthly fee?").guessed).toBeUndefined();
    expect(typeOf("How long do I have to dispute a fee?").guessed).toBeUndefined();
  });

  it.each([
    ["How long do I have to dispute a charge?", "duration"],
    ["When does the branch open?", "date"],
    ["What is the deadline to report it?", "date"],
    ["What’s the deadline to report it?", "date"],
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
    ["What did the order form charge per year for support?", "money"],
    ["What does the charge for the year include?", "list"],
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

describe("hours questions", () => {
  it("reads \"what are the X hours\" and \"hours of operation\" as asking for times of day, not a length of time", () => {
    const durations: ValueProfile = { expectedKind: () => "duration" };
    expect(answerType("What are your customer care hours?", [], durations).values).toEqual(["time"]);
    expect(answerType("What hours is live chat open?", [], durations).kind).toBe("time");
    expect(answerType("What are the hours of operation?", [], durations).kind).toBe("time");
    // How many hours something takes is a length of time.
    expect(answerType("How many hours does a wire take?", [], durations).kind).toBe("duration");
    expect(answerType("What are the hours of notice needed?", [], durations).kind).not.toBe("time");
  });
});

describe("how many", () => {
  it("asks for a count even where the corpus states amounts beside the counted word ('ATM' beside ATM fees)", () => {
    const amounts: ValueProfile = { expectedKind: () => "money" };
    expect(answerType("How many ATMs does Cobalt Harbor own?", contentTerms("ATMs Cobalt Harbor own"), amounts).kind).toBe("count");
    const durations: ValueProfile = { expectedKind: () => "duration" };
    expect(answerType("How many notice periods apply?", [], durations).kind).toBe("duration");
  });
});

describe("age questions", () => {
  it("reads a question for an age as asking for years or a number", () => {
    expect(typeOf("What's the minimum age to use the self serve plans?").values).toEqual(["duration", "count"]);
    expect(typeOf("At what age does my grandson take control of the account?").values).toEqual(["duration", "count"]);
    expect(typeOf("How old do you have to be to sign up?").values).toEqual(["duration", "count"]);
    expect(typeOf("Is there an age limit for Student Checking?").kind).not.toBe("yes-no");
    expect(typeOf("What does the page say about the age of the account?").values).toEqual([]);
  });
});

describe("who questions", () => {
  it("reads \"who is / who signed\" as asking for a name, \"who can / who is eligible\" as asking for the rule", () => {
    expect(typeOf("Who is the CEO of Cobalt Harbor?").kind).toBe("who");
    expect(typeOf("Who signed the NDA for Fernhollow?").kind).toBe("who");
    expect(typeOf("Who can open a Student Checking account?").kind).not.toBe("who");
    expect(typeOf("Who is eligible for the grant?").kind).not.toBe("who");
  });

  it("namesSomeoneNew: a run of two or more capitalised words none of whose words the question holds", () => {
    expect(namesSomeoneNew("Dana Okafor, Chief Executive Officer, sets the strategy.", "Who is the CEO of Cobalt Harbor?")).toBe(true);
    expect(namesSomeoneNew("Cobalt Harbor identifies anyone who owns 25% of the business.", "Who is the CEO of Cobalt Harbor?")).toBe(false);
    expect(namesSomeoneNew("She became CEO in 2019.", "Who is the CEO?")).toBe(false);
    expect(namesSomeoneNew("The Bank sets its strategy.", "Who is the CEO?")).toBe(false);
  });
});

describe("howMuchOfTime", () => {
  // A corpus where "notice" sits beside durations ("at least 60 days' notice") and "fee" beside amounts.
  const NOTICE = contentTerms("notice")[0]!;
  const durations: ValueProfile = { expectedKind: (terms) => (terms.includes(NOTICE) ? "duration" : terms.includes(FEE) ? "money" : undefined) };

  it("reads \"how much <noun>\" as a length of time when the corpus states durations beside the noun, or the noun is time", () => {
    expect(howMuchOfTime("As amended, how much advance notice does section 5.3 require?", durations)).toBe(true);
    expect(answerType("How much notice do we need to give?", [], durations).kind).toBe("duration");
    expect(howMuchOfTime("How much time do I have to return it?", durations)).toBe(true);
  });

  it("keeps amounts for a noun the corpus states amounts beside, and for \"how much\" with no noun", () => {
    expect(howMuchOfTime("How much fee does the bank charge?", durations)).toBe(false);
    expect(howMuchOfTime("How much does the Team plan cost?", durations)).toBe(false);
    expect(howMuchOfTime("How much is the late fee?", durations)).toBe(false);
    expect(howMuchOfTime("How much cash back does the card earn?", durations)).toBe(false);
    expect(answerType("How much fee does the bank charge?", [], durations).kind).toBe("money");
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

  it("reads \"which lasts longer, X or Y\" as a comparison of durations, but not \"no longer\" or a length the corpus states", () => {
    const none = { expectedKind: () => undefined };
    const type = answerType("Is a Skyvane camera or a Waymark GPS covered longer under your warranty?", [], none);
    expect([type.kind, type.values, type.comparison]).toEqual(["duration", ["duration"], true]);
    expect(answerType("Which one is lighter, the Pocket or the Slate?", [], none).comparison).toBe(true);
    expect(answerType("Is the Student account no longer available?", [], none).comparison).toBe(false);
    expect(answerType("Which tent is longer?", [], { expectedKind: () => "measure" as const }).kind).not.toBe("duration");
    expect(COMPARISON_CUE.test("longer")).toBe(true);
  });

  it("tells a comparison of two named things from one thing at two times or a change", () => {
    expect(namesTwoSides("How long is the warranty on the subscription compared with professional services?")).toBe(true);
    expect(namesTwoSides("Is a Skyvane camera or a Waymark GPS covered longer?")).toBe(true);
    expect(namesTwoSides("How much did shipping revenues decrease in 2019 compared to 2018?")).toBe(false);
    expect(namesTwoSides("Is the fee higher than the year before?")).toBe(false);
    expect(namesTwoSides("How much did depreciation decrease?")).toBe(false);
  });

  it("reads \"what resulted in\" as asking for a reason", () => {
    expect(answerType("What resulted in the change in subscriber activations?", [], { expectedKind: () => undefined }).kind).toBe("reason");
  });

  it("reads a question for the cause of a change as a reason, not as a comparison of two values", () => {
    const none = { expectedKind: () => undefined };
    for (const question of ["What led to the decrease in shipping revenues?", "What was the reason for the increase in finance costs?", "Why was revenue higher in 2019 than in 2018?"]) {
      const type = answerType(question, [], none);
      expect([type.kind, type.comparison]).toEqual(["reason", false]);
    }
    expect(answerType("How did revenue change between 2018 and 2019?", [], none).comparison).toBe(true);
  });

  it("reads \"what was X related to\" as asking what the figure comes from, not for the figure", () => {
    expect(typeOf("What was the income tax benefit in 2019 related to?").kind).toBe("reason");
    expect(typeOf("What is the fee related to?").kind).toBe("reason");
    expect(typeOf("What is the fee?").kind).toBe("money");
  });

  it("reads \"what's the process\" and \"what do we need to do\" as procedures, before any value word", () => {
    expect(answerType("The invoice is wrong. What's the process for disputing it?", [], profile).kind).toBe("procedure");
    expect(answerType("What do we need to do first?", [], profile).kind).toBe("procedure");
    expect(answerType("What do I have to do to get the closing-cost grant?", [], profile).kind).toBe("procedure");
    expect(answerType("What does the closing-cost grant cost?", [], profile).kind).not.toBe("procedure");
    expect(answerType("What do I get for it?", [], profile).kind).not.toBe("procedure");
  });

  it("reads \"what do I need\" as a procedure (its requirements), not \"what do I need to know\" or \"to pay\"", () => {
    expect(answerType("What's the deadline to report it, and what paperwork do I need?", [], profile).kind).toBe("procedure");
    expect(answerType("What do I need to bring to deal with his accounts?", [], profile).kind).toBe("procedure");
    expect(answerType("What documents will we need?", [], profile).kind).toBe("procedure");
    expect(answerType("What do I need to know about fees?", [], profile).kind).not.toBe("procedure");
    expect(answerType("What do I need to pay?", [], profile).kind).not.toBe("procedure");
  });

  it("reads \"how do I\" after a lead-in clause as a procedure", () => {
    const profile = { expectedKind: () => undefined };
    expect(answerType("I'm not happy with the answer, so how do I escalate it?", [], profile).kind).toBe("procedure");
    expect(answerType("Tell me how do I know the rate?", [], profile).kind).not.toBe("procedure");
  });
});

describe("STEP_CUES", () => {
  it("holds for a sentence that says what to do, not for one about the topic", () => {
    expect(STEP_CUES.test("To unlock it, use Forgot password on the sign-in screen.")).toBe(true);
    expect(STEP_CUES.test("Call our opt-out line at 1-800-555-0199.")).toBe(true);
    expect(STEP_CUES.test("Customer must tell Fernhollow in writing within 15 days.")).toBe(true);
    expect(STEP_CUES.test("The parties will work together to resolve the disagreement.")).toBe(false);
    expect(STEP_CUES.test("To date, no claims have been filed.")).toBe(false);
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

describe("statesAction", () => {
  it("holds for a sentence that says how the action is done, not for one that uses the word otherwise", () => {
    expect(statesAction("You can order checks through online banking or at a branch.", "order")).toBe(true);
    expect(statesAction("Checks can be ordered in the app.", "order")).toBe(true);
    expect(statesAction("To file a claim, email the warranty team.", "file")).toBe(true);
    expect(statesAction("Customers may stop a payment by calling us.", "stop")).toBe(true);
    expect(statesAction("The price is shown before you confirm an order.", "order")).toBe(false);
    expect(statesAction("We accept cashier's checks and money orders.", "order")).toBe(false);
  });
});

describe("offersAction", () => {
  it("holds for a sentence that says who can do the action and the ways to do it, not for one that only allows it or opens the steps", () => {
    expect(offersAction("You can order checks through online banking, the app or a branch.", "order")).toBe(true);
    expect(offersAction("Checks can be ordered at any branch.", "order")).toBe(true);
    expect(offersAction("You may ask for a review within 90 days.", "ask")).toBe(false);
    expect(offersAction("To claim a credit, submit a claim in the support portal.", "claim")).toBe(false);
  });
});
