import { splitSentences } from "../text/sentences.js";
import { contentTerms, tokenize } from "../text/tokenize.js";

/**
 * The grounding check: the runtime twin of the eval's citation metrics. Each sentence of an answer
 * is read against the chunk(s) its [n] markers cite:
 * - every number it states must occur in a cited chunk (numbers compared by value: "2,500" = "2500",
 *   "2.50" = "2.5"), or be the difference, sum or ratio of two numbers it states that do;
 * - most of its key terms (content words, stemmed; at least MIN_KEY_TERM_SHARE) must occur in a cited
 *   chunk, its title or its section;
 * - a sentence without a marker takes the markers of the next marked sentence of its paragraph (a run
 *   of sentences cited once, at its end); with none, it is unsupported when it states a number or a
 *   key term;
 * - a sentence citing several chunks is checked against all of them together.
 */

/** What a sentence is checked against: chunk i is source [i + 1]. */
export interface GroundingSource {
  text: string;
  title?: string;
  section?: string;
}

export type UnsupportedReason = "no_citation" | "numbers" | "terms";

export interface SentenceCheck {
  /** The sentence without its markers. */
  sentence: string;
  /** The source numbers it was checked against (its own markers, or the ones it took). */
  sources: number[];
  supported: boolean;
  reason?: UnsupportedReason;
  /** The numbers or key terms not found in the cited sources. */
  missing: string[];
}

export interface GroundingResult {
  sentences: SentenceCheck[];
  unsupported: number;
}

/** Share of a sentence's key terms that must occur in its cited sources: paraphrase is allowed, a different topic is not. */
export const MIN_KEY_TERM_SHARE = 2 / 3;

/** Words an answer uses to relate values it quotes ("Difference: 3.85% − 3.70% = 0.15 percentage points"): not claims about the documents. */
const FRAMING_TERMS: ReadonlySet<string> = new Set(contentTerms("difference percentage points both higher lower compared"));

const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
const LEADING_MARKERS = /^(?:\s*\[\d+(?:\s*,\s*\d+)*\])+/;
/** List numbering and step enumerators the answer adds: "1. ", "2) ", "(3) ". */
const ENUMERATORS = /(?:^|\s)\(\d{1,2}\)(?=\s)|^\s*(?:[-*•]\s+)?\d{1,2}[.)]\s+/gm;

interface Unit {
  text: string;
  markers: number[];
  paragraph: number;
}

const markersIn = (text: string): number[] => [...text.matchAll(MARKER)].flatMap((match) => match[1]!.split(",").map((value) => Number(value.trim())));

/** The answer as sentences (list items and table lines are sentences too), each with its own markers. */
function unitsOf(answer: string): Unit[] {
  const units: Unit[] = [];
  answer.split(/\n\s*\n/).forEach((paragraph, index) => {
    for (const line of paragraph.split("\n")) {
      for (const piece of splitSentences(line)) {
        // A marker written after the period ("… per day. [1]") belongs to the sentence before it.
        const leading = LEADING_MARKERS.exec(piece)?.[0];
        const previous = units.at(-1);
        if (leading && previous && previous.paragraph === index) previous.markers.push(...markersIn(leading));
        const rest = leading && previous && previous.paragraph === index ? piece.slice(leading.length) : piece;
        if (rest.trim() === "") continue;
        units.push({ text: rest.trim(), markers: markersIn(rest), paragraph: index });
      }
    }
  });
  return units;
}

/** A number token by value: "2500", "2.5", "0.15". */
const numberValue = (token: string): string => String(Number(token));

function numbersOf(text: string): string[] {
  return tokenize(text.replace(MARKER, " ").replace(ENUMERATORS, " "))
    .filter((token) => /^\d/.test(token) && !Number.isNaN(Number(token)))
    .map(numberValue);
}

function keyTermsOf(text: string): string[] {
  const terms = contentTerms(text.replace(MARKER, " ").replace(ENUMERATORS, " ")).filter((term) => !/^\d/.test(term) && term.length > 1 && !FRAMING_TERMS.has(term));
  return [...new Set(terms)];
}

const decimalsOf = (value: string): number => value.split(".")[1]?.length ?? 0;

/** A number the sentence computes from two of its numbers that are grounded: their difference, sum, ratio or change in percent. */
function isDerived(value: string, grounded: string[]): boolean {
  const target = Number(value);
  const places = decimalsOf(value);
  const close = (candidate: number) => Number.isFinite(candidate) && Math.abs(candidate - target) <= 0.5 * 10 ** -places + 1e-9;
  for (const a of grounded) {
    for (const b of grounded) {
      if (a === b) continue;
      const [x, y] = [Number(a), Number(b)];
      if (close(Math.abs(x - y)) || close(x + y) || (y !== 0 && (close(x / y) || close(((x - y) / y) * 100)))) return true;
    }
  }
  return false;
}

/** Checks each sentence of an answer against the sources it cites (see the rules above). */
export function checkGrounding(answer: string, sources: readonly GroundingSource[]): GroundingResult {
  const units = unitsOf(answer);
  const sentences = units.map((unit, index): SentenceCheck => {
    const sentence = unit.text.replace(MARKER, "").replace(/\s+([.,;:!?])/g, "$1").replace(/\s{2,}/g, " ").trim();
    const taken = unit.markers.length > 0 ? unit.markers : (units.slice(index + 1).find((next) => next.paragraph === unit.paragraph && next.markers.length > 0)?.markers ?? []);
    const cited = [...new Set(taken)].filter((n) => n >= 1 && n <= sources.length);
    const numbers = [...new Set(numbersOf(unit.text))];
    const terms = keyTermsOf(unit.text);
    if (cited.length === 0) {
      const claims = [...numbers, ...terms];
      return claims.length > 0 ? { sentence, sources: [], supported: false, reason: "no_citation", missing: claims } : { sentence, sources: [], supported: true, missing: [] };
    }
    const sourceText = cited.map((n) => [sources[n - 1]!.title, sources[n - 1]!.section, sources[n - 1]!.text].filter(Boolean).join("\n")).join("\n");
    const sourceNumbers = new Set(numbersOf(sourceText));
    const grounded = numbers.filter((value) => sourceNumbers.has(value));
    const missingNumbers = numbers.filter((value) => !sourceNumbers.has(value) && !isDerived(value, grounded));
    if (missingNumbers.length > 0) return { sentence, sources: cited, supported: false, reason: "numbers", missing: missingNumbers };
    const sourceTerms = new Set(contentTerms(sourceText));
    const missingTerms = terms.filter((term) => !sourceTerms.has(term));
    if (terms.length > 0 && (terms.length - missingTerms.length) / terms.length < MIN_KEY_TERM_SHARE) {
      return { sentence, sources: cited, supported: false, reason: "terms", missing: missingTerms };
    }
    return { sentence, sources: cited, supported: true, missing: [] };
  });
  return { sentences, unsupported: sentences.filter((check) => !check.supported).length };
}

const REASONS: Record<UnsupportedReason, string> = {
  no_citation: "it cites no source",
  numbers: "not found in the cited source",
  terms: "most of its words are not in the cited source",
};

/** One warning per unsupported sentence: which sentence, which sources, and what is missing. */
export function groundingWarnings(result: GroundingResult): string[] {
  return result.sentences
    .filter((check) => !check.supported)
    .map((check) => {
      const quoted = check.sentence.length > 120 ? `${check.sentence.slice(0, 119).trimEnd()}…` : check.sentence;
      const cited = check.sources.map((n) => `[${n}]`).join("");
      const detail = check.reason === "numbers" ? `${check.missing.join(", ")} ${REASONS.numbers}` : REASONS[check.reason!];
      return `Unsupported sentence${cited ? ` (checked against ${cited})` : ""}: "${quoted}": ${detail}.`;
    });
}
