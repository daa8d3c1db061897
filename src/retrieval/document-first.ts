import type { Chunk } from "../chunking/types.js";
import type { ScoringSettings } from "../config/scoring.js";
import type { ScoredLabel } from "../index/search-backend.js";
import type { ChunkFeatures } from "./rerank.js";
import type { TermStatistics } from "./term-statistics.js";

/**
 * The document a chunk belongs to for ranking: the pages of one PDF (documents with a `page`) are one
 * document, their file; any other document is itself.
 */
export function documentKey(chunk: Pick<Chunk, "docId" | "metadata">): string {
  const { page, sourcePath } = chunk.metadata;
  return typeof page === "number" && typeof sourcePath === "string" ? `file:${sourcePath}` : chunk.docId;
}

/**
 * The idf-weighted share of the question's terms found in a chunk's own words (its text and the
 * headings below the title), leaving out the terms that only say which document is meant: names the
 * question shares with the corpus's documents, and the words of the chunk's own title. Those pick the
 * document; they cannot tell its chunks apart, and a cover page or an introduction repeats them.
 */
export function bodyEvidence(terms: readonly string[], documentTerms: ReadonlySet<string>, chunk: ChunkFeatures, statistics: TermStatistics): number {
  return bodyEvidenceOf(evidenceTerms(terms, documentTerms, statistics), chunk);
}

/** The question's side of `bodyEvidence`, worked out once per question: its distinct terms that do not name a document, with their idf, in order. */
export function evidenceTerms(terms: readonly string[], documentTerms: ReadonlySet<string>, statistics: TermStatistics): Array<[string, number]> {
  return [...new Set(terms)].filter((term) => !documentTerms.has(term)).map((term) => [term, statistics.idf(term)]);
}

/** `bodyEvidence` of one chunk from the question's `evidenceTerms`. */
export function bodyEvidenceOf(weighted: ReadonlyArray<readonly [string, number]>, chunk: ChunkFeatures): number {
  let total = 0;
  let covered = 0;
  for (const [term, weight] of weighted) {
    if (chunk.title.has(term)) continue;
    total += weight;
    if (chunk.body.has(term) || chunk.section.has(term)) covered += weight;
  }
  return total === 0 ? 0 : covered / total;
}

/** A document's lead: a chunk whose heading path is the title alone, the text before the document's first heading (it summarises the whole document). */
export function isLeadChunk(chunk: Pick<Chunk, "headingPath">): boolean {
  return chunk.headingPath.length < 2;
}

/** What `orderWithinDocuments` reads of a candidate: its document, its body evidence, and whether it is its document's lead (`isLeadChunk`). */
export interface WithinDocumentFacts {
  keyOf: (label: number) => string;
  evidenceOf: (label: number) => number;
  isLead?: (label: number) => boolean;
}

/**
 * Document first, then chunk: the ranked list keeps each document's places (the scores its chunks
 * earned, title, name and period evidence included), but which of its chunks takes which place is
 * decided within the document by body evidence, with the chunk's own score as the smaller part. A
 * named document's best body chunk, not its cover page or first chunk, comes first. A lead chunk
 * (the summary before the first heading) also loses `leadPenalty` when a sectioned chunk of its
 * document covers at least as much of the question, and at least `leadMinEvidence`: the section says
 * it where the summary only mentions it.
 */
export function orderWithinDocuments(ranked: readonly ScoredLabel[], facts: WithinDocumentFacts, settings: ScoringSettings["documentFirst"]): ScoredLabel[] {
  if (ranked.length < 2) return [...ranked];
  const { keyOf, evidenceOf, isLead = () => false } = facts;
  const top = ranked[0]!.score || 1;
  const groups = new Map<string, number[]>();
  ranked.forEach((entry, position) => {
    const key = keyOf(entry.label);
    const positions = groups.get(key) ?? [];
    positions.push(position);
    groups.set(key, positions);
  });
  const result = [...ranked];
  for (const positions of groups.values()) {
    if (positions.length < 2) continue;
    const members = positions.map((position) => ({ ...ranked[position]!, evidence: evidenceOf(ranked[position]!.label), lead: isLead(ranked[position]!.label) }));
    const bestSection = Math.max(0, ...members.filter((entry) => !entry.lead).map((entry) => entry.evidence));
    const keyed = members.map((entry) => {
      const demoted = entry.lead && bestSection >= settings.leadMinEvidence && bestSection >= entry.evidence;
      return { label: entry.label, key: settings.bodyWeight * entry.evidence + entry.score / top - (demoted ? settings.leadPenalty : 0) };
    });
    keyed.sort((a, b) => b.key - a.key || a.label - b.label);
    // The document's places (positions and scores) stay; the chunks move between them.
    positions.forEach((position, index) => {
      result[position] = { label: keyed[index]!.label, score: ranked[position]!.score };
    });
  }
  return result;
}
