import type { ValueKind } from "./values.js";

// Question forms that ask for one kind of value, in English: shared by retrieval (which chunks state such a value) and the answer type.
/** "How long", "how soon", "how many days", "within how ...": a duration. */
export const HOW_LONG = /\bhow (?:long|soon)\b|\bhow many (?:more )?(?:seconds|minutes|hours|days|weeks|months|years|business days|calendar days)\b|\bwithin how\b/i;
/** "How much", "what does it cost", "what is the price": an amount (money, unless the corpus states other measures near the question's words). */
export const HOW_MUCH = /\bhow much\b|\bwhat (?:does|do|did|would|will) .{0,60}\bcost\b|\bhow expensive\b|\bwhat(?:'s| is) the (?:price|cost)\b/i;
/** "What percentage", "what share", "what rate": a percentage. */
export const PERCENT = /\bwhat (?:percentage|percent|share|proportion)\b|\bhow many percent\b|\bwhat (?:%|rate)\b/i;

/** The value kinds a question's form can ask for (`askedValueKind`). */
export type AskedValueKind = Extract<ValueKind, "duration" | "percent" | "money">;
export const ASKED_VALUE_KINDS: readonly AskedValueKind[] = ["duration", "percent", "money"];

/** The value kinds a question's form asks for, without reading the corpus: a duration, a percentage, or an amount of money; undefined for any other question. */
export function askedValueKind(question: string): AskedValueKind | undefined {
  if (HOW_LONG.test(question)) return "duration";
  if (PERCENT.test(question)) return "percent";
  if (HOW_MUCH.test(question)) return "money";
  return undefined;
}
