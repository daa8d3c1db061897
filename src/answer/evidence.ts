import { parseBlocks } from "../chunking/markdown-blocks.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { splitSentences } from "../text/sentences.js";
import { contentTerms } from "../text/tokenize.js";

/** A sentence, list item or table row of a retrieved chunk: the smallest piece an answer can quote. */
export interface EvidenceUnit {
  /** 1-based source number of the chunk it comes from. */
  n: number;
  /** Position in the chunk, to keep the chunk's reading order. */
  position: number;
  /** The text shown in the answer. */
  text: string;
  /** Terms of the unit itself. */
  terms: Set<string>;
  /** Terms of the section it sits in (heading path): they support the unit, at a discount. */
  contextTerms: Set<string>;
  /** For a table row, the caption and column names: they are part of what the row says. */
  tableTerms: Set<string>;
  /** Adjacent content-term pairs of the unit ("net_income"), for phrase matches. */
  bigrams: Set<string>;
}

/** Adjacent pairs of content terms: "net income" -> "net_incom". */
export function termBigrams(terms: string[]): Set<string> {
  const pairs = new Set<string>();
  for (let index = 1; index < terms.length; index += 1) pairs.add(`${terms[index - 1]}_${terms[index]}`);
  return pairs;
}

function stripListMarker(item: string): string {
  return item.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "").replace(/\s*\n\s*/g, " ").trim();
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());
}

type ChunkUnit = Omit<EvidenceUnit, "n">;

/** The quotable units of one chunk, in reading order. */
function splitChunk(chunk: RetrievedChunk): ChunkUnit[] {
  const units: ChunkUnit[] = [];
  const headingTerms = contentTerms(chunk.headingPath.join(" "));
  let position = 0;
  const push = (text: string, tableTerms: string[] = []): void => {
    if (text.trim() === "") return;
    const terms = contentTerms(text);
    units.push({
      position: position++,
      text,
      terms: new Set(terms),
      bigrams: termBigrams(terms),
      contextTerms: new Set(headingTerms),
      tableTerms: new Set(tableTerms),
    });
  };
  for (const block of parseBlocks(chunk.text)) {
    if (block.kind === "paragraph") splitSentences(block.text).forEach((sentence) => push(sentence));
    else if (block.kind === "list") block.items.forEach((item) => push(stripListMarker(item)));
    else if (block.kind === "table") {
      const header = block.header.length > 0 ? cells(block.header[0]!) : [];
      const context = contentTerms(`${block.caption ?? ""} ${header.join(" ")}`);
      for (const row of block.rows) {
        const values = cells(row);
        const [first = "", ...rest] = values;
        const described = rest
          .map((value, index) => (header[index + 1] ? `${header[index + 1]}: ${value}` : value))
          .filter((part) => part.trim() !== "");
        const text = described.length > 0 ? `${first} — ${described.join("; ")}` : first;
        push(`${text}.`, context);
      }
    }
  }
  return units;
}

// Splitting and stemming a chunk is most of the cost of scoring it, and a chunk's units never change:
// they are kept per chunk id (checked against the text and heading path), for the whole index at most.
const UNIT_CACHE_LIMIT = 20_000;
const unitCache = new Map<string, { text: string; heading: string; units: ChunkUnit[] }>();

function unitsOf(chunk: RetrievedChunk): ChunkUnit[] {
  const heading = chunk.headingPath.join("\u0000");
  const cached = unitCache.get(chunk.chunkId);
  if (cached && cached.text === chunk.text && cached.heading === heading) return cached.units;
  const units = splitChunk(chunk);
  if (unitCache.size >= UNIT_CACHE_LIMIT) unitCache.delete(unitCache.keys().next().value!);
  unitCache.set(chunk.chunkId, { text: chunk.text, heading, units });
  return units;
}

/** Splits each chunk into quotable units; table rows are spelled out with their column names. */
export function evidenceUnits(chunks: RetrievedChunk[]): EvidenceUnit[] {
  return chunks.flatMap((chunk, chunkIndex) => unitsOf(chunk).map((unit) => ({ ...unit, n: chunkIndex + 1 })));
}

/** Weighted question terms: each distinct content term with its idf. */
export function questionTerms(question: string, statistics: TermStatistics): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of contentTerms(question)) weights.set(term, statistics.idf(term));
  return weights;
}

/**
 * Share of the question's weighted terms that a unit supports: a term in the unit (or in its table's
 * caption and header) counts fully, a term only in its heading path counts half. 0 = nothing in
 * common, 1 = all of it.
 */
export function coverage(unit: EvidenceUnit, weights: Map<string, number>): number {
  let total = 0;
  let covered = 0;
  for (const [term, weight] of weights) {
    total += weight;
    if (unit.terms.has(term) || unit.tableTerms.has(term)) covered += weight;
    else if (unit.contextTerms.has(term)) covered += weight * 0.5;
  }
  return total === 0 ? 0 : covered / total;
}

/** The unit of a chunk that best supports a piece of text (an answer sentence), as a short quote. */
export function bestSnippet(chunk: RetrievedChunk, reference: string, statistics: TermStatistics, maxLength = 300): string {
  const weights = questionTerms(reference, statistics);
  const units = evidenceUnits([chunk]);
  let best: EvidenceUnit | undefined;
  let bestScore = -1;
  for (const unit of units) {
    const score = coverage(unit, weights);
    if (score > bestScore) {
      best = unit;
      bestScore = score;
    }
  }
  const text = best?.text ?? chunk.text;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}
