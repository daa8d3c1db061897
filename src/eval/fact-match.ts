import { unifyTypography } from "../text/normalise.js";
import type { Fact } from "./eval-set.js";

/**
 * Normalises text so equal facts match however they are written: case, quotes and dashes,
 * thousands separators, trailing decimal zeros ("$12.00" = "$12", "0.40%" = "0.4%"),
 * "percent" = "%", "12 dollars" = "$12".
 */
export function normaliseForMatch(text: string): string {
  let normalised = unifyTypography(text.toLowerCase());
  while (/(\d),(\d{3})(?!\d)/.test(normalised)) normalised = normalised.replace(/(\d),(\d{3})(?!\d)/g, "$1$2");
  normalised = normalised
    .replace(/(\d+)\.(\d*?)0+(?!\d)/g, (_match, whole: string, decimals: string) => (decimals ? `${whole}.${decimals}` : whole))
    .replace(/\s*(?:per ?cent|percent)\b/g, "%")
    .replace(/\$\s+(?=\d)/g, "$")
    .replace(/(?<![$\d.])(\d+(?:\.\d+)?) (?:us )?dollars?\b/g, "$$$1");
  return normalised.trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regular expression for the normalised needle, not as part of a longer word or number. */
function termPattern(needle: string, flags = ""): RegExp {
  // A bare number may follow a currency sign ("5.7" is stated by "$5.7 million"), never another digit or a decimal point.
  const before = /^\d/.test(needle) ? "(?<![\\w.])" : /^[\w$]/.test(needle) ? "(?<![\\w.$])" : "";
  const after = /[\w%]$/.test(needle) ? "(?![\\w%]|\\.\\d)" : "";
  return new RegExp(`${before}${escapeRegExp(needle)}${after}`, flags);
}

/** True when the normalised needle occurs in the normalised text, not as part of a longer word or number. */
function containsTerm(text: string, needle: string): boolean {
  return needle !== "" && termPattern(needle).test(text);
}

// Words right before a value that make it the old one: "down from 4.35%", "instead of $35", "compared with $24.6 million", "before: 60 days",
// "the earlier $6.95 label and 15% fee" (a decimal point inside a number does not end the phrase).
const OLD_BEFORE = /\b(?:from|instead of|rather than|compared (?:with|to)|versus|vs\.?|previously|formerly|used to be|was|were|had been|before|prior|earlier|original(?:ly)?|old|superseded|replaced)\b(?:[^.;!?]|\.\d){0,40}$/;
// Words right after a value that make it the old one: "at least 60 days ... is replaced with".
const OLD_AFTER = /^[^.;!?]{0,40}\b(?:is|was|are|were) (?:replaced|superseded|no longer)\b/;

/** True when the needle occurs at least once as a current value, not only as an older one it is compared with. */
function statesAsCurrent(text: string, needle: string): boolean {
  if (needle === "") return false;
  for (const match of text.matchAll(termPattern(needle, "g"))) {
    const before = text.slice(Math.max(0, match.index - 60), match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 60);
    if (!OLD_BEFORE.test(before) && !OLD_AFTER.test(after)) return true;
  }
  return false;
}

/**
 * Whether an answer states a forbidden fact (a superseded value) as current: a mention as the older
 * side of a change ("down from 4.35%", "instead of 60 days", "compared with $24.6 million") does not count.
 */
export function statesForbidden(answer: string, fact: Fact): boolean {
  const text = normaliseForMatch(answer);
  const candidates = typeof fact === "string" ? [fact] : [fact.value, ...fact.aliases];
  if (candidates.some((candidate) => statesAsCurrent(text, normaliseForMatch(candidate)))) return true;
  return typeof fact !== "string" && fact.regex !== undefined && !candidates.some((candidate) => containsTerm(text, normaliseForMatch(candidate))) && new RegExp(fact.regex, "i").test(answer);
}

/** Whether an answer states a fact (its value, any alias, or its regex). */
export function matchesFact(answer: string, fact: Fact): boolean {
  const text = normaliseForMatch(answer);
  if (typeof fact === "string") return containsTerm(text, normaliseForMatch(fact));
  if ([fact.value, ...fact.aliases].some((candidate) => containsTerm(text, normaliseForMatch(candidate)))) return true;
  return fact.regex !== undefined && new RegExp(fact.regex, "i").test(answer);
}

export function factLabel(fact: Fact): string {
  return typeof fact === "string" ? fact : fact.value;
}

/** SQuAD-style token F1 between an answer and a reference (lower-cased words, punctuation and articles dropped). */
export function tokenF1(answer: string, reference: string): number {
  const tokens = (text: string) =>
    normaliseForMatch(text)
      .replace(/\[\d+\]/g, " ")
      .replace(/[^\p{L}\p{N}$%.\s]/gu, " ")
      .replace(/(?<!\d)\.|\.(?!\d)/g, " ")
      .split(/\s+/)
      .filter((token) => token !== "" && !["a", "an", "the"].includes(token));
  const predicted = tokens(answer);
  const gold = tokens(reference);
  if (predicted.length === 0 || gold.length === 0) return predicted.length === gold.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const token of gold) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      shared += 1;
      counts.set(token, left - 1);
    }
  }
  if (shared === 0) return 0;
  const precision = shared / predicted.length;
  const recall = shared / gold.length;
  return (2 * precision * recall) / (precision + recall);
}
