import type { QuestionRewriter, RewriteInput, RewriteResult } from "./question-rewriter.js";

// Words that end a noun phrase: determiners, pronouns, prepositions, question words, auxiliaries.
const DETERMINERS = new Set(["the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "its", "their", "his", "her"]);
const PREPOSITIONS = new Set(["on", "for", "of", "in", "at", "to", "from", "with", "by", "about", "under", "over", "after", "before", "during", "between", "into", "per", "via", "than", "within"]);
const QUESTION_STARTS = new Set([
  "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "is", "are", "was", "were", "do", "does", "did", "can", "could",
  "should", "would", "will", "may", "might", "must", "have", "has", "had", "i", "if", "tell", "list", "explain", "describe", "give", "show",
]);
const OTHER_FUNCTION_WORDS = new Set([
  "be", "been", "being", "you", "we", "they", "it", "he", "she", "me", "us", "them", "and", "or", "but", "so", "not", "no", "there", "much",
  "many", "long", "any", "some", "each", "every", "also", "too", "get", "pay", "need", "want",
]);
const PRONOUNS = new Set(["it", "they", "them"]);
// "this" and "that" are pronouns only when no noun follows ("is that free?", not "that account").
const DEMONSTRATIVES = new Set(["this", "that", "these", "those"]);
const POSSESSIVE_PRONOUNS = new Set(["its", "their"]);
// "and for ...", "what about ...", "and how about ...": the follow-up only names what changed.
const CONNECTOR = /^(?:(?:and|also|plus|but|or|then)\s+)?(?:(?:what|how)\s+about|same\s+(?:question\s+)?for|what\s+if)\b\s*|^(?:and|also|plus|but|or|then)\b\s*/i;

const bare = (token: string): string => token.toLowerCase().replace(/^[^\w$%]+|[^\w$%]+$/g, "");
const isFunctionWord = (token: string): boolean => {
  const word = bare(token);
  return word === "" || DETERMINERS.has(word) || PREPOSITIONS.has(word) || QUESTION_STARTS.has(word) || OTHER_FUNCTION_WORDS.has(word);
};
/** "accounts" and "account" name the same thing. */
const headKey = (token: string): string => bare(token).replace(/(?<=[a-z]{3}[^s])s$/, "");

interface NounPhrase {
  /** Index of the determiner before the phrase, or of its first word when there is none. */
  start: number;
  /** Index of the first content word. */
  first: number;
  /** Exclusive end. */
  end: number;
  hasDeterminer: boolean;
}

/** Maximal runs of content words, each with the determiner just before it. */
function nounPhrases(tokens: string[]): NounPhrase[] {
  const phrases: NounPhrase[] = [];
  let index = 0;
  while (index < tokens.length) {
    if (isFunctionWord(tokens[index]!)) {
      index += 1;
      continue;
    }
    const first = index;
    while (index < tokens.length && !isFunctionWord(tokens[index]!)) index += 1;
    const hasDeterminer = first > 0 && DETERMINERS.has(bare(tokens[first - 1]!));
    phrases.push({ start: hasDeterminer ? first - 1 : first, first, end: index, hasDeterminer });
  }
  return phrases;
}

const words = (text: string): string[] => text.trim().replace(/[?.!\s]+$/, "").split(/\s+/).filter(Boolean);
const sentence = (tokens: string[]): string => {
  const text = tokens.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}?`;
};

/** "24-month" and "12-month", "2025" and "2024": same shape, other numbers. */
const numberShape = (token: string): string | undefined => (/\d/.test(token) ? bare(token).replace(/\d+(?:[.,]\d+)*/g, "0") : undefined);

interface Replacement {
  /** First and last (inclusive) token of the previous question to replace. */
  from: number;
  to: number;
  with: string[];
}

/** Where a phrase of the follow-up goes in the previous question: the phrase with the same head word, or the number of the same shape. */
function matchPhrase(previous: string[], targets: NounPhrase[], phrase: string[]): Replacement | undefined {
  const contentStart = DETERMINERS.has(bare(phrase[0]!)) ? 1 : 0;
  const head = headKey(phrase.at(-1)!);
  for (const target of targets) {
    for (let index = target.first; index < target.end; index += 1) {
      if (headKey(previous[index]!) !== head) continue;
      const keepDeterminer = target.hasDeterminer && contentStart === 0;
      return { from: keepDeterminer ? target.first : target.start, to: index, with: phrase };
    }
  }
  const shape = phrase.length - contentStart === 1 ? numberShape(phrase.at(-1)!) : undefined;
  if (shape === undefined) return undefined;
  const index = previous.findIndex((token) => numberShape(token) === shape);
  return index < 0 ? undefined : { from: index, to: index, with: phrase.slice(contentStart) };
}

/**
 * An elliptical follow-up ("and for the premium account?"): its noun phrases replace the matching ones
 * of the previous question. A phrase that matches nothing replaces the phrase after the same
 * preposition ("and in 2024?"), else the last phrase when it came with a preposition, else the first
 * ("and revenue?" after "What was net income in 2025?").
 */
function substitutePhrases(previous: string[], remainder: string[], preposition: string | undefined): string[] {
  const result = [...previous];
  const targets = nounPhrases(previous);
  const replacements: Replacement[] = [];
  const unmatched: NounPhrase[] = [];
  for (const phrase of nounPhrases(remainder)) {
    const replacement = matchPhrase(previous, targets, remainder.slice(phrase.start, phrase.end));
    if (replacement) replacements.push(replacement);
    else unmatched.push(phrase);
  }
  if (replacements.length === 0 && unmatched.length > 0 && targets.length > 0) {
    const phrase = unmatched.shift()!;
    const afterPreposition = preposition ? targets.filter((target) => target.start > 0 && bare(previous[target.start - 1]!) === preposition).at(-1) : undefined;
    const target = afterPreposition ?? (preposition ? targets.at(-1)! : targets[0]!);
    const words = remainder.slice(phrase.start, phrase.end);
    const keepDeterminer = target.hasDeterminer && !DETERMINERS.has(bare(words[0]!));
    replacements.push({ from: keepDeterminer ? target.first : target.start, to: target.end - 1, with: words });
  }
  // Replace from the end so earlier indexes stay valid.
  replacements.sort((a, b) => b.from - a.from);
  for (const replacement of replacements) result.splice(replacement.from, replacement.to + 1 - replacement.from, ...replacement.with);
  // New phrases that replaced nothing ("... in 2026") are added with the preposition before them.
  for (const phrase of unmatched) {
    const before = phrase.start > 0 && PREPOSITIONS.has(bare(remainder[phrase.start - 1]!)) ? phrase.start - 1 : phrase.start;
    result.push(...remainder.slice(before, phrase.end));
  }
  return result;
}

/** A follow-up that refers back with a pronoun ("can it be waived?"): the pronoun becomes the previous question's last noun phrase. */
function substitutePronouns(tokens: string[], previous: string[]): string[] | undefined {
  const topic = nounPhrases(previous).at(-1);
  if (!topic) return undefined;
  const topicWords = previous.slice(topic.start, topic.end);
  // "your account" asked before becomes "the account" when referred back to; a name stays bare ("Harbor Send").
  if (topic.hasDeterminer && bare(topicWords[0]!) !== "the") topicWords[0] = "the";
  let changed = false;
  const result = tokens.flatMap((token, index) => {
    const word = bare(token);
    const next = tokens[index + 1];
    const standsAlone = next === undefined || isFunctionWord(next);
    if (POSSESSIVE_PRONOUNS.has(word)) {
      changed = true;
      return [...topicWords.slice(0, -1), `${topicWords.at(-1)}'s`];
    }
    if (PRONOUNS.has(word) || (DEMONSTRATIVES.has(word) && standsAlone)) {
      changed = true;
      return topicWords;
    }
    return [token];
  });
  return changed ? result : undefined;
}

/** Rewrites one follow-up against the standalone question before it. */
export function rewriteFollowUp(question: string, previousQuestion: string): string {
  const tokens = words(question);
  const previous = words(previousQuestion);
  if (tokens.length === 0 || previous.length === 0) return question.trim();
  const text = tokens.join(" ");
  const connector = CONNECTOR.exec(text);
  const remainder = connector ? words(text.slice(connector[0].length)) : tokens;
  const startsLikeQuestion = QUESTION_STARTS.has(bare(remainder[0] ?? ""));
  const elliptical = remainder.length > 0 && ((connector !== null && !startsLikeQuestion) || (!startsLikeQuestion && remainder.length <= 5));
  if (elliptical) {
    const preposition = PREPOSITIONS.has(bare(remainder[0]!)) ? bare(remainder[0]!) : undefined;
    return sentence(substitutePhrases(previous, preposition ? remainder.slice(1) : remainder, preposition));
  }
  const resolved = substitutePronouns(remainder, previous);
  return resolved ? sentence(resolved) : question.trim();
}

/**
 * The offline rewriter: deterministic rules, no model. Each earlier user question is resolved
 * against the one before it, then the follow-up against the last of them.
 * Example: "What is the monthly fee on the basic checking account?" then "and for the premium account?"
 * -> "What is the monthly fee on the premium account?"
 */
export function createOfflineRewriter(): QuestionRewriter {
  return {
    name: "offline",
    async rewrite({ question, history }: RewriteInput): Promise<RewriteResult> {
      let previous: string | undefined;
      for (const turn of history) {
        if (turn.role !== "user" || turn.content.trim() === "") continue;
        previous = previous === undefined ? turn.content.trim() : rewriteFollowUp(turn.content, previous);
      }
      return { question: previous === undefined ? question.trim() : rewriteFollowUp(question, previous), warnings: [] };
    },
  };
}
