/**
 * Questions that ask why something happened, and chunks that say why. Such a question's asking words
 * ("What caused", "Why did", "What was the reason for") are not what the answer says: the answer
 * states the cause with a connective ("due to", "driven by", "as a result of"). So the asking words do
 * not search, and a chunk that states a cause is preferred. English function words only: nothing here
 * names a corpus's subject.
 */

// The words that only ask for a reason, at the start of the question: "Why did", "What caused", "What was the main reason for".
const REASON_WORDS =
  /^\s*(?:why(?:\s+(?:did|does|do|was|were|is|are|has|have|had)(?:\s+there)?)?|for what reason|what (?:was|is|were|are) the (?:main |primary |key )?(?:reasons?|causes?|drivers?)(?:\s+(?:for|of|behind))?|what (?:caused|drove|led to|explains|was behind|accounts? for|contributed to|resulted in)|(?:what|which) (?:factors?|reasons?))\b\s*/i;

/** True when the question asks why something happened (a reason, a cause, what drove or led to it). */
export function asksForReason(question: string): boolean {
  return REASON_WORDS.test(question);
}

/** The question without its words that only ask for a reason ("What caused the increase in X?" -> "the increase in X?"); unchanged for any other question, or when nothing would be left. */
export function withoutReasonWords(question: string): string {
  const match = REASON_WORDS.exec(question);
  if (!match) return question;
  const rest = question.slice(match[0].length);
  return /[\p{L}\p{N}]/u.test(rest) ? rest : question;
}

// English connectives that state a cause: "due to", "driven by", "as a result of", "because", "attributable to"...
const REASON_STATED =
  /\b(?:due (?:primarily |mainly |largely |partly |principally |in part )?to|driven (?:primarily |mainly |largely |partly |principally )?by|a (?:direct )?result of|result(?:ed|ing|s)? from|because|attributable to|caused by|owing to|reflect(?:s|ed|ing)|led to|contributed to|offset by)\b/i;

/** True when the text states a cause in so many words. */
export function statesReason(text: string): boolean {
  return REASON_STATED.test(text);
}
