import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { plainQuery } from "../retrieval/query.js";
import { TermStatistics } from "../retrieval/term-statistics.js";
import { createExtractiveAnswerer } from "./extractive-answerer.js";
import { checkGrounding, groundingWarnings } from "./grounding.js";
import { retrievedChunk as chunk } from "./testing/retrieved-chunk.js";
import { buildValueProfile } from "./value-profile.js";

const WIRES = { title: "Wire transfers", section: "Fees", text: "An outgoing domestic wire costs $30. Incoming wires cost $15. Harbor Send allows $2,500 per day." };
const CD = { title: "CD rates", section: "Rates", text: "The 12-month CD pays 3.70% APY. The 24-month CD pays 3.85% APY." };

describe("grounding check: numbers", () => {
  it("a number the cited chunk states is supported, compared by value", () => {
    expect(checkGrounding("Harbor Send allows $2500.00 per day [1].", [WIRES]).unsupported).toBe(0);
  });

  it("a number the cited chunk does not state makes the sentence unsupported", () => {
    const result = checkGrounding("An outgoing domestic wire costs $35 [1].", [WIRES]);
    expect(result.sentences).toEqual([{ sentence: "An outgoing domestic wire costs $35.", sources: [1], supported: false, reason: "numbers", missing: ["35"] }]);
  });

  it("a number in another, uncited chunk does not count", () => {
    expect(checkGrounding("The 24-month CD pays 3.85% APY [1].", [WIRES, CD]).sentences[0]).toMatchObject({ supported: false, reason: "numbers", missing: ["24", "3.85"] });
  });

  it("the difference of two grounded numbers, with the arithmetic shown, is supported", () => {
    expect(checkGrounding("Difference: 3.85% − 3.70% = 0.15 percentage points. [1]", [CD]).unsupported).toBe(0);
    expect(checkGrounding("Difference: 3.85% − 3.70% = 0.25 percentage points. [1]", [CD]).sentences[0]).toMatchObject({ supported: false, missing: ["0.25"] });
  });
});

describe("grounding check: key terms", () => {
  it("a paraphrase that keeps most key terms is supported", () => {
    expect(checkGrounding("An outgoing domestic wire transfer costs $30 [1].", [WIRES]).unsupported).toBe(0);
  });

  it("a sentence about something the cited chunk does not mention is unsupported", () => {
    const result = checkGrounding("Overdraft protection links your savings account [1].", [WIRES]);
    expect(result.sentences[0]).toMatchObject({ supported: false, reason: "terms" });
    expect(result.sentences[0]!.missing).toEqual(["overdraft", "protect", "link", "save", "account"]);
  });

  it("the chunk's title and section count as its words", () => {
    expect(checkGrounding("Wire transfers fees: $30 outgoing [1].", [{ ...WIRES, text: "Outgoing: $30." }]).unsupported).toBe(0);
  });
});

describe("grounding check: sentences without a marker", () => {
  it("take the marker of the next marked sentence in their paragraph (a run cited once)", () => {
    const result = checkGrounding("An outgoing domestic wire costs $30. Incoming wires cost $15. [1]", [WIRES]);
    expect(result.sentences.map((check) => [check.sources, check.supported])).toEqual([
      [[1], true],
      [[1], true],
    ]);
  });

  it("with no marker after them, a claim is unsupported and a sentence without claims is not", () => {
    const result = checkGrounding("Yes, it does.\n\nAn outgoing wire costs $30 [1]. Wires are free on Sundays.", [WIRES]);
    expect(result.sentences.map((check) => check.supported)).toEqual([true, true, false]);
    expect(result.sentences[2]).toMatchObject({ reason: "no_citation", sources: [] });
    expect(groundingWarnings(result)).toEqual(['Unsupported sentence: "Wires are free on Sundays.": it cites no source.']);
  });

  it("a marker does not reach into the next paragraph", () => {
    expect(checkGrounding("Wires cost $30.\n\nIncoming wires cost $15 [1].", [WIRES]).sentences[0]).toMatchObject({ supported: false, reason: "no_citation" });
  });
});

describe("grounding check: sentences citing several sources", () => {
  it("are checked against all their sources together", () => {
    expect(checkGrounding("An outgoing wire costs $30 and the 24-month CD pays 3.85% [1][2].", [WIRES, CD]).unsupported).toBe(0);
    expect(checkGrounding("An outgoing wire costs $30 and the 24-month CD pays 3.85% [1, 2].", [WIRES, CD]).unsupported).toBe(0);
  });

  it("a number in none of them is still unsupported", () => {
    const result = checkGrounding("An outgoing wire costs $30 and the 24-month CD pays 4.10% [1][2].", [WIRES, CD]);
    expect(result.sentences[0]).toMatchObject({ sources: [1, 2], supported: false, missing: ["4.1"] });
    expect(groundingWarnings(result)).toEqual(['Unsupported sentence (checked against [1][2]): "An outgoing wire costs $30 and the 24-month CD pays 4.10%.": 4.1 not found in the cited source.']);
  });
});

describe("the extractive answerer passes the check, and the check can fail on it", () => {
  const statistics = new TermStatistics(["wire fee", "checking fee", "monthly statement", "branch hours", "savings rate"]);
  const answerer = createExtractiveAnswerer({ statistics, profile: buildValueProfile([], statistics) }, {
    minSupport: 0.3,
    readChunks: 5,
    corpusDescription: "test documents",
    passages: DEFAULT_SCORING.passages,
  });

  it("a quote, a table cell and a run of statements: 0 unsupported; a hand-made sentence added to it: 1", async () => {
    const table = "| Term | APY | Early withdrawal penalty |\n|---|---|---|\n| 12 months or less | 4.10% | 90 days of simple interest |\n| 13 to 36 months | 3.75% | 180 days of simple interest |";
    const chunks = [chunk(1, "CD rates", table), chunk(2, "Wires", "Branches close at five. An outgoing wire costs $30.", 0.9)];
    const cell = await answerer.answer({ query: plainQuery("What is the early withdrawal penalty on a 24-month CD?"), chunks, support: 0.9 });
    const quote = await answerer.answer({ query: plainQuery("How much does an outgoing wire cost?"), chunks: [chunks[1]!], support: 0.9 });
    expect(checkGrounding(cell.text, chunks).unsupported).toBe(0);
    expect(checkGrounding(quote.text, [chunks[1]!]).unsupported).toBe(0);
    expect(checkGrounding(`${cell.text} The penalty is waived after 65 days. [1]`, chunks).unsupported).toBe(1);
  });
});
