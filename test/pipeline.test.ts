import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RagContext } from "../src/context.js";
import { financeContext } from "./support/finance-context.js";

let context: RagContext;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ context, cleanup } = await financeContext());
});
afterAll(() => cleanup());

describe("finance corpus, offline default (LSA retrieval + extractive answerer)", () => {
  it("indexes every shipped document", () => {
    expect(context.manifest.counts.documents).toBe(48);
    expect(context.manifest.counts.skipped).toBe(0);
    expect(context.manifest.embedder.dimensions).toBe(256);
  });

  // The documents that state the fact; the first retrieved chunk must come from one of them.
  const known: Array<[question: string, docIds: string[], fact: string]> = [
    ["What is the monthly maintenance fee on the basic checking account?", ["fee-schedule-personal", "checking-account-agreement"], "$12"],
    ["What is the cash advance APR on the Harbor Cash Back Visa?", ["credit-card-agreement-cash-back"], "29.49%"],
    ["What is the daily limit for Harbor Send?", ["transfers-and-payment-limits"], "$2,500"],
    ["What is the minimum credit score for a jumbo mortgage?", ["mortgage-eligibility-and-application"], "700"],
    ["How should I endorse a check for mobile deposit?", ["mobile-deposit-terms"], "For Mobile Deposit Only at Cobalt Harbor Bank"],
  ];

  it.each(known)("%s -> retrieves %j first and cites it with the fact", async (question, docIds, fact) => {
    const result = await context.chain.invoke({ question });
    expect(result.refused).toBe(false);
    expect(docIds).toContain(result.retrieved[0]!.docId);
    expect(result.citations.some((citation) => docIds.includes(citation.docId))).toBe(true);
    expect(result.answer).toContain(fact);
    // Every [n] in the answer points at a returned citation, and every citation is marked in the answer.
    const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
    expect(new Set(markers)).toEqual(new Set(result.citations.map((citation) => citation.n)));
  });

  it.each([
    "Who won the 2018 football world cup?",
    "What is a good recipe for banana bread?",
    "What is the fee for notary services?",
  ])("refuses instead of guessing: %s", async (question) => {
    const result = await context.chain.invoke({ question });
    expect(result.refused).toBe(true);
    expect(result.answer).toMatch(/^The documents do not say/);
    expect(result.citations).toEqual([]);
  });

  it("is deterministic", async () => {
    const question = "How long do I have to report an unauthorized debit card transaction?";
    const first = await context.chain.invoke({ question });
    const second = await context.chain.invoke({ question });
    expect(second.answer).toBe(first.answer);
    expect(second.retrieved.map((chunk) => chunk.id)).toEqual(first.retrieved.map((chunk) => chunk.id));
  });
});
