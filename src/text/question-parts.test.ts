import { describe, expect, it } from "vitest";
import { questionParts } from "./question-parts.js";
import { contentTerms } from "./tokenize.js";

const texts = (question: string) => questionParts(question).map((part) => part.text);

describe("questionParts", () => {
  it("splits clauses joined by ', and' + a question word or a yes/no verb, and by '; '", () => {
    expect(texts("What's the monthly fee on Everyday Checking, and what can I do to avoid paying it?")).toEqual([
      "What's the monthly fee on Everyday Checking?",
      "what can I do to avoid paying it?",
    ]);
    expect(texts("How much is the tent, and do you have it in stock?")).toEqual(["How much is the tent?", "do you have it in stock?"]);
    expect(texts("What is the fee; when is it charged?")).toEqual(["What is the fee?", "when is it charged?"]);
  });

  it("splits past an adverb between 'and' and the question word", () => {
    expect(texts("Which battery goes in the camera, and roughly how long does a charge last?")).toEqual(["Which battery goes in the camera?", "how long does a charge last?"]);
  });

  it("splits after a bare comma only at a question word followed by a verb, and keeps a lead-in with the part after it", () => {
    expect(texts("Shipping to Toronto: what does it cost, when is it free, and will I pay duties?")).toEqual([
      "Shipping to Toronto: what does it cost?",
      "when is it free?",
      "will I pay duties?",
    ]);
    // A relative clause and a condition are not parts.
    expect(texts("What is the fee on the Premier account, which I opened last year?")).toHaveLength(1);
    expect(texts("If I buy a $100 gift card, do I get rewards points for it?")).toHaveLength(1);
  });

  it("keeps the story before the question with every part, and reads each question sentence as a part", () => {
    expect(texts("My CD matures next week. What are my options, and how long do I have?")).toEqual([
      "My CD matures next week. What are my options?",
      "My CD matures next week. how long do I have?",
    ]);
    expect(texts("Is a headlamp electronics for returns? Do I only get 30 days?")).toEqual(["Is a headlamp electronics for returns?", "Do I only get 30 days?"]);
  });

  it("gives each part its own words, and the question itself when it asks one thing", () => {
    const [first, second] = questionParts("What's the fee on Everyday Checking, and what balance waives it?");
    expect(first!.own).toEqual(contentTerms("What's the fee on Everyday Checking"));
    expect(second!.own).toEqual(contentTerms("what balance waives it"));
    const one = "What was the change in revenue between 2019 and 2018?";
    expect(questionParts(one)).toEqual([{ text: one, own: contentTerms(one) }]);
  });
});
