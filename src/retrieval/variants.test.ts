import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { otherVariants } from "./variants.js";

const titles: Record<string, string> = {
  t3: "Skyvane Trek 3 Action Camera",
  t4: "Skyvane Trek 4 Action Camera",
  pro: "Skyvane Trek 4 Pro Action Camera",
  tarn: "Fernhollow Tarn 55 Backpack - Small",
  womens: "Fernhollow Tarn 55 Women's Backpack - Small",
  rates: "Deposit Rate Sheet (2026-09-01)",
  older: "Deposit Rate Sheet (2026-03-01)",
};
const variants = (question: string, docIds = Object.keys(titles)) =>
  otherVariants(docIds, (docId) => (titles[docId] === undefined ? undefined : new Set(contentTerms(titles[docId]!))), contentTerms(question));

describe("otherVariants", () => {
  it("finds a title that is another candidate's title plus words the question does not say", () => {
    expect(variants("What's the battery life of the Trek 4?")).toEqual(new Set(["pro"]));
    expect(variants("How heavy is the Tarn 55 backpack in small?")).toEqual(new Set(["womens"]));
  });

  it("leaves the variant whose added word the question says, and titles that differ otherwise", () => {
    expect(variants("How much is the Trek 4 Pro?")).toEqual(new Set());
    expect(variants("How heavy is the women's Tarn 55 backpack?")).toEqual(new Set());
    expect(variants("What does the deposit rate sheet say about CDs?")).toEqual(new Set());
  });

  it("needs the plainer title among the candidates", () => {
    expect(variants("What's the battery life of the Trek 4?", ["t3", "pro"])).toEqual(new Set());
  });
});
