import type { RetrievedChunk } from "../retrieval/types.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { contentTerms } from "../text/tokenize.js";
import { coverage, type EvidenceUnit, evidenceUnits, questionTerms, termBigrams } from "./evidence.js";
import { type AnswerDraft, type AnswerInput, type Answerer, refusalText } from "./types.js";

export interface ExtractiveSettings {
  /** Minimum evidence (share of weighted question terms supported by one unit) to answer at all. */
  minEvidence: number;
  /** Most units (sentences, items, rows) quoted in one answer. */
  maxSentences: number;
  /** How many of the top retrieved chunks to read. */
  readChunks: number;
  /** Describes the corpus in refusals ("Cobalt Harbor Bank documents"). */
  corpusDescription: string;
}

// Questions that ask for an amount, a rate, a count, a duration or a date.
const WANTS_NUMBER = /\b(how (much|many|long|soon|often|old)|what (is|are|was|were) the (fee|rate|cost|price|limit|amount|apr|apy|minimum|maximum|penalty|deadline)|fee|rate|apr|apy|cost|percentage|limit|when|deadline|minimum|maximum)\b/i;
const HAS_NUMBER = /[$%]|\d/;

interface ScoredUnit {
  unit: EvidenceUnit;
  coverage: number;
  score: number;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Scores every unit of the chunks against the question. A unit's coverage blends its own coverage
 * with its chunk's (so "the $12 fee" in the section about the account the question names beats the
 * same words elsewhere); evidence is the best unit's blended coverage.
 */
export function scoreUnits(question: string, chunks: RetrievedChunk[], statistics: TermStatistics): ScoredUnit[] {
  const weights = questionTerms(question, statistics);
  const wantsNumber = WANTS_NUMBER.test(question);
  const questionBigrams = termBigrams(contentTerms(question));
  const units = evidenceUnits(chunks);
  // A chunk's words are its units' words plus their heading path and table headers (all cached per chunk).
  const chunkTerms = chunks.map(() => new Set<string>());
  for (const unit of units) {
    const terms = chunkTerms[unit.n - 1]!;
    for (const set of [unit.terms, unit.contextTerms, unit.tableTerms]) for (const term of set) terms.add(term);
  }
  const chunkCoverage = chunkTerms.map((terms) =>
    coverage({ n: 0, position: 0, text: "", terms, contextTerms: new Set(), tableTerms: new Set(), bigrams: new Set() }, weights),
  );
  return units.map((unit) => {
    const unitCoverage = 0.6 * coverage(unit, weights) + 0.4 * chunkCoverage[unit.n - 1]!;
    const chunk = chunks[unit.n - 1]!;
    // A unit that only repeats the question's words tells the user nothing new.
    let novel = 0;
    for (const term of unit.terms) if (!weights.has(term)) novel += 1;
    let phrases = 0;
    for (const pair of questionBigrams) if (unit.bigrams.has(pair)) phrases += 1;
    const score =
      unitCoverage +
      0.05 * Math.min(phrases, 3) +
      0.2 * Math.max(0, chunk.score) +
      0.05 / chunk.rank +
      (wantsNumber && HAS_NUMBER.test(unit.text) ? 0.1 : 0) -
      (novel < 3 ? 0.1 : 0);
    return { unit, coverage: unitCoverage, score };
  });
}

/**
 * The offline default answerer: quotes the sentences, list items or table rows of the retrieved chunks
 * that cover the most of the question, each with its [n] citation, and refuses when no unit covers
 * enough of the question. Deterministic: same question and chunks, same answer.
 */
export function createExtractiveAnswerer(statistics: TermStatistics, settings: ExtractiveSettings): Answerer {
  return {
    name: "extractive",
    async answer(input: AnswerInput): Promise<AnswerDraft> {
      const chunks = input.chunks.slice(0, settings.readChunks);
      const scored = scoreUnits(input.question, chunks, statistics).sort(
        (a, b) => b.score - a.score || a.unit.n - b.unit.n || a.unit.position - b.unit.position,
      );
      const evidence = input.evidence ?? scored.reduce((best, entry) => Math.max(best, entry.coverage), 0);
      if (scored.length === 0 || evidence < settings.minEvidence) {
        const text = refusalText(settings.corpusDescription);
        input.onToken?.(text);
        return { text, refused: true, cited: [], usedAnswerer: "extractive", droppedCitations: 0, evidence, warnings: [] };
      }
      const best = scored[0]!;
      const chosen: ScoredUnit[] = [best];
      for (const candidate of scored.slice(1)) {
        if (chosen.length >= settings.maxSentences) break;
        if (candidate.score < best.score * 0.8) break;
        if (chosen.some((entry) => similarity(entry.unit.terms, candidate.unit.terms) > 0.7)) continue;
        chosen.push(candidate);
      }
      // Group the chosen units by source, sources in order of their best unit, units in reading order.
      const bySource = new Map<number, EvidenceUnit[]>();
      for (const entry of chosen) bySource.set(entry.unit.n, [...(bySource.get(entry.unit.n) ?? []), entry.unit]);
      const parts: string[] = [];
      const cited: AnswerDraft["cited"] = [];
      for (const [n, units] of bySource) {
        const ordered = units.sort((a, b) => a.position - b.position).map((unit) => unit.text);
        parts.push(`${ordered.join(" ")} [${n}]`);
        cited.push({ n, snippet: ordered.join(" … ") });
      }
      const text = parts.join(" ");
      input.onToken?.(text);
      return { text, refused: false, cited, usedAnswerer: "extractive", droppedCitations: 0, evidence, warnings: [] };
    },
  };
}
