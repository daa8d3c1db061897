import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { contentTerms } from "../text/tokenize.js";
import { feedbackTerms, synonymTerms } from "./expansion.js";
import { TermStatistics } from "./term-statistics.js";

const settings = DEFAULT_SCORING.expansion;

describe("synonymTerms", () => {
  const statistics = new TermStatistics(["The sofa was delivered damaged.", "Refunds for furniture.", "A couch potato."]);
  const couchless = new TermStatistics(["The sofa was delivered damaged.", "Refunds for furniture."]);

  it("finds WordNet synonyms the corpus uses for a question word it never uses", () => {
    const question = "My couch arrived broken";
    expect(synonymTerms(question, contentTerms(question), couchless, settings)).toContain("sofa");
  });

  it("expands no word the corpus already uses, and keeps no synonym the corpus lacks", () => {
    const question = "My couch arrived broken";
    expect(synonymTerms(question, contentTerms(question), statistics, settings)).not.toContain("sofa");
    expect(synonymTerms(question, contentTerms(question), couchless, settings)).not.toContain("lounge");
  });
});

describe("feedbackTerms", () => {
  it("takes the words that weigh most in the top chunks, leaving out the question's own", () => {
    const statistics = new TermStatistics(["overdraft fee charged", "overdraft protection transfer", "checking account", "savings account", "wire"]);
    const texts = ["Overdraft fee: we charge an overdraft fee per item.", "Overdraft protection transfers money to cover an overdraft."];
    const words = feedbackTerms(texts, contentTerms("What is the fee when I go negative?"), statistics, { ...settings, feedbackTerms: 2 });
    expect(words).toHaveLength(2);
    expect(words[0]).toBe("overdraft");
    expect(words).not.toContain("fee");
  });
});
