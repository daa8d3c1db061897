import { contentTerms } from "./tokenize.js";

/** One asked part of a question that asks several things ("What's the fee, and how do I avoid it?"). */
export interface QuestionPart {
  /** The part as a question of its own: the question's context sentences, then the part ("... What's the fee?"). */
  text: string;
  /** Content terms of the part's own words (not of the context or of the other parts). */
  own: string[];
}

// Words that open a question, in English: a question word, or a verb that opens a yes/no question.
const QUESTION_WORD = String.raw`(?:what|what's|whats|how|when|when's|where|where's|which|who|who's|whom|whose|why)\b`;
const YES_NO_VERB = String.raw`(?:is|are|am|was|were|can|could|does|do|did|will|would|should|shall|may|might|must|has|have|had)\b`;
const OPENS_QUESTION = new RegExp(`^(?:${QUESTION_WORD}|${YES_NO_VERB})`, "i");
// Where one asked clause ends and the next begins: ", and how ..." (", and roughly how ...": an adverb may come between), "; what ...", ", when is it free" (a question word after a comma).
// A yes/no verb starts a new part only after "and" or ";" ("If I buy a gift card, do I get points?" is one question); after a bare
// comma, a question word only when a verb follows it ("when is it free", not the relative "which I opened last year").
const ASKS_AFTER_COMMA = String.raw`(?:how\b|(?:what|when|where|which|who|why)(?:'s\b|\s+${YES_NO_VERB}))`;
const CLAUSE_BREAK = new RegExp(`,\\s+(?:and|but|also|plus)\\s+(?:[a-z]+ly\\s+)?(?=${QUESTION_WORD}|${YES_NO_VERB})|;\\s+(?=${QUESTION_WORD}|${YES_NO_VERB})|,\\s+(?=${ASKS_AFTER_COMMA})`, "gi");

/**
 * The parts of a question that asks more than one thing: each question sentence ("...? ...?") and each
 * clause joined by ", and how ..." or "; what ..." is a part. Sentences that ask nothing (the story
 * before the question, "Give me the numbers.") are context, kept with every part; a clause that opens
 * with no question word ("If I buy a gift card,", "Shipping to Toronto:") belongs to the part after
 * it. One part (the question itself) when it asks one thing.
 */
export function questionParts(question: string): QuestionPart[] {
  const sentences = question.split(/(?<=[.!?])\s+/).map((sentence) => sentence.trim()).filter(Boolean);
  const context = sentences.filter((sentence) => !sentence.endsWith("?"));
  const clauses: string[] = [];
  for (const sentence of sentences.filter((sentence) => sentence.endsWith("?"))) {
    let pending = "";
    for (const clause of sentence.replace(/\?$/, "").split(CLAUSE_BREAK)) {
      const joined = pending ? `${pending}, ${clause}` : clause;
      // A clause that asks nothing of its own leads into the next one.
      if (!OPENS_QUESTION.test(clause.trim()) && !OPENS_QUESTION.test(joined.replace(/^.*[:,]\s+/, ""))) {
        pending = joined;
        continue;
      }
      pending = "";
      clauses.push(joined);
    }
    if (pending) {
      if (clauses.length > 0) clauses[clauses.length - 1] += `, ${pending}`;
      else clauses.push(pending);
    }
  }
  if (clauses.length < 2) return [{ text: question, own: contentTerms(question) }];
  const lead = context.length > 0 ? `${context.join(" ")} ` : "";
  return clauses.map((clause) => ({ text: `${lead}${clause.trim()}?`, own: contentTerms(clause) }));
}
