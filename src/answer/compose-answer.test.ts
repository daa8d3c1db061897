import { describe, expect, it } from "vitest";
import { findValues } from "../text/values.js";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { plainQuery } from "../retrieval/query.js";
import { contentTerms } from "../text/tokenize.js";
import type { AnswerType } from "./answer-type.js";
import { aboutOtherYears, anotherLine, cellPhrase, completesFact, composeAnswer, lowerFirst, composeParts, differenceOf, missingSideQuery, periodTableQuery, givesNewValue, rivalFrom, sameAnswerFirstRanked, secondField, sentenceAfterAnswer, speaksTo } from "./compose-answer.js";
import { scorePassages } from "./passage-scoring.js";
import type { ScoredPassage } from "./passage-scoring.js";
import { sourcePassages } from "./passages.js";
import { retrievedChunk } from "./testing/retrieved-chunk.js";
import type { RetrievedChunk } from "../retrieval/types.js";

const value = (text: string) => findValues(text)[0]!;

describe("differenceOf", () => {
  it("states the difference of two values of one kind with the arithmetic", () => {
    expect(differenceOf(value("3.70%"), value("3.85%"))).toBe("Difference: 3.85% − 3.70% = 0.15 percentage points.");
    expect(differenceOf(value("$35"), value("$32"))).toBe("Difference: $35 − $32 = $3.");
    expect(differenceOf(value("180 days"), value("90 days"))).toBe("Difference: 180 days − 90 days = 90 days.");
    expect(differenceOf(value("3 years"), value("2 years"))).toBe("Difference: 3 years − 2 years = 1 year.");
  });

  it("says when both are the same, and computes nothing across kinds or for dates", () => {
    expect(differenceOf(value("$10"), value("$10.00"))).toBe("Both are $10.");
    expect(differenceOf(value("$10"), value("10%"))).toBeUndefined();
    expect(differenceOf(value("March 2026"), value("May 2026"))).toBeUndefined();
    expect(differenceOf(value("90 days"), value("12 months"))).toBeUndefined();
    expect(differenceOf(value("1 day"), value("3 days"))).toBe("Difference: 3 days − 1 day = 2 days.");
  });
});

describe("sameAnswerFirstRanked", () => {
  const chunks = [
    retrievedChunk(1, "Wire fees", "Outgoing wires cost $30 each."),
    retrievedChunk(2, "FAQ", "The outgoing domestic wire fee is $30."),
    retrievedChunk(3, "Business", "A business outgoing wire costs $45."),
  ];
  const passages = sourcePassages(chunks);
  const scoredAs = (scores: number[]): ScoredPassage[] =>
    passages.map((passage, index) => ({ passage, own: 0.5, coverage: 0.5, score: scores[index]! })).sort((a, b) => b.score - a.score);
  const type: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
  const input = (scored: ScoredPassage[]) => ({
    query: plainQuery("What is the outgoing domestic wire fee?"),
    type,
    scored,
    chunks,
    statistics: new TermStatistics(chunks.map((chunk) => chunk.text)),
    settings: DEFAULT_SCORING.passages,
  });

  it("starts from the higher-ranked chunk when a close passage states the same value", () => {
    const scored = scoredAs([0.9, 1, 0.5]);
    const [entry, statement] = sameAnswerFirstRanked(scored, input(scored));
    expect(entry.passage.n).toBe(1);
    expect(statement.text).toBe("Outgoing wires cost $30 each.");
  });

  it("keeps the best passage when the higher-ranked one scores too low or states another value", () => {
    const far = scoredAs([0.5, 1, 0.2]);
    expect(sameAnswerFirstRanked(far, input(far))[0].passage.n).toBe(2);
    const other = scoredAs([0.2, 0.95, 1]);
    expect(sameAnswerFirstRanked(other, input(other))[0].passage.n).toBe(3);
  });
});

describe("missingSideQuery", () => {
  const found = retrievedChunk(1, "Harbor Savings", "| Account | APY |\n|---|---|\n| Harbor Savings | 0.40% |");

  it("searches for the question's words the found side lacks, with the words of what is asked, without the comparison's own words", () => {
    const question = "How does the Harbor Savings APY compare with the Vista Savings APY?";
    expect(missingSideQuery(question, found, contentTerms("APY"))).toBe("APY Vista");
  });

  it("asks the other side for the column or field the found side was read from, named or not in the question", () => {
    const record = retrievedChunk(1, "Skyvane Trek 5 Action Camera", "warranty_years: 3");
    const question = "Is a Skyvane action camera or a Waymark GPS covered longer under your warranty?";
    expect(missingSideQuery(question, record, contentTerms(question), "warranty_years")).toBe("Waymark GPS covered warranty");
    expect(missingSideQuery("Is a Skyvane action camera or a Waymark GPS better?", record, [], "warranty_years")).toBe("Waymark GPS warranty years");
  });

  it("has nothing to search for when the found chunk holds every word", () => {
    expect(missingSideQuery("Is the Harbor Savings APY higher?", found, contentTerms("APY"))).toBeUndefined();
  });
});

describe("periodTableQuery", () => {
  it("asks for what the question asks with the year and the year before it", () => {
    expect(periodTableQuery("What was net income in 2025?", ["net", "incom"], "2025")).toBe("net income 2025 2024");
  });

  it("has nothing to search for without words of what is asked", () => {
    expect(periodTableQuery("What happened in 2025?", [], "2025")).toBeUndefined();
  });
});

describe("composeAnswer", () => {
  const compose = (question: string, chunks: ReturnType<typeof retrievedChunk>[], type: AnswerType) => {
    const query = plainQuery(question);
    const statistics = new TermStatistics(chunks.map((chunk) => chunk.text));
    const scored = scorePassages(query, chunks, statistics, DEFAULT_SCORING.passages, type).sort((a, b) => b.score - a.score || a.passage.n - b.passage.n);
    return composeAnswer({ query, type, scored, chunks, statistics, settings: DEFAULT_SCORING.passages });
  };
  const percent: AnswerType = { kind: "percent", values: ["percent"], comparison: true, givens: new Set(["12-month", "24-month"]) };

  it("takes the other side of a comparison from the first side's own table before another document's", () => {
    const chunks = [
      retrievedChunk(1, "FAQ rates", "| Term | APY |\n|---|---|\n| 12 months | 4.10% |\n| 24 months | 3.75% |"),
      retrievedChunk(2, "Rate sheet", "| Term | Interest rate | APY |\n|---|---|---|\n| 24 months | 3.68% | 3.75% |"),
    ];
    const answer = compose("How does the APY on a 12-month CD compare with the 24-month CD?", chunks, percent);
    expect(answer.text).toBe("For 12 months, the APY is 4.10%. For 24 months, the APY is 3.75%. [1] Difference: 4.10% − 3.75% = 0.35 percentage points. [1]");
    expect(answer.oneSided).toBeUndefined();
  });

  it("says a comparison was answered on one side when no other side is found", () => {
    const chunks = [retrievedChunk(1, "Rates", "| Account | APY |\n|---|---|\n| Harbor Savings | 0.40% |")];
    const type: AnswerType = { ...percent, givens: new Set() };
    expect(compose("How does the Harbor Savings APY compare with the Vista Savings APY?", chunks, type).oneSided).toBe(1);
  });

  it("takes a sentence covering less of a question that names two sides as the other side of a one-value answer", () => {
    const chunks = [
      retrievedChunk(1, "Professional Services Warranty", "If Customer reports a problem with the professional services warranty within 60 days after delivery, Fernhollow will re-perform the work."),
      retrievedChunk(2, "Services Warranty", "If Customer notifies Fernhollow of a warranty problem with the subscription within 30 days, Fernhollow will correct it."),
    ];
    const duration: AnswerType = { kind: "duration", values: ["duration"], comparison: true, givens: new Set() };
    const question = "How long do we have to raise a warranty problem with the subscription service compared with professional services work?";
    const query = plainQuery(question);
    const statistics = new TermStatistics(chunks.map((chunk) => chunk.text));
    const scored = scorePassages(query, chunks, statistics, DEFAULT_SCORING.passages, duration).sort((a, b) => b.score - a.score);
    const answer = (settings: typeof DEFAULT_SCORING.passages) => composeAnswer({ query, type: duration, scored, chunks, statistics, settings });
    expect(answer(DEFAULT_SCORING.passages).text).toBe(
      "If Customer reports a problem with the professional services warranty within 60 days after delivery, Fernhollow will re-perform the work. [1] If Customer notifies Fernhollow of a warranty problem with the subscription within 30 days, Fernhollow will correct it. [2] Difference: 60 days − 30 days = 30 days. [1][2]",
    );
    expect(answer({ ...DEFAULT_SCORING.passages, loneSideCoverage: DEFAULT_SCORING.passages.sideCoverage }).oneSided).toBe(1);
  });

  it("takes no sentence below the usual side coverage as the other side when it states several values of the kind", () => {
    const chunks = [
      retrievedChunk(1, "Professional Services Warranty", "If Customer reports a problem with the professional services warranty within 60 days after delivery, Fernhollow will re-perform the work."),
      retrievedChunk(2, "Services Warranty", "If Customer notifies Fernhollow of a warranty problem with the subscription within 30 days, or 45 days for a renewal, Fernhollow will correct it."),
    ];
    const duration: AnswerType = { kind: "duration", values: ["duration"], comparison: true, givens: new Set() };
    expect(compose("How long do we have to raise a warranty problem with the subscription service compared with professional services work?", chunks, duration).oneSided).toBe(1);
  });

  it("states no difference between two sentences when one of them states several values of the kind", () => {
    const chunks = [
      retrievedChunk(1, "Domestic wires", "Domestic wires cost $30 ($25 online) to send."),
      retrievedChunk(2, "International wires", "International wires cost $45 to send."),
    ];
    const money: AnswerType = { kind: "money", values: ["money"], comparison: true, givens: new Set() };
    const answer = compose("What does it cost to send a domestic wire versus an international wire?", chunks, money);
    expect(answer.text).toBe("Domestic wires cost $30 ($25 online) to send. [1] International wires cost $45 to send. [2]");
  });

  it("takes the same row of another document read in another period as the other side", () => {
    const chunks = [
      retrievedChunk(1, "Annual ratios", "| Measure | 2025 | 2024 |\n|---|---|---|\n| CET1 ratio | 11.8% | 11.5% |"),
      retrievedChunk(2, "Quarterly ratios", "| Measure | September 30, 2026 | June 30, 2026 |\n|---|---|---|\n| CET1 ratio | 12.0% | 11.9% |"),
    ];
    const type: AnswerType = { kind: "percent", values: ["percent"], comparison: true, givens: new Set(["2025"]) };
    expect(compose("Has the CET1 ratio gone up since 2025?", chunks, type).text).toBe(
      "CET1 ratio: 11.8% for 2025; 11.5% for 2024. Difference: 11.8% − 11.5% = 0.3 percentage points. [1] For CET1 ratio, the september 30, 2026 is 12.0% and the june 30, 2026 is 11.9%. [2]",
    );
  });

  it("reads no figure from a header repeated as a row", () => {
    const table = "| Item | 2019 | 2018 |\n|---|---|---|\n| Securities on issue | 2019 | 2018 |\n| Securities issued | 105,677 | 39,712 |";
    const count: AnswerType = { kind: "count", values: ["count"], comparison: false, givens: new Set(["2019"]) };
    const answer = compose("How many securities were issued in 2019?", [retrievedChunk(1, "Securities", table)], count);
    expect(answer.text.startsWith("Securities issued: 105,677 for 2019.")).toBe(true);
    expect(answer.periodCell).toBe(true);
  });

  it("reads the dated column that holds the question's date, and both dated columns for a comparison", () => {
    const table = "| Rule | Before (orders to Aug 31, 2026) | Now (orders from Sep 1, 2026) |\n|---|---|---|\n| Standard return window | 60 days | 45 days |";
    const duration: AnswerType = { kind: "duration", values: ["duration"], comparison: false, givens: new Set() };
    const chunks = [retrievedChunk(1, "Returns", table)];
    const dated = compose("What is the standard return window for an order placed on October 20, 2026?", chunks, duration);
    expect(dated.text).toContain("45 days");
    expect(dated.text).not.toContain("60 days");
    const compared = compose("How did the standard return window change from the policy before September 1, 2026?", chunks, { ...duration, comparison: true });
    expect(compared.text).toContain("45 days");
    expect(compared.text).toContain("60 days");
  });

  it("states a sentence that introduces a list with the list's items", () => {
    const text = "Lines of credit are reviewed each year.\n\nTo qualify for a line of credit, a business must:\n\n- Have been in operation for at least 2 years.\n- Show at least $100,000 in annual revenue.";
    const other: AnswerType = { kind: "other", values: [], comparison: false, givens: new Set() };
    const answer = compose("What does a business need to qualify for a line of credit?", [retrievedChunk(1, "Business lending", text)], other);
    expect(answer.text).toBe("To qualify for a line of credit, a business must: (1) Have been in operation for at least 2 years; (2) Show at least $100,000 in annual revenue. [1]");
  });

  it("reads on to the next sentence of the paragraph when the best one leads up to the answer without giving it", () => {
    const text = "Subscription revenue increased in 2018 when compared to 2017. The increase was attributable to new business and renewals. Our offices moved in 2018.";
    const reason: AnswerType = { kind: "reason", values: [], comparison: false, givens: new Set() };
    const answer = compose("Why did subscription revenue increase in 2018 compared to 2017?", [retrievedChunk(1, "Revenue", text)], reason);
    expect(answer.text.startsWith("Subscription revenue increased in 2018 when compared to 2017. The increase was attributable to new business and renewals.")).toBe(true);
  });

  it("reads on past a sentence that only restates the question's values, to the one that answers", () => {
    const text = "On Monday at noon, you deposit a $900 paycheck at a branch. Monday is the day of deposit. $225 is available on Tuesday, and the rest on Wednesday.";
    const date: AnswerType = { kind: "date", values: ["date", "time"], comparison: false, givens: new Set(["$900", "monday", "noon"]) };
    const answer = compose("I deposited a $900 paycheck at a branch on Monday at noon. When can I use the money?", [retrievedChunk(1, "Example", text)], date);
    expect(answer.text).toBe("On Monday at noon, you deposit a $900 paycheck at a branch. $225 is available on Tuesday, and the rest on Wednesday. [1]");
  });

  it("reads a procedure told in prose on to its next sentence", () => {
    const text = "To claim a credit, submit a claim in the support portal. We confirm or reject the claim in writing. Credits have no cash value.";
    const procedure: AnswerType = { kind: "procedure", values: [], comparison: false, givens: new Set() };
    const answer = compose("How do I claim a credit?", [retrievedChunk(1, "Credits", text)], procedure);
    expect(answer.text.startsWith("To claim a credit, submit a claim in the support portal. We confirm or reject the claim in writing.")).toBe(true);
  });

  it("does not read on past a sentence that already says who can do the asked action and the ways, unless the next one is a step too", () => {
    const text = "You can order checks through online banking, the app or a branch. Checks written on the account count toward your withdrawal limit. Check writing works like checking.";
    const procedure: AnswerType = { kind: "procedure", values: [], comparison: false, givens: new Set() };
    const answer = compose("How do I order checks?", [retrievedChunk(1, "Check writing", text)], procedure);
    expect(answer.text).toBe("You can order checks through online banking, the app or a branch. [1]");
  });

  it("reads a procedure told in prose on for up to two more sentences, within the paragraph", () => {
    const text = "To claim a credit, submit a claim in the support portal. The claim must state the dates of the outage. We confirm or reject it within 10 business days. Credits have no cash value.\n\nA separate paragraph.";
    const procedure: AnswerType = { kind: "procedure", values: [], comparison: false, givens: new Set() };
    const answer = compose("How do I claim a credit?", [retrievedChunk(1, "Credits", text)], procedure);
    expect(answer.text).toContain("We confirm or reject it within 10 business days. [1]");
    expect(answer.text).not.toContain("no cash value");
  });

  it("says a read-on step that leads into a list with the list's items, without their joining words, and does not quote an item again", () => {
    const text = "You may ask for a review within 90 days. To request a review:\n\n- email the advocate with your reference number;\n- write to the Office of the Advocate; or\n- call Customer Service.\n\nA decision follows within 20 business days.";
    const procedure: AnswerType = { kind: "procedure", values: [], comparison: false, givens: new Set() };
    const answer = compose("How do I ask for a review?", [retrievedChunk(1, "Reviews", text)], procedure);
    expect(answer.text).toContain("To request a review: (1) email the advocate with your reference number; (2) write to the Office of the Advocate; (3) call Customer Service.");
    expect(answer.text.split("write to the Office").length).toBe(2);
  });

  it("reads a procedure's steps on into the paragraph right after the list, and only that one", () => {
    const text = "## Missing package\n\n1. Check with your neighbors.\n2. Wait 1 business day.\n3. Contact us within 14 days.\n\nWe open a carrier trace, which takes up to 5 business days. If the trace fails, we refund you. Refunds post in a week.\n\n## Damaged packages\n\nTake photos first.";
    const procedure: AnswerType = { kind: "procedure", values: [], comparison: false, givens: new Set() };
    const answer = compose("My package is missing, what should I do?", [retrievedChunk(1, "Missing package", text)], procedure);
    expect(answer.text).toContain("(1) Check with your neighbors; (2) Wait 1 business day; (3) Contact us within 14 days. We open a carrier trace, which takes up to 5 business days. If the trace fails, we refund you.");
    expect(answer.text).not.toContain("Refunds post in a week");
    expect(answer.text).not.toContain("photos");
  });

  it("does not read past a list of steps into what follows a heading, or for a question that is not a procedure", () => {
    const text = "1. Check with your neighbors.\n2. Contact us within 14 days.\n\n## Damaged packages\n\nTake photos first.";
    const procedure: AnswerType = { kind: "procedure", values: [], comparison: false, givens: new Set() };
    expect(compose("My package is missing, what should I do?", [retrievedChunk(1, "Missing package", text)], procedure).text).not.toContain("photos");
    const listed = "To qualify, a business must:\n\n- be open 2 years;\n- have $100,000 in sales.\n\nWe review applications weekly.";
    const list: AnswerType = { kind: "list", values: [], comparison: false, givens: new Set() };
    expect(compose("What does a business need to qualify?", [retrievedChunk(1, "Qualifying", listed)], list).text).not.toContain("weekly");
  });

  it("does not read on when the best sentence already gives the asked value", () => {
    const text = "The wire fee is $30. Wires sent after 5 p.m. go out the next business day at a cost of $45.";
    const money: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
    expect(compose("What is the wire fee?", [retrievedChunk(1, "Wires", text)], money).text).toBe("The wire fee is $30. [1]");
  });

  it("cites a near tie from another chunk only when it states a rival value of the asked kind", () => {
    const money: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
    // The cover page ranks first in retrieval: it scores as high as the figure, yet states none.
    const title = [retrievedChunk(1, "Cover", "Cedar Ridge annual report: net income and results reported for 2019.", 1.55), retrievedChunk(2, "Results", "Cedar Ridge reported net income for 2019 of $19.7 million.")];
    expect(compose("What net income did Cedar Ridge report for 2019?", title, money).cited.map((entry) => entry.n)).toEqual([2]);
    const rival = [retrievedChunk(1, "Results", "Cedar Ridge reported net income for 2019 of $19.7 million."), retrievedChunk(2, "Restated results", "After the restatement, net income Cedar Ridge reported for 2019 was $40.7 million, below plan.")];
    expect(compose("What net income did Cedar Ridge report for 2019?", rival, money).cited.map((entry) => entry.n).sort()).toEqual([1, 2]);
  });

  it("cites a near tie for a question for a description only from a chunk retrieval ranked at least as high as the answer's", () => {
    const definition: AnswerType = { kind: "definition", values: [], comparison: false, givens: new Set() };
    const question = "How are inventories stated?";
    const first = "Inventories are stated at the lower of cost or net realizable value.";
    const second = "Inventories are stated at the lower of FIFO cost or market value.";
    // Retrieval ranked the answer's chunk first: the near tie from the chunk below is left out.
    const agreed = [retrievedChunk(1, "Inventories", first, 0.7), retrievedChunk(2, "Inventories", second, 0.5)];
    expect(compose(question, agreed, definition).cited.map((entry) => entry.n)).toEqual([1]);
    // The answer comes from the second-ranked chunk: the first-ranked one's near tie is shown beside it.
    const disagreed = [retrievedChunk(1, "Inventories", first, 0.5), retrievedChunk(2, "Inventories", second, 0.7)];
    expect(compose(question, disagreed, definition).cited.map((entry) => entry.n)).toEqual([2, 1]);
    // A question for a value keeps its rival values whatever their rank.
    expect(rivalFrom({ kind: "money", values: ["money"] }, 3, 1)).toBe(true);
    expect(rivalFrom({ kind: "procedure", values: [] }, 3, 1)).toBe(true);
    expect(rivalFrom(definition, 3, 1)).toBe(false);
    expect(rivalFrom(definition, 1, 3)).toBe(true);
  });

  it("does not cite another chunk that only retells the value the answer states", () => {
    const duration: AnswerType = { kind: "duration", values: ["duration"], comparison: false, givens: new Set(["24-month"]) };
    const chunks = [
      retrievedChunk(1, "Penalty", "The early withdrawal penalty on a 24-month CD is 180 days of simple interest."),
      retrievedChunk(2, "FAQ", "If you close or cancel a 24-month CD, the penalty is 180 days of simple interest."),
    ];
    expect(compose("What early withdrawal penalty applies when I close or cancel a 24-month CD?", chunks, duration).text).toBe(
      "The early withdrawal penalty on a 24-month CD is 180 days of simple interest. [1]",
    );
  });

  it("does not cite another source's value of the asked kind once the direct answer states the value asked for", () => {
    const money: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
    const chunks = [
      retrievedChunk(1, "Alder Ridge Pharma annual report 2017", "Total net sales for fiscal 2017 were $1,104.1 million.", 1),
      // Ranked lower by retrieval: no near tie with the answer.
      { ...retrievedChunk(2, "Alder Ridge Pharma annual report 2017", "Capital expenditures in fiscal 2017 were $119.5 million, mainly for new production lines.", 0.2), rank: 8 },
    ];
    const answer = compose("How much revenue did Alder Ridge Pharma report for fiscal 2017?", chunks, money);
    expect(answer.text).toBe("Total net sales for fiscal 2017 were $1,104.1 million. [1]");
  });

  it("does not add another row of the answer's own table whose key names less of the question than the answer's row", () => {
    const money: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
    const table = "| Account | Monthly fee | Opening deposit |\n|---|---|---|\n| Everyday Checking | $12 | $25 |\n| Student Checking | $0 | $0 |\n| Premier Checking | $25 | $100 |";
    const answer = compose("What is the monthly fee on Everyday Checking?", [retrievedChunk(1, "Fees", table)], money);
    expect(answer.text).toBe("For Everyday Checking, the monthly fee is $12. [1]");
  });

  it("does not cite another source's row of a like table whose key names no more of the question than the answer's row", () => {
    const rates: AnswerType = { kind: "percent", values: ["percent"], comparison: false, givens: new Set(["30-year"]) };
    const table = (key: string, rate: string, apr: string) => `| Loan | Interest rate | APR |\n|---|---|---|\n| ${key} | ${rate} | ${apr} |`;
    const sibling = [retrievedChunk(1, "Conforming", table("30-year fixed conforming", "6.375%", "6.521%")), retrievedChunk(2, "Jumbo", table("30-year fixed jumbo", "6.625%", "6.741%"))];
    const answer = compose("What interest rate and APR do you charge on a 30-year fixed loan?", sibling, rates);
    expect(answer.text).toBe("For 30-year fixed conforming, the interest rate is 6.375% and the APR is 6.521%. [1]");
  });

  it("cites no passage from outside the documents the question names when the answer comes from one of them", () => {
    const money: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
    const question = "What net income did Cedar Ridge report for 2019?";
    const chunks = [
      retrievedChunk(1, "Results", "Before the restatement, net income Cedar Ridge reported for 2019 was $19.7 million.", 0.2),
      retrievedChunk(2, "Restated results", "After the restatement, net income Cedar Ridge reported for 2019 was $40.7 million, below plan.", 1),
    ];
    const query = plainQuery(question);
    const statistics = new TermStatistics(chunks.map((chunk) => chunk.text));
    const scored = scorePassages(query, chunks, statistics, DEFAULT_SCORING.passages, money).sort((a, b) => b.score - a.score);
    const answer = (scope: Set<string>) => composeAnswer({ query: { ...query, periodDocIds: scope }, type: money, scored, chunks, statistics, settings: DEFAULT_SCORING.passages });
    // doc-2's sentence scores first and doc-1's is no near tie: scoped to doc-2 the answer is doc-2 alone, unscoped both are shown.
    expect(answer(new Set(["doc-2"])).cited.map((entry) => entry.n)).toEqual([2]);
    expect(answer(new Set()).cited.map((entry) => entry.n).sort()).toEqual([1, 2]);
  });

  it("answers with the current version's value when a later document replaces the one an earlier document states", () => {
    const question = "What monthly uptime percentage is Fernhollow committed to?";
    const chunks = [
      { ...retrievedChunk(1, "Uptime", "Fernhollow commits to a monthly uptime percentage of at least 99.9% in each calendar month."), metadata: { effective_date: "2025-04-01" } },
      { ...retrievedChunk(2, "Uptime amended", "The uptime commitment is a monthly uptime percentage of at least 99.95% in each calendar month, instead of 99.9%."), metadata: { effective_date: "2026-01-01" } },
    ];
    const rate: AnswerType = { kind: "percent", values: ["percent"], comparison: false, givens: new Set() };
    const answer = compose(question, chunks, rate);
    expect(answer.text.startsWith("The uptime commitment is a monthly uptime percentage of at least 99.95%")).toBe(true);
    expect(answer.cited.map((entry) => entry.n)).toEqual([2]);
    // Undated, nothing says which is current: both values stand as found.
    const undated = compose(question, chunks.map((chunk) => ({ ...chunk, metadata: {} })), rate);
    expect(undated.text).toContain("at least 99.9% in each");
    // Asked for the earlier commitment, the earlier document answers.
    expect(compose("What was the previous monthly uptime percentage Fernhollow committed to?", chunks, rate).text).toContain("at least 99.9% in each");
  });
});

describe("speaksTo", () => {
  it("holds when the statement has a word of the part's own question sentence, not only of its context", () => {
    const part = { query: plainQuery("My CD matures next week. How long do I have to object?") };
    expect(speaksTo({ text: "You may object within 15 days." }, part)).toBe(true);
    expect(speaksTo({ text: "Added seats are charged at $92 per month." }, part)).toBe(false);
    expect(speaksTo({ text: "A CD matures at the end of its term." }, part)).toBe(false);
  });

  it("holds for a sentence stating a need when the part asks what is needed, whose \"need\" is no content word", () => {
    const part = { query: plainQuery("and what paperwork do I need?") };
    expect(speaksTo({ text: "To file a claim, we need a signed Affidavit of Forgery." }, part)).toBe(true);
    expect(speaksTo({ text: "We decide most claims within 10 business days." }, part)).toBe(false);
    expect(speaksTo({ text: "To file a claim, we need a signed Affidavit of Forgery." }, { query: plainQuery("and how long does it take?") })).toBe(false);
  });

  it("holds for a cell or field read from the column the part names, though the value repeats none of its words", () => {
    const part = { query: plainQuery("How much does that bag weigh?") };
    expect(speaksTo({ text: "Ember 0 — weight: 2 lb 15 oz.", column: "weight" }, part)).toBe(true);
    expect(speaksTo({ text: "Ember 0 — lower limit: 0 F.", column: "lower limit" }, part)).toBe(false);
  });
});

describe("givesNewValue", () => {
  const date: AnswerType = { kind: "date", values: ["date"], comparison: false, givens: new Set() };
  it("holds for a value of the asked kind that no earlier statement gives", () => {
    const statement = { value: value("July 25, 2025") };
    expect(givesNewValue(statement, date, [{ text: "For M3, the fee is $25,200." }])).toBe(true);
    expect(givesNewValue(statement, date, [{ text: "M3 is due July 25, 2025." }])).toBe(false);
    expect(givesNewValue({ value: value("$25,200") }, date, [])).toBe(false);
  });
});

/** A question part asking for money over `chunks`, its passages given the scores listed (in passage order). */
function moneyParts(chunks: RetrievedChunk[]) {
  const passages = sourcePassages(chunks);
  const money: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
  const statistics = new TermStatistics(chunks.map((chunk) => chunk.text));
  return (question: string, scores: number[]) => ({
    query: plainQuery(question),
    type: money,
    scored: passages.map((passage, index) => ({ passage, own: 0.5, coverage: 0.5, score: scores[index]! })).sort((a, b) => b.score - a.score),
    chunks,
    statistics,
    settings: DEFAULT_SCORING.passages,
  });
}

describe("composeParts", () => {
  // Scores by passage: the $12 sentence, the waiver sentence, Premier's fee.
  const part = moneyParts([
    retrievedChunk(1, "Everyday Checking", "Everyday Checking has a monthly fee of $12. The fee is waived with a $1,500 minimum daily balance."),
    retrievedChunk(2, "Premier Checking", "Premier Checking has a monthly fee of $25."),
  ]);

  it("answers each part, and quotes no other source beside a part's direct answer", () => {
    // Premier's fee is a near tie for the first part: alone, it would be quoted as a rival answer.
    const first = part("What's the monthly fee on Everyday Checking?", [1, 0.5, 0.99]);
    expect(composeAnswer(first).cited.map((entry) => entry.n)).toEqual([1, 2]);
    const answer = composeParts([first, part("What balance gets it waived?", [0.5, 1, 0.2])]);
    expect(answer.text).toBe("Everyday Checking has a monthly fee of $12. The fee is waived with a $1,500 minimum daily balance. [1]");
  });
});

describe("a later part nothing speaks to", () => {
  const other: AnswerType = { kind: "other", values: [], comparison: false, givens: new Set() };
  const chunks = [
    retrievedChunk(1, "Governing Law", "This Agreement is governed by the laws of Westmarch. The courts of Brennock County have exclusive jurisdiction over any dispute. Each party consents."),
    retrievedChunk(2, "Notices", "Notices must be sent in writing."),
  ];
  const passages = sourcePassages(chunks);
  const part = (question: string, scores: number[]) => ({
    query: plainQuery(question),
    type: other,
    scored: passages.map((passage, index) => ({ passage, own: 0.5, coverage: 0.5, score: scores[index]! })).sort((a, b) => b.score - a.score),
    chunks,
    statistics: new TermStatistics(chunks.map((chunk) => chunk.text)),
    settings: DEFAULT_SCORING.passages,
  });

  it("is answered by the sentence after the first part's answer, from the same source", () => {
    const answer = composeParts([part("Which law governs the agreement?", [1, 0.5, 0.2, 0.1]), part("Where would a lawsuit have to be filed?", [1, 0.5, 0.2, 0.1])]);
    expect(answer.text).toBe("This Agreement is governed by the laws of Westmarch. The courts of Brennock County have exclusive jurisdiction over any dispute. [1]");
  });

  it("reads on only within the answer's paragraph, and not to a sentence already said", () => {
    const said = { n: 1, text: "This Agreement is governed by the laws of Westmarch.", quote: "This Agreement is governed by the laws of Westmarch." };
    expect(sentenceAfterAnswer([said], chunks)?.text).toBe("The courts of Brennock County have exclusive jurisdiction over any dispute.");
    const both = { ...said, quote: `${said.quote} The courts of Brennock County have exclusive jurisdiction over any dispute.` };
    expect(sentenceAfterAnswer([said, { ...both, n: 1, support: true as const }], chunks)).toBeUndefined();
    expect(sentenceAfterAnswer([{ n: 2, text: "Notices must be sent in writing.", quote: "Notices must be sent in writing." }], chunks)).toBeUndefined();
  });
});

describe("a later part for a procedure told in prose", () => {
  const procedure: AnswerType = { kind: "procedure", values: [], comparison: false, givens: new Set() };
  const other: AnswerType = { kind: "other", values: [], comparison: false, givens: new Set() };
  const chunks = [
    retrievedChunk(1, "Deadlines", "Report a forged check within 30 days."),
    retrievedChunk(2, "Check Fraud", "To file a claim, we need a signed affidavit. Return it within 10 business days."),
  ];
  const passages = sourcePassages(chunks);
  const part = (question: string, type: AnswerType, scores: number[]) => ({
    query: plainQuery(question),
    type,
    scored: passages.map((passage, index) => ({ passage, own: 0.5, coverage: 0.5, score: scores[index]! })).sort((a, b) => b.score - a.score),
    chunks,
    statistics: new TermStatistics(chunks.map((chunk) => chunk.text)),
    settings: DEFAULT_SCORING.passages,
  });

  it("keeps the steps read on after the part's direct answer, though they repeat none of its words", () => {
    const answer = composeParts([part("What's the deadline?", other, [1, 0.2, 0.1]), part("and what paperwork do I need?", procedure, [0.1, 1, 0.2])]);
    expect(answer.text).toBe("Report a forged check within 30 days. [1] To file a claim, we need a signed affidavit. Return it within 10 business days. [2]");
  });

  it("drops them with the direct answer when the part keeps no direct answer", () => {
    const answer = composeParts([part("What's the deadline?", other, [1, 0.2, 0.1]), part("and how long does it take?", procedure, [0.1, 1, 0.2])]);
    expect(answer.text).not.toContain("10 business days");
  });
});

describe("completesFact", () => {
  const money: AnswerType = { kind: "money", values: ["money"], comparison: false, givens: new Set() };
  it("holds for a quote that restates the direct answer's value and adds another of the asked kind", () => {
    expect(completesFact("Points are worth $600 as a credit or $750.00 toward travel.", new Set(["$750"]), money)).toBe(true);
    // Another value only: another subject's figure, not the same fact.
    expect(completesFact("Premier Checking has a monthly fee of $25.", new Set(["$12"]), money)).toBe(false);
    // The same value only: a retelling that adds nothing.
    expect(completesFact("The bonus is worth $750 toward travel.", new Set(["$750"]), money)).toBe(false);
    // Values of another kind than the asked one do not count.
    expect(completesFact("Worth $750 toward travel, within 30 days.", new Set(["$750"]), money)).toBe(false);
  });
});

describe("composeParts across sources", () => {
  // Scores by passage: the $750 sentence, the $600-or-$750 sentence, the $4,000 sentence.
  const part = moneyParts([
    retrievedChunk(1, "Travel", "Booked as travel, the welcome bonus is worth $750."),
    retrievedChunk(2, "Rules", "Points are worth $600 as a statement credit or $750 toward travel. Members earn the bonus after $4,000 in purchases."),
  ]);

  it("keeps a rival quote from another source that tells the direct answer's fact in full, and then a later part's answer from that cited chunk", () => {
    const answer = composeParts([part("What's the welcome bonus worth in dollars?", [1, 0.99, 0.3]), part("How much do I have to spend to get it?", [0.5, 0.3, 1])]);
    expect(answer.text).toContain("$600 as a statement credit");
    expect(answer.text).toContain("$4,000 in purchases");
    expect(answer.cited.map((entry) => entry.n)).toEqual([1, 2]);
  });

  it("leaves out a later part's sentence from a chunk no earlier part cites when it holds none of the part's words", () => {
    const answer = composeParts([part("What's the welcome bonus worth in dollars?", [1, 0.2, 0.3]), part("How much do I have to spend to get it?", [0.5, 0.3, 1])]);
    expect(answer.text).not.toContain("$4,000");
    expect(answer.cited.map((entry) => entry.n)).toEqual([1]);
  });
});

describe("secondField", () => {
  const chunks = [
    retrievedChunk(1, "Ridge Cooler", "- name: Ridge Cooler\n- price_usd: 249.00\n- specs: capacity: 45 qt; weight: 24 lb 6 oz"),
    retrievedChunk(2, "Wisp Cooler", "- name: Wisp Cooler\n- price_usd: 329.00\n- specs: capacity: 65 qt; weight: 31 lb 2 oz"),
  ];
  const input = (question: string) => ({
    query: plainQuery(question),
    type: { kind: "money", values: ["money"], comparison: true, givens: new Set<string>() } satisfies AnswerType,
    scored: [],
    chunks,
    statistics: new TermStatistics(chunks.map((chunk) => chunk.text)),
    settings: DEFAULT_SCORING.passages,
  });
  const first = { n: 1, text: "Ridge Cooler — price: $249.00.", quote: "price_usd: 249.00", column: "price_usd", value: value("$249.00") };
  const other = { n: 2, text: "Wisp Cooler — price: $329.00.", quote: "price_usd: 329.00", column: "price_usd", value: value("$329.00") };

  it("states the other named field for both records, with the difference when each is one quantity", () => {
    const capacity = (n: number, text: string) => ({ n, text, quote: text, column: "capacity" });
    const stated = secondField(capacity(1, "Doc 1 — capacity: 45 qt."), capacity(2, "Doc 2 — capacity: 65 qt."), input("How do the Ridge and Wisp coolers compare on capacity and price?"));
    expect(stated.map((statement) => [statement.n, statement.text])).toEqual([
      [1, "Doc 1 — price: $249.00."],
      [2, "Doc 2 — price: $329.00."],
      [-1, "Difference: $329.00 − $249.00 = $80.00."],
    ]);
    expect(secondField(first, other, input("How do the Ridge and Wisp coolers compare on price and capacity?")).map((statement) => statement.text)).toEqual(["Doc 1 — capacity: 45 qt.", "Doc 2 — capacity: 65 qt."]);
  });

  it("computes nothing on a compound quantity, and states nothing when the question names one field", () => {
    const weight = secondField(first, other, input("How do the Ridge and Wisp coolers compare on price and weight?"));
    expect(weight.map((statement) => statement.n)).toEqual([1, 2]);
    expect(weight.map((statement) => statement.text).join(" ")).toContain("24 lb 6 oz");
    expect(secondField(first, other, input("Which is cheaper, the Ridge or the Wisp cooler?"))).toEqual([]);
  });
});

describe("a sentence that points back", () => {
  it("is stated after the sentence it points to, and that sentence is not quoted again", () => {
    const chunks = [retrievedChunk(1, "Costs", "Marketing expenses increased by 17% for the year. The increase was mainly driven by cloud services.")];
    const question = "What was the reason for the increase in marketing expenses?";
    const type: AnswerType = { kind: "reason", values: [], comparison: false, givens: new Set() };
    const statistics = new TermStatistics(chunks.map((chunk) => chunk.text));
    const scored = [...scorePassages(plainQuery(question), chunks, statistics, DEFAULT_SCORING.passages, type)].sort((a, b) => b.score - a.score);
    const answer = composeAnswer({ query: plainQuery(question), type, scored, chunks, statistics, settings: DEFAULT_SCORING.passages });
    expect(answer.text).toBe("Marketing expenses increased by 17% for the year. The increase was mainly driven by cloud services. [1]");
  });
});

describe("a field the question names", () => {
  it("gives its own value as the answer when the answer type expected another kind, so both records are compared on it", () => {
    const record = (rank: number, name: string, price: string) => ({ ...retrievedChunk(rank, name, `- name: ${name}\n- price_usd: ${price}\n- ice retention: up to ${rank + 4} days`), title: name });
    const chunks = [record(1, "Ridge Cooler", "249.00"), record(2, "Wisp Cooler", "329.00")];
    const question = "What's the difference in price between the Ridge and Wisp coolers?";
    // The corpus's words made the type a duration ("days" sit near "cooler"); the question names the price.
    const type: AnswerType = { kind: "duration", values: ["duration"], comparison: true, givens: new Set() };
    const statistics = new TermStatistics(chunks.map((chunk) => chunk.text));
    const scored = [...scorePassages(plainQuery(question), chunks, statistics, DEFAULT_SCORING.passages, type)].sort((a, b) => b.score - a.score);
    // The price field scores first here only if the type's pull is set aside: put it first, as the question's own words do on the real corpus.
    const price = scored.filter((entry) => entry.passage.field?.name === "price_usd");
    const ordered = [...price, ...scored.filter((entry) => !price.includes(entry))];
    const answer = composeAnswer({ query: plainQuery(question), type, scored: ordered, chunks, statistics, settings: DEFAULT_SCORING.passages });
    expect(answer.text).toContain("Ridge Cooler — price: $249.00. [1] Wisp Cooler — price: $329.00. [2] Difference: $329.00 − $249.00 = $80.00. [1][2]");
  });
});

describe("cellPhrase", () => {
  it("says a cell as 'the <header> is <value>' under a noun header, lower-casing a common phrase but not a name", () => {
    expect(cellPhrase("Monthly fee", "$12")).toBe("the monthly fee is $12");
    expect(cellPhrase("Harbor Cash Back Visa", "19.24%")).toBe("the Harbor Cash Back Visa is 19.24%");
    expect(lowerFirst("APY")).toBe("APY");
  });

  it("says a cell as a label under a header that is a clause or ends open", () => {
    expect(cellPhrase("How to avoid the fee (any one)", "$1,500 minimum daily balance")).toBe("how to avoid the fee (any one): $1,500 minimum daily balance");
    expect(cellPhrase("Report to us within", "30 days")).toBe("report to us within: 30 days");
  });
});

describe("anotherLine", () => {
  const asked = new Map(contentTerms("What is the monthly fee on Everyday Checking?").map((term) => [term, 1]));

  it("is a row of the answer's table that names nothing more of the question and something it does not ask about", () => {
    expect(anotherLine("Student Checking", "Everyday Checking", asked)).toBe(true);
  });

  it("is not a row that names another word of the question, nor any row when the answer's own key holds words the question does not ask", () => {
    expect(anotherLine("Monthly fee", "Everyday Checking", asked)).toBe(false);
    expect(anotherLine("Student Checking", "Everyday Checking (legacy)", asked)).toBe(false);
  });
});

describe("aboutOtherYears", () => {
  it("holds for a text that names only years other than the asked ones", () => {
    expect(aboutOtherYears("Total net sales for fiscal 2017 were $392.7 million.", new Set(["2018"]))).toBe(true);
  });

  it("does not hold when the text names an asked year, names no year, or nothing is asked about a year", () => {
    expect(aboutOtherYears("Net sales rose from 2017 to 2018.", new Set(["2018"]))).toBe(false);
    expect(aboutOtherYears("Net sales rose.", new Set(["2018"]))).toBe(false);
    expect(aboutOtherYears("Net sales in 2017 were flat.", new Set())).toBe(false);
  });
});
