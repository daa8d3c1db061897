import type { TermStatistics } from "../retrieval/term-statistics.js";

/** Term statistics that weigh a part's own terms `factor` times more than the rest of the question's (the subject it shares with the other parts). */
export function partStatistics(statistics: Pick<TermStatistics, "idf">, own: readonly string[], factor: number): Pick<TermStatistics, "idf"> {
  const boosted = new Set(own);
  return { idf: (term) => statistics.idf(term) * (boosted.has(term) ? factor : 1) };
}

/**
 * The question's terms only a later part asks about: not the part's own words, the context it carries,
 * or the words of the parts before it (a later part refers back to their subject: "..., and how long
 * does it last?"). The part's table rows and record fields are scored without them. "Which battery goes in the Trek 4 Pro, and how long
 * does one charge last filming in 4K30?": the first part asks for the battery, and "4K30" would draw it
 * to the battery-life field. Terms of the question that no part spells (a corrected spelling) stay.
 */
export function laterTerms(questionTerms: readonly string[], parts: readonly { textTerms: readonly string[]; own: readonly string[] }[], index: number): string[] {
  const kept = new Set(parts[index]!.textTerms);
  for (const part of parts.slice(0, index)) for (const term of part.own) kept.add(term);
  const later = new Set<string>();
  for (const part of parts.slice(index + 1)) for (const term of part.own) if (!kept.has(term)) later.add(term);
  return questionTerms.filter((term) => later.has(term));
}
