import { STOP_WORDS } from "./tokenize.js";
import { onlyModifier } from "./wordnet.js";

// "How do I order ...", "how can we go about claiming ...", "how to cancel ...", "where can I get ...": the verb after the asking words.
const ASKED_ACTION = /\bhow (?:do|can|should|would|could|must) (?:i|we|you|one)\s+(?:go about\s+)?([a-z]+)|\bhow to\s+([a-z]+)|\bwhere (?:do|can) (?:i|we)\s+([a-z]+)/i;

// Words that open the object of the action without describing it: articles, possessives, "some".
const DETERMINER = /^(?:a|an|the|my|our|your|their|his|her|its|some|any|this|that|these|those)$/i;

/** Words of an object read for bare adjectives, at most. */
const OBJECT_WORDS = 4;

/** The action a procedure question asks how to do, lower-cased: "How do I order new checks?" -> "order". */
export function askedAction(question: string): string | undefined {
  return actionMatch(question)?.verb;
}

function actionMatch(question: string): { verb: string; end: number } | undefined {
  const match = ASKED_ACTION.exec(question);
  if (!match) return undefined;
  const verb = (match[1] ?? match[2] ?? match[3])!.toLowerCase();
  return STOP_WORDS.has(verb) ? undefined : { verb, end: match.index + match[0].length };
}

/**
 * A procedure question without the bare adjectives of its action's object ("How do I order new checks?"
 * -> "How do I order checks?"): the passage that says how it is done names the thing, not each quality
 * the asker gives it ("You can order checks through online banking ..."). An adjective here is a word
 * WordNet lists only as an adjective (`onlyModifier`: "new", "online", "additional", never "lost",
 * which is also a noun), standing before another word of the object, which runs from the action verb
 * to the first word that is not a determiner or a content word (a preposition, punctuation). Words
 * `keep` holds (names the corpus uses: "Everyday Checking") stay. Any other question is unchanged.
 */
export function withoutBareModifiers(question: string, keep: (word: string) => boolean = () => false): string {
  const action = actionMatch(question);
  if (!action) return question;
  const rest = question.slice(action.end);
  const words = [...rest.matchAll(/\s+([A-Za-z][\w'-]*)(?=(\s+[A-Za-z])?)/gy)];
  let read = 0;
  let cut = "";
  let position = 0;
  for (const word of words) {
    const text = word[1]!;
    const lower = text.toLowerCase();
    const followed = word[2] !== undefined;
    const span = word[0];
    position += span.length;
    if (DETERMINER.test(lower)) { cut += span; continue; }
    if (STOP_WORDS.has(lower) || read >= OBJECT_WORDS) { cut += span; break; }
    read += 1;
    if (followed && /^[a-z]/.test(text) && !keep(lower) && onlyModifier(lower)) continue;
    cut += span;
  }
  // "an additional savings account" -> "a savings account": the article agrees with the word now after it.
  const agreed = cut.replace(/\b(an?)(\s+)([A-Za-z])/gi, (_, article: string, space: string, next: string) => `${/[aeiou]/i.test(next) ? article.slice(0, 1) + "n" : article.slice(0, 1)}${space}${next}`);
  return question.slice(0, action.end) + agreed + rest.slice(position);
}
