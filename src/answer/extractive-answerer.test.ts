import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { plainQuery } from "../retrieval/query.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { fakeRetriever } from "./testing/fake-retriever.js";
import { retrievedChunk as chunk } from "./testing/retrieved-chunk.js";
import { buildValueProfile } from "./value-profile.js";

const statistics = new TermStatistics(["wire fee", "checking fee", "monthly statement", "branch hours", "savings rate"]);
const resources = { statistics, profile: buildValueProfile([], statistics) };
const answerer = createExtractiveAnswerer(resources, { minSupport: 0.3, readChunks: 5, corpusDescription: "test documents", passages: DEFAULT_SCORING.passages });

describe("extractive answerer", () => {
  it("answers with the best passage first and cites its chunk", async () => {
    const chunks = [chunk(1, "Wires", "Branches close at five. An outgoing wire costs $30.", 0.9), chunk(2, "Cards", "A new card arrives in a week.", 0.2)];
    const draft = await answerer.answer({ query: plainQuery("How much does an outgoing wire cost?"), chunks, support: 0.9 });
    expect(draft.refused).toBe(false);
    expect(draft.text).toBe("An outgoing wire costs $30. [1]");
    expect(draft.cited).toEqual([{ n: 1, snippet: "An outgoing wire costs $30." }]);
  });

  it("reads a table cell by row and column", async () => {
    const table = "| Term | APY | Early withdrawal penalty |\n|---|---|---|\n| 12 months or less | 4.10% | 90 days of simple interest |\n| 13 to 36 months | 3.75% | 180 days of simple interest |";
    const draft = await answerer.answer({ query: plainQuery("What is the early withdrawal penalty on a 24-month CD?"), chunks: [chunk(1, "CD rates", table)], support: 0.9 });
    expect(draft.text).toBe("For 13 to 36 months, the early withdrawal penalty is 180 days of simple interest. [1]");
  });

  it("states every cell of the asked kind when the question names none of the row's columns", async () => {
    const table = "| Account status | Per business day | Per rolling 30 days |\n|---|---|---|\n| Accounts open 30 to 89 days | $2,500 | $5,000 |";
    const draft = await answerer.answer({ query: plainQuery("My account is 45 days old. How much can I deposit?"), chunks: [chunk(1, "Limits", table)], support: 0.9 });
    expect(draft.text).toBe("For Accounts open 30 to 89 days, the per business day is $2,500 and the per rolling 30 days is $5,000. [1]");
  });

  it("answers a question that asks two things part by part, each part from the passage about it", async () => {
    const text = "Everyday Checking has a monthly fee of $12. Branches open at nine on weekdays. The fee is waived in any cycle with a $1,500 minimum daily balance.";
    const question = "What's the monthly fee on Everyday Checking, and what balance gets it waived?";
    const draft = await answerer.answer({ query: plainQuery(question), chunks: [chunk(1, "Everyday Checking", text)], support: 0.9 });
    expect(draft.text).toBe("Everyday Checking has a monthly fee of $12. The fee is waived in any cycle with a $1,500 minimum daily balance. [1]");
  });

  it("reads a second part from another cell of the same row, by the kind of value it asks for", async () => {
    const table = "| # | Description | Target date | Fee |\n|---|---|---|---|\n| M3 | Data migration complete | July 25, 2025 | $25,200 |\n| M4 | Go-live | August 22, 2025 | $12,600 |";
    const draft = await answerer.answer({ query: plainQuery("How much is the data migration milestone M3, and when is it due?"), chunks: [chunk(1, "Milestones", table)], support: 0.9 });
    expect(draft.text).toBe("For M3, the fee is $25,200. For M3, the target date is July 25, 2025. [1]");
  });

  it("refuses below the minimum support, and says so in one piece", async () => {
    const tokens: string[] = [];
    const draft = await answerer.answer({ query: plainQuery("wire cost"), chunks: [chunk(1, "Wires", "An outgoing wire costs $30.")], support: 0.29, onToken: (token) => tokens.push(token) });
    expect(draft.refused).toBe(true);
    expect(tokens).toEqual([draft.text]);
    expect(draft.text).toMatch(/^The documents do not say\./);
  });

  it("refuses a question about a year the passages never mention, naming the year", async () => {
    const draft = await answerer.answer({ query: plainQuery("How much was the wire fee in 2027?"), chunks: [chunk(1, "Wires", "An outgoing wire costs $30.")], support: 0, unseenYears: ["2027"] });
    expect(draft).toMatchObject({ refused: true, support: 0 });
    expect(draft.text).toBe("The documents do not say. The passages closest to this question do not mention 2027, so I will not guess.");
  });

  it("refuses a question about a name the documents never mention, naming it and what is close", async () => {
    const chunks = [chunk(1, "Bags", "The Ember 0 bag is rated to 0 F."), chunk(2, "Bags", "The Ember 20 bag is rated to 20 F.")];
    const draft = await answerer.answer({ query: plainQuery("What is the rating of the Ember 15?"), chunks, support: 1, missing: [{ name: "Ember 15", close: ["Ember 0", "Ember 20"] }] });
    expect(draft).toMatchObject({ refused: true, support: 0 });
    expect(draft.text).toBe("The documents do not say. They do not mention Ember 15. They cover Ember 0 and Ember 20 [1][2].");
    expect(draft.cited.map((entry) => entry.n)).toEqual([1, 2]);
  });

  it("reads the cell of the year a question names, with the table's unit", async () => {
    const table = "Table 2: Income statement ($ millions)\n\n| Line item | 2025 | 2024 | 2023 |\n|---|---|---|---|\n| Net income | 96.4 | 88.1 | 79.3 |\n| Income tax expense | 26.6 | 24.3 | 20.7 |";
    const draft = await answerer.answer({ query: plainQuery("What was net income in 2024?"), chunks: [chunk(1, "Income statement", table)], support: 0.9 });
    expect(draft.text).toBe("Net income: $88.1 million for 2024. [1]");
  });

  it("states both years of a change between two years, with the difference", async () => {
    const table = "| Measure | 2025 | 2024 | 2023 |\n|---|---|---|---|\n| Efficiency ratio | 59.5% | 60.6% | 62.9% |\n| CET1 ratio | 11.8% | 11.5% | 11.2% |";
    const draft = await answerer.answer({ query: plainQuery("By how many points did the efficiency ratio change between 2023 and 2025?"), chunks: [chunk(1, "Highlights", table)], support: 0.9 });
    expect(draft.text).toBe("Efficiency ratio: 59.5% for 2025; 62.9% for 2023. Difference: 62.9% − 59.5% = 3.4 percentage points. [1]");
  });


  it("searches again for the other side of a comparison and cites it after the given chunks", async () => {
    const searched: string[] = [];
    const other = chunk(1, "Vista Savings", "| Account | APY |\n|---|---|\n| Vista Savings | 0.55% |");
    const retriever = fakeRetriever((text) => (searched.push(text), [{ ...other, id: "vista" }]));
    const given = [chunk(1, "Harbor Savings", "| Account | APY |\n|---|---|\n| Harbor Savings | 0.40% |")];
    const draft = await answerer.answer({ query: plainQuery("How does the Harbor Savings APY compare with the Vista Savings APY?"), chunks: given, support: 0.9, retriever });
    expect(searched).toEqual(["APY Vista"]);
    expect(draft.text).toBe("For Harbor Savings, the APY is 0.40%. [1] For Vista Savings, the APY is 0.55%. [2] Difference: 0.55% − 0.40% = 0.15 percentage points. [1][2]");
    expect(draft.sources?.map((source) => source.id)).toEqual([given[0]!.id, "vista"]);
  });

  it("runs the second search as a LangChain retriever run, so callbacks and tracing see it", async () => {
    const started: string[] = [];
    const recorder = BaseCallbackHandler.fromMethods({ handleRetrieverStart: (_retriever, query) => void started.push(query) });
    const retriever = fakeRetriever(() => [{ ...chunk(1, "Vista Savings", "| Account | APY |\n|---|---|\n| Vista Savings | 0.55% |"), id: "vista" }]);
    const given = [chunk(1, "Harbor Savings", "| Account | APY |\n|---|---|\n| Harbor Savings | 0.40% |")];
    await answerer.answer({ query: plainQuery("How does the Harbor Savings APY compare with the Vista Savings APY?"), chunks: given, support: 0.9, retriever, callbacks: [recorder] });
    expect(started).toEqual(["APY Vista"]);
  });

  it("keeps the given chunks when the second search finds no other side", async () => {
    const retriever = fakeRetriever(() => [chunk(2, "Branches", "Branches open at nine.")]);
    const given = [chunk(1, "Harbor Savings", "| Account | APY |\n|---|---|\n| Harbor Savings | 0.40% |")];
    const draft = await answerer.answer({ query: plainQuery("How does the Harbor Savings APY compare with the Vista Savings APY?"), chunks: given, support: 0.9, retriever });
    expect(draft.sources).toBeUndefined();
    expect(draft.cited.map((cited) => cited.n)).toEqual([1]);
  });
});
