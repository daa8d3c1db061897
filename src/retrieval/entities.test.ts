import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { contentTerms } from "../text/tokenize.js";
import { buildEntities, type Entity, findEntities, titleInitialNames, writtenAsCommonNoun, writtenWords } from "./entities.js";

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

  it("finds a one-word document type only as written: another form of the word is the common noun", () => {
    const withTerms = buildEntities([...documents, document("tos", "Terms of Service", { doc_type: "terms" })], DEFAULT_SCORING.entities);
    const found = (question: string) => findEntities(contentTerms(question), withTerms, writtenWords(question)).map((entity) => `${entity.kind}:${entity.value}`);
    expect(found("When does Kestrel's initial subscription term end?")).toEqual([]);
    expect(found("What do the terms say about refunds?")).toEqual(["doc_type:terms"]);
    // Without the question's words, terms alone match (the stem of "term" is the stem of "terms").
    expect(findEntities(contentTerms("When does the term end?"), withTerms).map((entity) => entity.value)).toEqual(["terms"]);
    // Names of several words match on their terms.
    expect(found("Which fee schedules list wire fees?")).toEqual(["doc_type:fee schedule"]);
  });
});

describe("names in titles and file names", () => {
  const reports = [
    { id: "a-2018/page-1", title: "10-K - 02/07/2019 - Alder Ridge Pharma", sourcePath: "docs/Alder_Ridge_Pharma_2018_10K.pdf", contentHash: "x", chunks: 1, metadata: {} },
    { id: "a-2018/page-2", title: "10-K - 02/07/2019 - Alder Ridge Pharma", sourcePath: "docs/Alder_Ridge_Pharma_2018_10K.pdf", contentHash: "x", chunks: 1, metadata: {} },
    { id: "b-2018/page-1", title: "10-K - 02/07/2019 - Birch Ridge Foods", sourcePath: "docs/Birch_Ridge_Foods_2018_10K.pdf", contentHash: "x", chunks: 1, metadata: {} },
    { id: "faq", title: "Frequently Asked Questions: Loans", sourcePath: "faq.md", contentHash: "x", chunks: 1, metadata: {} },
  ];
  const entities = buildEntities(reports, DEFAULT_SCORING.entities).filter((entity) => entity.kind === "name");

  it("names every page of a report by the company its title and file name give", () => {
    const alder = entities.find((entity) => entity.value === "Alder Ridge Pharma")!;
    expect([...alder.docIds].sort()).toEqual(["a-2018/page-1", "a-2018/page-2"]);
    expect(findEntities(contentTerms("What was Alder Ridge Pharma's FY2018 capital expenditure?"), entities).map((entity) => entity.value)).toEqual(["Alder Ridge Pharma"]);
  });

  it("does not take one capitalised word of a title for a name", () => {
    expect(entities.map((entity) => entity.value)).not.toContain("Loans");
  });
});

describe("titles' initials", () => {
  const contracts = [
    document("msa", "Master Subscription Agreement"),
    document("amendment", "Amendment No. 1 to the Master Subscription Agreement"),
    document("sla", "Service Level Agreement"),
    document("privacy", "Privacy Notice"),
  ];
  // The documents' text writes "MSA" and "SLA", never "PN".
  const used = (term: string) => term === "msa" || term === "sla";

  it("name what the title written in full names, when the documents' text uses them", () => {
    const names = titleInitialNames(contracts, used).map((entity) => `${entity.value}:${[...entity.docIds].join(",")}`);
    expect(names).toEqual(["MSA:msa,amendment", "SLA:sla"]);
  });

  it("name the document only written in capitals", () => {
    const entities = buildEntities(contracts, DEFAULT_SCORING.entities, used);
    const found = (question: string) => findEntities(contentTerms(question), entities, writtenWords(question)).filter((entity) => entity.kind === "initials").map((entity) => entity.value);
    expect(found("What does MSA section 5.7 say?")).toEqual(["MSA"]);
    expect(found("Which credits do the SLAs give?")).toEqual(["SLA"]);
    expect(found("What does the msa say?")).toEqual([]);
  });

  it("are read from the words as written", () => {
    expect([...writtenWords("the SLAs and the NDA's term")]).toEqual(["the", "slas", "and", "nda", "s", "term", "SLA", "NDA"]);
    expect([...writtenWords("the MSA2 and R8")]).toEqual(["the", "msa2", "and", "r8", "MSA2"]);
  });
});

describe("documents' defined short names", () => {
  const contracts = [
    document("nda", "Mutual Non-Disclosure Agreement"),
    document("nda-amendment", "Amendment to the Mutual Non-Disclosure Agreement"),
    document("sla", "Service Level Agreement"),
    document("sow-1", "Statement of Work No. 1"),
    document("sow-2", "Statement of Work No. 2"),
    document("sow-3", "Statement of Work No. 3"),
  ];
  // As `definedShortNames` reads the openings; "SOW" is defined by three documents, more than `shared` (2).
  const defined = new Map([["nda", ["NDA"]], ["sla", ["SLA"]], ["sow-1", ["SOW"]], ["sow-2", ["SOW"]], ["sow-3", ["SOW"]]]);
  const none = () => false;

  it("name what the title written in full names, like initials, unless more documents than a shared name define them", () => {
    const names = titleInitialNames(contracts, none, defined, 2).map((entity) => `${entity.kind}:${entity.value}:${[...entity.docIds].join(",")}`);
    expect(names).toEqual(["initials:NDA:nda,nda-amendment", "initials:SLA:sla"]);
  });

  it("name the document only written in capitals", () => {
    const entities = buildEntities(contracts, DEFAULT_SCORING.entities, none, defined);
    const found = (question: string) => findEntities(contentTerms(question), entities, writtenWords(question)).filter((entity) => entity.kind === "initials").map((entity) => entity.value);
    expect(found("When does the Fernhollow-Kestrel NDA expire?")).toEqual(["NDA"]);
    expect(found("When does the nda expire?")).toEqual([]);
    expect(found("What does the SOW cost?")).toEqual([]);
  });
});

describe("writtenAsCommonNoun", () => {
  const lemmas = new Set(["sleeping_bag", "sleeping_bags", "money_market"]);
  const isLemma = (phrase: string) => lemmas.has(phrase);
  const entity = (kind: Entity["kind"], value: string): Entity => ({ kind, value, terms: value.toLowerCase().split(" "), docIds: new Set(["size-guide"]) });

  it("reads a title's name written in lower case, as English has it, as the common noun", () => {
    expect(writtenAsCommonNoun(entity("name", "Sleeping Bags"), "What's the return window for a sleeping bag I ordered?", isLemma)).toBe(true);
    expect(writtenAsCommonNoun(entity("name", "Sleeping Bags"), "Sleeping bags: how long can I return them?", isLemma)).toBe(true);
  });

  it("keeps the name when the asker capitalises it, when English has no such word, and for products and one-word names", () => {
    expect(writtenAsCommonNoun(entity("name", "Sleeping Bags"), "What does the guide say about Sleeping Bags?", isLemma)).toBe(false);
    expect(writtenAsCommonNoun(entity("name", "Crew Socks"), "how much do the crew socks weigh", isLemma)).toBe(false);
    expect(writtenAsCommonNoun(entity("product", "Money Market"), "what is the money market rate", isLemma)).toBe(false);
    expect(writtenAsCommonNoun(entity("name", "Sleeping"), "sleeping tips", isLemma)).toBe(false);
    // Not in the question at all: nothing to read.
    expect(writtenAsCommonNoun(entity("name", "Sleeping Bags"), "What is the return window?", isLemma)).toBe(false);
  });
});

describe("products named by part of their name", () => {
  const product = (value: string, id: string): Entity => ({ kind: "product", value, terms: contentTerms(value), docIds: new Set([id]) });
  const entities = [product("Brushwood TC20 Trail Camera", "210010"), product("Brushwood TC30 Trail Camera", "210011"), product("Farsight Pocket 8x25 Binoculars", "210008")];

  it("names a product by its model code with the word beside it in the name", () => {
    expect(findEntities(contentTerms("How much does the Brushwood TC20 weigh?"), entities).map((entity) => entity.value)).toEqual(["Brushwood TC20 Trail Camera"]);
    expect(findEntities(contentTerms("price of the Pocket 8x25"), entities).map((entity) => entity.value)).toEqual(["Farsight Pocket 8x25 Binoculars"]);
  });

  it("needs the code and a word of the name beside it: a code alone, or beside other words, names nothing", () => {
    expect(findEntities(contentTerms("what is TC20"), entities)).toEqual([]);
    expect(findEntities(contentTerms("the TC20 battery"), entities)).toEqual([]);
  });
});
