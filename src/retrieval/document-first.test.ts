import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { bodyEvidence, documentKey, orderWithinDocuments } from "./document-first.js";
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
  const settings = { bodyWeight: 1 };
  const documentOf: Record<number, string> = { 0: "a", 1: "b", 2: "a", 3: "a" };
  const evidence: Record<number, number> = { 0: 0, 1: 0.5, 2: 1, 3: 0.5 };

  it("keeps each document's places and lets body evidence choose which chunk takes them", () => {
    const ranked = [{ label: 0, score: 1 }, { label: 1, score: 0.9 }, { label: 2, score: 0.8 }, { label: 3, score: 0.7 }];
    const ordered = orderWithinDocuments(ranked, (label) => documentOf[label]!, (label) => evidence[label]!, settings);
    // Document b stays second; a's best body chunk (2) takes a's first place; the cover (0, key 1.0) drops below 3 (key 0.5 + 0.7).
    expect(ordered).toEqual([{ label: 2, score: 1 }, { label: 1, score: 0.9 }, { label: 3, score: 0.8 }, { label: 0, score: 0.7 }]);
  });

  it("lets a large score gap outweigh a small evidence gap when the body weight is small", () => {
    const ranked = [{ label: 0, score: 1 }, { label: 3, score: 0.1 }];
    expect(orderWithinDocuments(ranked, (label) => documentOf[label]!, (label) => evidence[label]!, { bodyWeight: 0.5 }).map((entry) => entry.label)).toEqual([0, 3]);
    expect(orderWithinDocuments(ranked, (label) => documentOf[label]!, (label) => evidence[label]!, { bodyWeight: 10 }).map((entry) => entry.label)).toEqual([3, 0]);
  });
});
