import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { contentTerms } from "../text/tokenize.js";
import { buildEntities, findEntities } from "./entities.js";

const document = (id: string, title: string, metadata: Record<string, unknown> = {}) => ({ id, title, sourcePath: `${id}.md`, contentHash: "x", chunks: 1, metadata });

const documents = [
  document("savings", "Harbor Savings Agreement", { product: "Harbor Savings", doc_type: "agreement" }),
  document("checking", "Harbor Checking Agreement", { product: ["Everyday Checking"], doc_type: "agreement" }),
  document("glossary", "Glossary", { product: "General", doc_type: "glossary" }),
  document("fees", "Harbor Fee Schedule", { product: "General", doc_type: "fee-schedule" }),
  document("wires", "Harbor Wire Guide", { product: "Harbor", doc_type: "guide" }),
];

describe("buildEntities", () => {
  const entities = buildEntities(documents, DEFAULT_SCORING.entities);
  const names = entities.map((entity) => `${entity.kind}:${entity.value}`);

  it("names documents by title, product and type", () => {
    expect(names).toContain("product:Harbor Savings");
    expect(names).toContain("title:Glossary");
    expect(names).toContain("doc_type:fee schedule");
  });

  it("leaves out placeholder values and one-word names most documents share", () => {
    expect(names).not.toContain("product:General");
    // "Harbor" is in the title or product of 4 of 5 documents.
    expect(names).not.toContain("product:Harbor");
  });

  it("gathers every document that carries a name", () => {
    expect([...entities.find((entity) => entity.value === "agreement")!.docIds].sort()).toEqual(["checking", "savings"]);
  });
});

describe("findEntities", () => {
  const entities = buildEntities(documents, DEFAULT_SCORING.entities);

  it("finds names that occur as consecutive content terms of the question", () => {
    const found = findEntities(contentTerms("What is the APY of Harbor Savings?"), entities).map((entity) => entity.value);
    expect(found).toEqual(["Harbor Savings"]);
    expect(findEntities(contentTerms("Savings at the Harbor"), entities)).toEqual([]);
  });

  it("finds exactly what a scan of every entity finds, in the same order", () => {
    const scan = (terms: string[]) => entities.filter((entity) => ` ${terms.join(" ")} `.includes(` ${entity.terms.join(" ")} `));
    const questions = [
      "Is the Harbor Savings Agreement an agreement like the Harbor Checking Agreement?",
      "agreement agreement glossary fee schedule",
      "Everyday Checking or Harbor Wire Guide, and the fee schedule?",
      "nothing here",
      "",
    ];
    for (const question of questions) {
      const terms = contentTerms(question);
      expect(findEntities(terms, entities)).toEqual(scan(terms));
    }
    expect(findEntities(contentTerms(questions[0]!), entities).length).toBeGreaterThan(2);
  });
});
