import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RagContext } from "../src/context.js";
import { createExtractiveAnswerer } from "../src/answer/extractive-answerer.js";
import { buildValueProfile } from "../src/answer/value-profile.js";
import { DEFAULT_SCORING } from "../src/config/scoring.js";
import { financeContext } from "./support/finance-context.js";

let context: RagContext;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ context, cleanup } = await financeContext());
});
afterAll(() => cleanup());

describe("hybrid retrieval on the finance index", () => {
  it("applies metadata filters before the top-k cut", async () => {
    const { chunks } = await context.retriever.search("What is the overdraft fee?", { topK: 5, filters: { doc_type: "faq" } });
    expect(chunks).toHaveLength(5);
    expect(new Set(chunks.map((chunk) => chunk.metadata.doc_type))).toEqual(new Set(["faq"]));
    const { chunks: ranged } = await context.retriever.search("rates", { topK: 4, filters: { doc_type: "rate-sheet", effective_date: { gte: "2026-09-01" } } });
    expect(ranged).toHaveLength(4);
    expect(ranged.every((chunk) => String(chunk.metadata.effective_date) >= "2026-09-01")).toBe(true);
  });

  it("ranks a superseded rate sheet below the current one unless the question names its date", async () => {
    const ranks = ({ chunks }: Awaited<ReturnType<typeof context.retriever.search>>, docId: string) =>
      chunks.flatMap((chunk, index) => (chunk.docId === docId ? [index + 1] : []));
    const current = await context.retriever.search("What APY does Harbor Savings pay on the deposit rate sheet?", { topK: 20 });
    const newest = ranks(current, "deposit-rate-sheet-2026-09");
    const superseded = ranks(current, "deposit-rate-sheet-2026-03");
    expect(newest.length).toBeGreaterThan(0);
    expect(superseded.length).toBeGreaterThan(0);
    // Every chunk of the current sheet comes before every chunk of the superseded one.
    expect(Math.max(...newest)).toBeLessThan(Math.min(...superseded));
    const dated = await context.retriever.search("What APY did Harbor Savings pay on the deposit rate sheet effective March 2026?", { topK: 20 });
    expect(Math.min(...ranks(dated, "deposit-rate-sheet-2026-03"))).toBeLessThanOrEqual(3);
  });

  it("corrects typos against the corpus's own words", () => {
    expect(context.retriever.prepare("If I brake my 18-month CD erly, what is the penalty?").text).toBe("If I brake my 18-month CD early, what is the penalty?");
  });

  it("scores lexical support: full when a top chunk holds every question word, weak for a question the corpus does not answer", async () => {
    const lexical = async (question: string) => (await (await context.retriever.search(question)).signals()).lexical;
    expect(await lexical("What is the overdraft fee?")).toBe(1);
    expect(await lexical("Who won the 2018 FIFA World Cup?")).toBeLessThan(0.5);
    expect(await lexical("How long should I roast a 12-pound turkey?")).toBeLessThan(0.5);
  });

  it("scores support on the calibrated scale: above the finance threshold when answered, below it when not", async () => {
    const support = async (question: string) => (await context.retriever.search(question)).support();
    expect(await support("What is the overdraft fee?")).toBeGreaterThan(0.9);
    expect(await support("How long should I roast a 12-pound turkey?")).toBeLessThan(0.75);
    expect(await support("What is the APY on a 48-month CD?")).toBe(0);
  });
});

describe("refusal threshold", () => {
  it("refuses exactly when support is below the configured minimum", async () => {
    const query = context.retriever.prepare("What is the daily limit for Harbor Send?");
    const { chunks } = await context.retriever.retrieve(query);
    const answerer = (minSupport: number) =>
      createExtractiveAnswerer({ statistics: context.statistics, profile: buildValueProfile(context.backend.chunks, context.statistics) }, { minSupport, readChunks: 6, corpusDescription: "test", passages: DEFAULT_SCORING.passages });
    expect((await answerer(0.5).answer({ query, chunks, support: 0.49 })).refused).toBe(true);
    expect((await answerer(0.5).answer({ query, chunks, support: 0.5 })).refused).toBe(false);
  });
});
