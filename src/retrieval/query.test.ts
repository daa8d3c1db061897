import { describe, expect, it } from "vitest";
import type { Chunk } from "../chunking/types.js";
import { DEFAULT_SCORING } from "../config/scoring.js";
import type { IndexManifest } from "../index/index-manifest.js";
import { contentTerms } from "../text/tokenize.js";
import { buildCorpusVocabulary } from "./corpus-vocabulary.js";
import { findDates } from "./document-versions.js";
import { documentTerms, prepareQuery, withoutInstructions } from "./query.js";

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

describe("prepareQuery", () => {
  const policy = (id: string, title: string, date: string) => ({ id, title, sourcePath: `${id}.md`, contentHash: "x", chunks: 1, metadata: { doc_type: "policy", family: "returns", effective_date: date } });
  const manifest = { documents: [policy("returns-2025-03", "Returns Policy (March 2025)", "2025-03-01"), policy("returns-2026-09", "Returns Policy (September 2026)", "2026-09-01")] } as unknown as IndexManifest;
  const chunk = (docId: string, title: string, text: string): Chunk => ({ id: `${docId}#0`, docId, ordinal: 0, title, section: title, headingPath: [title], text, metadata: {} });
  const chunks = [chunk("returns-2025-03", "Returns Policy (March 2025)", "Return any item within 60 days."), chunk("returns-2026-09", "Returns Policy (September 2026)", "Return any item within 30 days.")];
  const vocabulary = buildCorpusVocabulary(manifest, chunks, DEFAULT_SCORING);
  const prepare = (question: string) => prepareQuery(question, vocabulary, { typoCorrection: true, typos: DEFAULT_SCORING.typos });

  it("marks as missing a version older than the documents keep of a document the question names", () => {
    expect(prepare("What was the return window before the March 2025 returns policy took effect?").names.missing.map((name) => name.name)).toEqual(["a Returns Policy from before March 2025"]);
    expect(prepare("What was the return window before the September 2026 returns policy took effect?").names.missing).toEqual([]);
  });

  it("names a document by its title's initials when the documents use them, and tells title names from product names", () => {
    const contract = { id: "msa", title: "Master Subscription Agreement", sourcePath: "msa.md", contentHash: "x", chunks: 1, metadata: { product: "Relay Cloud" } };
    const contracts = { documents: [contract] } as unknown as IndexManifest;
    const words = buildCorpusVocabulary(contracts, [chunk("msa", "Master Subscription Agreement", "Section 5.3 of the MSA sets the notice.")], DEFAULT_SCORING);
    const named = (question: string) => {
      const query = prepareQuery(question, words, { typoCorrection: true, typos: DEFAULT_SCORING.typos });
      return { named: [...query.namedDocIds], titled: [...query.titledDocIds] };
    };
    expect(named("What does MSA section 5.7 say?")).toEqual({ named: ["msa"], titled: ["msa"] });
    expect(named("Does Relay Cloud have an uptime commitment?")).toEqual({ named: ["msa"], titled: [] });
  });

  it("names a document by the short name its opening defines for itself, not by the names it defines for its parties", () => {
    const nda = { id: "nda", title: "Mutual Non-Disclosure Agreement", sourcePath: "nda.md", contentHash: "x", chunks: 1, metadata: {} };
    const msa = { id: "msa", title: "Master Subscription Agreement", sourcePath: "msa.md", contentHash: "x", chunks: 1, metadata: {} };
    const contracts = { documents: [nda, msa] } as unknown as IndexManifest;
    const words = buildCorpusVocabulary(
      contracts,
      [
        chunk("nda", "Mutual Non-Disclosure Agreement", 'This Mutual Non-Disclosure Agreement (the "NDA") is made between Fernhollow Systems ("FHS") and Kestrel.'),
        chunk("msa", "Master Subscription Agreement", 'This Master Subscription Agreement (the "Agreement") is made between Fernhollow and Kestrel.'),
      ],
      DEFAULT_SCORING,
    );
    const titled = (question: string) => [...prepareQuery(question, words, { typoCorrection: true, typos: DEFAULT_SCORING.typos }).titledDocIds];
    expect(titled("When does the Fernhollow-Kestrel NDA expire?")).toEqual(["nda"]);
    expect(titled("What did FHS sign?")).toEqual([]);
    expect(titled("When does the Agreement end?")).toEqual([]);
  });
});

