import { splitSentences } from "./sentences.js";

/**
 * A clause of the asker's own story at the start of a question sentence, up to the comma before the
 * question ("I've been a member since 2015, can I ...?", "We signed in 2024, so when ...?"): it starts
 * with the asker ("I", "we", "my", "our") and what follows the comma asks (a question word or an
 * auxiliary verb, after an optional "so", "and" or "but").
 */
const STORY_CLAUSE =
  /^(?:(?:i|i'm|i've|i'd|we|we're|we've|we'd|my|our)\b[^,;?]*[,;]\s*)+(?=(?:(?:so|and|but|then)\s+)?(?:what|which|when|where|who|whom|whose|why|how|is|are|am|was|were|can|could|do|does|did|will|would|should|shall|may|might|must|has|have|had)\b)/i;

/**
 * The part of a question that asks: its sentences that end with "?" (all of them when none does),
 * each without a leading clause of the asker's story. A year in the story ("I opened the account in
 * 2019. Can I ...?", "I've been a member since 2015, can I ...?") is a given, not the period asked about.
 */
export function askedText(question: string): string {
  const sentences = splitSentences(question);
  const asking = sentences.filter((sentence) => sentence.trimEnd().endsWith("?"));
  return (asking.length > 0 ? asking : sentences).map((sentence) => sentence.replace(STORY_CLAUSE, "")).join(" ");
}

/**
 * A leading condition of a question sentence, up to the comma before the question ("If nobody
 * terminates it early, when does the NDA expire?", "Once I apply for a mortgage, how fast ...?"): the
 * case the asker supposes, which the passage stating the rule need not repeat word for word.
 */
const CONDITION_CLAUSE =
  /^(?:if|once|unless|suppose|supposing|assuming)\b[^,;?]*[,;]\s*(?=(?:(?:so|and|but|then)\s+)?(?:what|which|when|where|who|whom|whose|why|how|is|are|am|was|were|can|could|do|does|did|will|would|should|shall|may|might|must|has|have|had)\b)/i;

/**
 * The part of a question that asks, without the case it supposes: `askedText`, each sentence also
 * without a leading condition ("If nobody terminates it early, when does the NDA expire?" -> "when
 * does the NDA expire?"). For telling whether a passage answers it; a year in a condition is still
 * a period asked about (`askedText` keeps it).
 */
export function askedWithoutCondition(question: string): string {
  return splitSentences(askedText(question))
    .map((sentence) => sentence.replace(CONDITION_CLAUSE, ""))
    .join(" ");
}
