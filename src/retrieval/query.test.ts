import { describe, expect, it } from "vitest";
import { withoutInstructions } from "./query.js";

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
