import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AskResult } from "../src/answer/qa-chain.js";
import { createRagContext, type RagContext } from "../src/context.js";
import { financeContext, testConfig } from "./support/finance-context.js";

// The answers users were shown as collages before; the answerer has no word of these corpora in it.
let finance: RagContext;
let ecommerce: RagContext;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const built = await financeContext();
  finance = built.context;
  cleanups.push(built.cleanup, () => built.context.close());
  const shop = await testConfig({ CORPUS: "ecommerce" });
  ecommerce = await createRagContext(shop.config, { buildIfNeeded: true });
  cleanups.push(shop.cleanup, () => ecommerce.close());
}, 240_000);
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The first sentence of an answer and the citation its marker points at. */
function direct(result: AskResult): { sentence: string; citation: AskResult["citations"][number] } {
  const match = /^(.*?)\s\[(\d+)\]/.exec(result.answer)!;
  return { sentence: match[1]!, citation: result.citations.find((citation) => citation.n === Number(match[2]))! };
}

describe("direct answers", () => {
  it("reads a table by row and column: the penalty for a 24-month CD from the row covering 13 to 36 months", async () => {
    const result = await finance.chain.invoke({ question: "What is the early withdrawal penalty on a 24-month CD?" });
    const { sentence, citation } = direct(result);
    expect(sentence).toBe("For 13 to 36 months (18, 24 and 36 months), the early withdrawal penalty is 180 days of simple interest.");
    expect(citation.snippet).toContain("13 to 36 months");
    expect(result.answer).not.toContain("90 days");
  });

  it("reads a term given in years against rows keyed in months: a 5 year CD is over 36 months, not 12 months or less", async () => {
    const result = await finance.chain.invoke({ question: "whats the penalty for cashing out a 5 year cd early" });
    expect(direct(result).sentence).toContain("365 days of simple interest");
    const year = await finance.chain.invoke({ question: "APY on a 1 year CD?" });
    expect(direct(year).sentence).toBe("For 12 months, the APY is 4.10%.");
  });

  it("reads the column of the time before a date the question asks about", async () => {
    const before = await finance.chain.invoke({ question: "what was the overdraft fee before july 2026" });
    expect(direct(before).sentence).toContain("$35");
    const after = await finance.chain.invoke({ question: "what is the overdraft fee from July 1, 2026" });
    expect(direct(after).sentence).toContain("$32");
  });

  it("answers a follow-up from its rewritten question, citing only the row it states", async () => {
    const history = [
      { role: "user" as const, content: "What is the early withdrawal penalty on a 24-month CD?" },
      { role: "assistant" as const, content: "For 13 to 36 months (18, 24 and 36 months), the early withdrawal penalty is 180 days of simple interest. [1]" },
    ];
    const result = await finance.chain.invoke({ question: "and for a 12-month CD?", history });
    expect(result.rewrittenQuestion).toMatch(/12-month CD/);
    const { sentence, citation } = direct(result);
    expect(sentence).toMatch(/12 months.*90 days of simple interest/);
    expect(citation.docId).toBe("certificate-of-deposit-agreement");
    expect(result.citations).toHaveLength(1);
  });

  it("answers both sides of a comparison and states the difference with its arithmetic", async () => {
    const result = await finance.chain.invoke({ question: "How does the APY on a 12-month CD compare with the 24-month CD?" });
    expect(result.answer.startsWith("For 12 months, the APY is 4.10%. For 24 months, the APY is 3.75%.")).toBe(true);
    expect(result.answer).toContain("Difference: 4.10% − 3.75% = 0.35 percentage points.");
  });

  it("states the basic checking fee first, from the checking documents", async () => {
    const result = await finance.chain.invoke({ question: "What is the monthly maintenance fee on the basic checking account?" });
    const { sentence, citation } = direct(result);
    expect(sentence).toContain("$12 monthly maintenance fee");
    expect(citation.docId).toMatch(/checking/);
  });

  it("answers how to order new checks with the sentence that says the ways, cited to it, not the fee schedule's price sentence", async () => {
    const result = await finance.chain.invoke({ question: "How do I order new checks?" });
    expect(result.refused).toBe(false);
    const { sentence, citation } = direct(result);
    expect(sentence).toMatch(/^You can order checks through online banking, .*a branch, or by calling/);
    expect(citation.docId).toBe("money-market-account-agreement");
    expect(citation.snippet).toContain("You can order checks through online banking");
  });

  it("reads a year's figure from the table with a column per year, searching again for the table when the question's search missed it", async () => {
    const result = await finance.chain.invoke({ question: "What was net income in 2025?" });
    const { sentence, citation } = direct(result);
    expect(sentence).toBe("Net income: $96.4 million for 2025.");
    expect(citation.snippet).toContain("Net income — 2025: 96.4");
    expect(result.answer).not.toMatch(/net interest income/i);
  });

  it("answers a catalog question with one field of the named product's row, naming the product", async () => {
    const result = await ecommerce.chain.invoke({ question: "What is the comfort rating of the Loftwell Ember 20 sleeping bag in Regular?" });
    const { sentence, citation } = direct(result);
    expect(sentence).toBe("Loftwell Ember 20 Down Sleeping Bag - Regular — comfort rating: 29 F (-2 C).");
    expect(citation.title).toBe("Loftwell Ember 20 Down Sleeping Bag - Regular");
  });

  it("refuses a product variant the catalog does not have, naming the close ones", async () => {
    const result = await ecommerce.chain.invoke({ question: "What is the temperature rating of the Loftwell Ember 15 sleeping bag?" });
    expect(result.refused).toBe(true);
    expect(result.answer).toMatch(/^The documents do not say\. They do not mention Loftwell Ember 15\. They cover Ember 20 and Ember 0/);
  });

  it("answers about the product named, not its variant with a word more in its name", async () => {
    const price = await ecommerce.chain.invoke({ question: "how much is the skyvane trek 4" });
    expect(direct(price).sentence).toMatch(/^Skyvane Trek 4 Action Camera — price: \$329\.00\./);
    expect(price.answer).not.toContain("$449.00");
    const battery = await ecommerce.chain.invoke({ question: "what's the battery life of the Trek 4?" });
    expect(direct(battery).citation.title).toBe("Skyvane Trek 4 Action Camera");
    expect(battery.answer).toContain("85 min");
  });

  it("answers a question for opening hours with the times of day", async () => {
    const result = await ecommerce.chain.invoke({ question: "What are your customer care hours?" });
    expect(direct(result).sentence).toContain("8 a.m. to 9 p.m.");
  });

  it("reads a title's name written as the common noun it is as any such product, not as the guide it titles", async () => {
    // "Sleeping Bags" names the size guide ("Size Guide for Backpacks, Sleeping Bags, Pads and Tents"); the return window is in the returns policy.
    const result = await ecommerce.chain.invoke({ question: "What's the return window for a sleeping bag I ordered in October 2026?" });
    expect(result.refused).toBe(false);
    expect(direct(result).sentence).toContain("45 days");
    expect(direct(result).citation.docId).toBe("returns-policy-2026-09");
  });

  it("answers a comparison by an adjective with the attribute it compares, for each side", async () => {
    const result = await ecommerce.chain.invoke({ question: "Which binoculars are lighter, the Pocket 8x25 or the Vista 8x42?" });
    expect(result.answer).toContain("weight: 11.6 oz");
    expect(result.answer).toContain("weight: 1 lb 8 oz");
  });

  it("refuses a name with a word put in, naming the product the documents have", async () => {
    const result = await finance.chain.invoke({ question: "What's the interest rate on a Harbor Youth Savings account?" });
    expect(result.refused).toBe(true);
    expect(result.answer).toContain("Harbor Youth Savings");
    expect(result.answer).toContain("Harbor Savings");
  });

  it("answers who with the name", async () => {
    const result = await finance.chain.invoke({ question: "Who is the CEO of Cobalt Harbor?" });
    expect(direct(result).sentence).toMatch(/^Dana Okafor, Chief Executive Officer/);
  });

  it("reads a short word with a dropped letter by the word the corpus writes beside its neighbour, and says so", async () => {
    const result = await finance.chain.invoke({ question: "whats the overdraft fe on premier checking" });
    expect(result.refused).toBe(false);
    expect(result.corrections).toEqual([{ from: "fe", to: "fee" }]);
    expect(result.answer).toContain("$32");
  });
});
