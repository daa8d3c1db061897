/**
 * Numbered sections, as a question names them ("section 6 of the SLA", "MSA section 5.7", "§ 4.2",
 * "clause 10.3") and as a heading numbers them ("5.7 Effect of Termination", "6. Chronic Failure",
 * "Notice of Non-Renewal (MSA Section 5.3)"; a year opening a heading, "2026 Rates", is no section number).
 */

const NAMED = /(?:\b(?:sections?|clauses?|articles?|paragraphs?)|§)\s*(\d+(?:\.\d+)*)\b/gi;
const NUMBERED_HEADING = /^\s*(\d{1,3}(?:\.\d+)*)[.)]?\s+\S/;

/** The section numbers a text names: "section 6 and section 10.2" -> 6, 10.2 (a trailing dot is not part of the number). */
export function sectionsNamed(text: string): Set<string> {
  return new Set([...text.matchAll(NAMED)].map((match) => match[1]!));
}

/** The section numbers a heading path carries: each heading's own number, and any section its text names. */
export function headingSections(headingPath: readonly string[]): Set<string> {
  const numbers = new Set<string>();
  for (const heading of headingPath) {
    const own = NUMBERED_HEADING.exec(heading);
    if (own) numbers.add(own[1]!);
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
