import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { contentTerms } from "../text/tokenize.js";
import { asksForExplanation, chunkFeatures, isTable, proximity, queryFeatures, rerankScore } from "./rerank.js";
import { TermStatistics } from "./term-statistics.js";

const weights = DEFAULT_SCORING.rerank;
// Every term equally rare, so coverage shares are plain counts.
const statistics = new TermStatistics(["other words entirely"]);
const query = (text: string) => queryFeatures({ text, terms: contentTerms(text) }, statistics);

describe("rerankScore", () => {
  it("adds the idf-weighted share of question terms the chunk covers", () => {
    const chunk = chunkFeatures({ text: "The wire fee is charged per transfer.", headingPath: ["Fees"] });
    // "wire fee" covered, "cutoff" not: 2 of 3 terms.
    expect(rerankScore(0, query("wire fee cutoff"), chunk, { ...weights, headingCoverage: 0, phrase: 0, proximity: 0 })).toBeCloseTo(weights.coverage * (2 / 3), 10);
  });

  it("adds heading coverage on top of body coverage for terms in the heading path", () => {
    const chunk = chunkFeatures({ text: "Charged per transfer.", headingPath: ["Wire fee"] });
    expect(rerankScore(0, query("wire fee"), chunk, { ...weights, phrase: 0 })).toBeCloseTo(weights.coverage + weights.headingCoverage, 10);
  });

  it("rewards exact adjacent pairs, up to the cap", () => {
    const inOrder = chunkFeatures({ text: "monthly maintenance fee", headingPath: [] });
    const shuffled = chunkFeatures({ text: "fee maintenance monthly", headingPath: [] });
    const q = query("monthly maintenance fee");
    expect(rerankScore(0, q, inOrder, weights) - rerankScore(0, q, shuffled, weights)).toBeCloseTo(2 * weights.phrase, 10);
  });

  it("rewards numbers of the question found in the chunk", () => {
    const q = query("24-month CD penalty");
    const withNumber = chunkFeatures({ text: "A 24-month CD carries a penalty.", headingPath: [] });
    const without = chunkFeatures({ text: "A CD carries a penalty.", headingPath: [] });
    const noPhrases = { ...weights, phrase: 0, proximity: 0 };
    // "24" and "month" are covered only by the first chunk: 2 of the 4 terms, plus the number bonus.
    expect(rerankScore(0, q, withNumber, noPhrases) - rerankScore(0, q, without, noPhrases)).toBeCloseTo(weights.numbers + weights.coverage * (2 / 4), 10);
  });

  it("leaves the fused score alone for a question without content terms", () => {
    expect(rerankScore(0.42, query("what is the"), chunkFeatures({ text: "anything", headingPath: [] }), weights)).toBe(0.42);
  });

  it("takes the table weight off a table for a question asking why, and only then", () => {
    const table = chunkFeatures({ text: "Item | 2019 | 2018\nCapital expenditure | 120 | 150\nCable | 40 | 60", headingPath: [] });
    const prose = chunkFeatures({ text: "Capital expenditure in cable fell because the network upgrade ended.", headingPath: [] });
    const off = { ...weights, tableForExplanation: 0 };
    const penalised = { ...weights, tableForExplanation: 0.2 };
    const why = query("Why did capital expenditure in cable fall?");
    const what = query("What was capital expenditure in cable?");
    expect(rerankScore(0, why, table, off) - rerankScore(0, why, table, penalised)).toBeCloseTo(0.2, 10);
    expect(rerankScore(0, what, table, penalised)).toBe(rerankScore(0, what, table, off));
    expect(rerankScore(0, why, prose, penalised)).toBe(rerankScore(0, why, prose, off));
  });
});

describe("a stated reason for a question asking why", () => {
  it("gives a chunk stating a cause the reason weight for a why question, and only then", () => {
    const cause = chunkFeatures({ text: "Interest expense decreased $54.7 million, primarily due to lower borrowings.", headingPath: [] });
    const figure = chunkFeatures({ text: "Interest expense decreased $54.7 million in fiscal 2019 from fiscal 2018.", headingPath: [] });
    const on = { ...weights, statedReason: 0.1 };
    const off = { ...weights, statedReason: 0 };
    const why = query("What caused the decrease in interest expense?");
    const how = query("How much did interest expense decrease?");
    expect(rerankScore(0, why, cause, on) - rerankScore(0, why, cause, off)).toBeCloseTo(0.1, 10);
    expect(rerankScore(0, why, figure, on)).toBe(rerankScore(0, why, figure, off));
    expect(rerankScore(0, how, cause, on)).toBe(rerankScore(0, how, cause, off));
  });

});

describe("value fit", () => {
  it("gives a chunk stating the kind of value the question asks for the value weight, and only that kind", () => {
    const days = chunkFeatures({ text: "File the dispute within 120 days of the transaction date.", headingPath: [] });
    const money = chunkFeatures({ text: "A dispute costs nothing; the fee is $0.", headingPath: [] });
    const on = { ...weights, valueFit: 0.03 };
    const off = { ...weights, valueFit: 0 };
    const howLong = query("How long do I have to dispute a charge?");
    expect(rerankScore(0, howLong, days, on) - rerankScore(0, howLong, days, off)).toBeCloseTo(0.03, 10);
    expect(rerankScore(0, howLong, money, on)).toBe(rerankScore(0, howLong, money, off));
    const what = query("Where do I dispute a charge?");
    expect(rerankScore(0, what, days, on)).toBe(rerankScore(0, what, days, off));
  });
});

describe("proximity", () => {
  const width = DEFAULT_SCORING.rerank.proximityWindow;

  it("is the share of the question's terms standing within the window together, at least two of them", () => {
    const q = query("outgoing wire fee cutoff");
    // "outgoing wire fee" within three content terms: 3 of 4 terms; "cutoff" is far away.
    const near = contentTerms("The outgoing wire fee is charged once. Lorem ipsum dolor sit amet consectetur adipiscing elit sed cutoff.");
    expect(proximity(q, near, width)).toBeCloseTo(3 / 4, 10);
    // The same four words spread out: no window of 5 content terms holds two of them.
    const spread = contentTerms("Outgoing alpha beta gamma delta. Wire alpha beta gamma delta. Fee alpha beta gamma delta. Cutoff.");
    expect(proximity(q, spread, width)).toBe(0);
  });

  it("counts nothing for one term alone, however rare, and nothing for a one-term question", () => {
    expect(proximity(query("wire fee"), contentTerms("wire wire wire"), width)).toBe(0);
    expect(proximity(query("wire"), contentTerms("wire fee"), width)).toBe(0);
  });

  it("leaves out the names and years that pick the document", () => {
    const text = "Alder Ridge 2018 annual report";
    const named = queryFeatures({ text: "Alder Ridge employees 2018", terms: contentTerms("Alder Ridge employees 2018"), documentTerms: new Set([...contentTerms("Alder Ridge"), "2018"]) }, statistics);
    const plain = queryFeatures({ text: "Alder Ridge employees 2018", terms: contentTerms("Alder Ridge employees 2018") }, statistics);
    expect(proximity(named, contentTerms(text), width)).toBe(0);
    expect(proximity(plain, contentTerms(text), width)).toBeCloseTo(3 / 4, 10);
  });

  it("adds its weight times proximity to the reranker's score, and nothing with a weight of 0", () => {
    const q = query("outgoing wire fee");
    const chunk = chunkFeatures({ text: "Fee for each outgoing wire: $30.", headingPath: [] });
    const on = { ...weights, proximity: 0.1 };
    const off = { ...weights, proximity: 0 };
    expect(rerankScore(0, q, chunk, on) - rerankScore(0, q, chunk, off)).toBeCloseTo(0.1, 10);
  });
});

describe("isTable and asksForExplanation", () => {
  it("tells a chunk of table rows from prose with a stray bar", () => {
    expect(isTable("A | B\n1 | 2\n3 | 4")).toBe(true);
    expect(isTable("Fees are listed below.\nSee the schedule | page 2 for details.\nThey change yearly.")).toBe(false);
  });

  it("knows questions that ask for a reason, a cause, a meaning or a method", () => {
    for (const question of ["Why did revenue fall?", "What caused the decrease in capex?", "What is the definition of deferred revenue?", "How is basic EPS calculated?"]) {
      expect(asksForExplanation(question)).toBe(true);
    }
    for (const question of ["What was revenue in 2019?", "How much did capex change?", "How is the weather?"]) expect(asksForExplanation(question)).toBe(false);
  });

  it("knows questions that ask what something includes, represents or is made of", () => {
    for (const question of ["What does the charge for the year include?", "What constitutes audit fees?", "What does the loss from discontinued operations represent?", "What are the main components of net cash used in investing activities?"]) {
      expect(asksForExplanation(question)).toBe(true);
    }
    for (const question of ["What does the company expect revenue to be in 2020?", "What were the components?", "What is included?"]) expect(asksForExplanation(question)).toBe(false);
  });
});
