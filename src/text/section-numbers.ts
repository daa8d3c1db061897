import { contentTerms } from "./tokenize.js";

// "section 6", "Section 5.7", "clause 12.1", "article 3", "§ 4.2": a numbered part of a document the question names.
const ASKED_SECTION = /(?:\b(section|clause|article|paragraph)s?|(§))\s*(\d+(?:\.\d+)*)(?![\d.]*\d)/gi;

// A heading that opens with its section's number ("6. Chronic Failure", "5.7 Effect of Termination", "Section 6 - Fees").
const HEADING_NUMBER = /^(?:(?:section|clause|article|paragraph|§)\s*)?(\d{1,3}(?:\.\d{1,3})*)(?:[.)]|\s|$)/i;

/** A numbered section the question names: the word it is called by and its number ("section 5.7" -> "section", "5.7"). */
export interface AskedSection {
  /** Content terms of the word ("section"); none for "§". */
  terms: string[];
  number: string;
}

/** The numbered sections a text names ("What does MSA section 5.7 say ...?" -> section 5.7). */
export function askedSections(text: string): AskedSection[] {
  return [...text.matchAll(ASKED_SECTION)].map((match) => ({ terms: match[1] ? contentTerms(match[1]) : [], number: match[3]! }));
}

/** The number a heading opens with ("5.7 Effect of Termination" -> "5.7", "6. Chronic Failure" -> "6"), if any. */
export function headingNumber(heading: string): string | undefined {
  return HEADING_NUMBER.exec(heading.trim())?.[1];
}

/**
 * The terms of the asked sections a chunk's headings are ("section" and "6" for a chunk under "6.
 * Chronic Failure" when the question asks about section 6): the chunk is that section, whether or
 * not its text says so.
 */
export function sectionTermsOf(headings: readonly string[], asked: readonly AskedSection[]): string[] {
  if (asked.length === 0) return [];
  const numbers = new Set(headings.map(headingNumber).filter((number): number is string => number !== undefined));
  return asked.filter((section) => numbers.has(section.number)).flatMap((section) => [...section.terms, ...contentTerms(section.number)]);
}

/** The section numbers a text names: "section 6 and clause 10.2" -> 6, 10.2 (`askedSections`' numbers). */
export function sectionsNamed(text: string): Set<string> {
  return new Set(askedSections(text).map((section) => section.number));
}

/** The section numbers a heading path carries: each heading's own number, and any section its text names ("Notice of Non-Renewal (MSA Section 5.3)"). */
export function headingSections(headingPath: readonly string[]): Set<string> {
  const numbers = new Set<string>();
  for (const heading of headingPath) {
    const own = headingNumber(heading);
    if (own) numbers.add(own);
    for (const named of sectionsNamed(heading)) numbers.add(named);
  }
  return numbers;
}

/** True when a heading path is (or sits under, or names) a section the question names by number. */
export function inNamedSection(headingPath: readonly string[], named: ReadonlySet<string>): boolean {
  if (named.size === 0) return false;
  for (const number of headingSections(headingPath)) if (named.has(number)) return true;
  return false;
}
