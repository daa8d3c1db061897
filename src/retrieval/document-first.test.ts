import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { bodyEvidence, documentKey, isLeadChunk, orderWithinDocuments } from "./document-first.js";
import { chunkFeatures } from "./rerank.js";
import { TermStatistics } from "./term-statistics.js";

// Every term equally rare, so evidence shares are plain counts.
const statistics = new TermStatistics(["other words entirely"]);

describe("documentKey", () => {
  it("counts the pages of one PDF as one document and any other document as itself", () => {
    expect(documentKey({ docId: "docs/acme-2018/page-1", metadata: { page: 1, sourcePath: "docs/Acme_2018.pdf" } })).toBe("file:docs/Acme_2018.pdf");
    expect(documentKey({ docId: "docs/acme-2018/page-5", metadata: { page: 5, sourcePath: "docs/Acme_2018.pdf" } })).toBe("file:docs/Acme_2018.pdf");
    expect(documentKey({ docId: "par_42", metadata: { sourcePath: "data/records.jsonl" } })).toBe("par_42");
  });
});

describe("bodyEvidence", () => {
  const terms = contentTerms("How many employees did Alder Ridge have at the end of 2018?");
  const named = new Set([...contentTerms("Alder Ridge"), "2018"]);

  it("leaves out the names and years that pick the document", () => {
    const cover = chunkFeatures({ text: "Annual Report 2018 - Alder Ridge", headingPath: ["10-K Alder Ridge"] });
    const answer = chunkFeatures({ text: "We had 7,175 employees at the end of the fiscal year.", headingPath: ["10-K Alder Ridge"] });
    expect(bodyEvidence(terms, named, cover, statistics)).toBe(0);
    // "employees" and "end" of {employees, end}.
    expect(bodyEvidence(terms, named, answer, statistics)).toBe(1);
  });

  it("leaves out the words of the chunk's own title but counts its sub-headings", () => {
    const wireTerms = contentTerms("wire cutoff");
    const intro = chunkFeatures({ text: "This guide explains how to send a wire.", headingPath: ["Wire Guide"] });
    const section = chunkFeatures({ text: "Requests are sent the same day.", headingPath: ["Wire Guide", "Cutoff times"] });
    expect(bodyEvidence(wireTerms, new Set(), intro, statistics)).toBe(0);
    expect(bodyEvidence(wireTerms, new Set(), section, statistics)).toBe(1);
  });
});

describe("orderWithinDocuments", () => {
  const settings = { bodyWeight: 1, leadPenalty: 0, leadMinEvidence: 0.3 };
  const documentOf: Record<number, string> = { 0: "a", 1: "b", 2: "a", 3: "a" };
  const evidence: Record<number, number> = { 0: 0, 1: 0.5, 2: 1, 3: 0.5 };
  const facts = { keyOf: (label: number) => documentOf[label]!, evidenceOf: (label: number) => evidence[label]! };

  it("keeps each document's places and lets body evidence choose which chunk takes them", () => {
    const ranked = [{ label: 0, score: 1 }, { label: 1, score: 0.9 }, { label: 2, score: 0.8 }, { label: 3, score: 0.7 }];
    const ordered = orderWithinDocuments(ranked, facts, settings);
    // Document b stays second; a's best body chunk (2) takes a's first place; the cover (0, key 1.0) drops below 3 (key 0.5 + 0.7).
    expect(ordered).toEqual([{ label: 2, score: 1 }, { label: 1, score: 0.9 }, { label: 3, score: 0.8 }, { label: 0, score: 0.7 }]);
  });

  it("lets a large score gap outweigh a small evidence gap when the body weight is small", () => {
    const ranked = [{ label: 0, score: 1 }, { label: 3, score: 0.1 }];
    expect(orderWithinDocuments(ranked, facts, { ...settings, bodyWeight: 0.5 }).map((entry) => entry.label)).toEqual([0, 3]);
    expect(orderWithinDocuments(ranked, facts, { ...settings, bodyWeight: 10 }).map((entry) => entry.label)).toEqual([3, 0]);
  });

  describe("a document's lead chunk", () => {
    // Document a: its lead (0) and two sectioned chunks; keys without the penalty: 0 -> 0.5 + 1, 2 -> 0.5 + 0.9, 3 -> 0.3 + 0.8.
    const leadEvidence: Record<number, number> = { 0: 0.5, 2: 0.5, 3: 0.3 };
    const leadFacts = { keyOf: () => "a", evidenceOf: (label: number) => leadEvidence[label]!, isLead: (label: number) => label === 0 };
    const ranked = [{ label: 0, score: 1 }, { label: 2, score: 0.9 }, { label: 3, score: 0.8 }];
    const order = (penalised: typeof settings, evidenceOf = leadFacts.evidenceOf) =>
      orderWithinDocuments(ranked, { ...leadFacts, evidenceOf }, penalised).map((entry) => entry.label);

    it("goes below a sectioned chunk of its document that covers as much of the question", () => {
      expect(order(settings)).toEqual([0, 2, 3]);
      // 0's key 1.5 - 0.2 = 1.3 falls below 2's 1.4, not below 3's 1.1.
      expect(order({ ...settings, leadPenalty: 0.2 })).toEqual([2, 0, 3]);
    });

    it("keeps its place when it covers more of the question than any sectioned chunk", () => {
      expect(order({ ...settings, leadPenalty: 0.2 }, (label) => ({ 0: 0.6, 2: 0.5, 3: 0.3 })[label]!)).toEqual([0, 2, 3]);
    });

    it("keeps its place when no sectioned chunk covers the minimum share of the question", () => {
      expect(order({ ...settings, leadPenalty: 0.2, leadMinEvidence: 0.6 })).toEqual([0, 2, 3]);
    });
  });
});

describe("isLeadChunk", () => {
  it("is the text under the title alone, before the document's first heading", () => {
    expect(isLeadChunk({ headingPath: ["Personal Loans Guide"] })).toBe(true);
    expect(isLeadChunk({ headingPath: ["Personal Loans Guide", "How to Apply"] })).toBe(false);
  });
});
