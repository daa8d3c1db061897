import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { findDates } from "./document-versions.js";
import { documentTerms, withoutInstructions } from "./query.js";

describe("withoutInstructions", () => {
  it("drops sentences that address the assistant", () => {
    expect(withoutInstructions("You are an investment banker. Answer the following question using the documents. What is the FY2018 capital expenditure for 3M?")).toBe(
      "What is the FY2018 capital expenditure for 3M?",
    );
    expect(withoutInstructions("What was net income in 2025? Please answer in one sentence and cite the source.")).toBe("What was net income in 2025?");
  });

  it("keeps a question that is all question, and one that would be left empty", () => {
    expect(withoutInstructions("What is the overdraft fee? Is it charged per item?")).toBe("What is the overdraft fee? Is it charged per item?");
    expect(withoutInstructions("Use the documents to answer.")).toBe("Use the documents to answer.");
  });
});

describe("documentTerms", () => {
  it("holds the words of the names found and the terms holding a year the question names", () => {
    const entity = { kind: "name" as const, value: "Alder Ridge", terms: contentTerms("Alder Ridge"), docIds: new Set(["a"]) };
    const terms = contentTerms("What was the FY2018 capital expenditure for Alder Ridge?");
    expect([...documentTerms(terms, [entity], findDates("What was the FY2018 capital expenditure for Alder Ridge?"))].sort()).toEqual(["alder", "fy2018", "ridg"]);
  });
});
