import { LruCache } from "../text/lru-cache.js";
import { contentTerms } from "../text/tokenize.js";
import { HOW_LONG, HOW_MUCH, PERCENT } from "../text/question-forms.js";
import { findValues, type ValueKind } from "../text/values.js";
import type { ValueProfile } from "./value-profile.js";

/** What kind of answer a question asks for. */
export type AnswerKind = ValueKind | "yes-no" | "procedure" | "reason" | "definition" | "list" | "who" | "other";

export interface AnswerType {
  kind: AnswerKind;
  /** The value kinds that answer it (empty: the answer is not one value). */
  values: ValueKind[];
  /** The question compares two things or two times ("A vs B", "now and before", "by how much did X change"). */
  comparison: boolean;
  /** Values the question itself states ("$900", "Monday", "24-month"): givens, not answers. */
  givens: Set<string>;
  /** The kind comes only from the corpus's words ("What is X?" where X sits near amounts), not from the question's form: a guess. */
  guessed?: true;
}

const STOP_AFTER_WH = new Set([
  "of", "on", "for", "in", "at", "to", "with", "from", "by", "about", "under", "after", "before", "between", "than",
  "do", "does", "did", "is", "are", "was", "were", "will", "would", "should", "can", "could", "may", "might", "must", "has", "have", "had",
  "i", "you", "we", "they", "it", "he", "she", "my", "your", "our", "their", "that", "this", "if", "when", "so", "actually", "really",
]);
const SKIP_AFTER_WH = new Set(["is", "are", "was", "were", "'s", "s", "the", "a", "an", "your", "my", "our", "their", "its", "kind", "type", "of"]);

/** The question sentence of a text that may tell a story first ("I opened a CD in April. What rate ...?"): the last one ending with "?". */
export function questionSentence(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/).map((sentence) => sentence.trim()).filter(Boolean);
  return [...sentences].reverse().find((sentence) => sentence.endsWith("?")) ?? sentences.at(-1) ?? text;
}

/**
 * The words that say what is asked: the noun phrase after "what/which" ("What's the monthly fee on
 * ..." -> "monthly fee"; "what fee and interest rate ..." -> "fee", "interest rate"; none for "what
 * does X reflect"), or, without "what/which", every term but the words of the values the question
 * states ("12-month" says which CD, not what about it).
 */
export function focusTerms(question: string, terms: readonly string[]): string[] {
  const sentence = questionSentence(question).toLowerCase().replace(/[’']s\b/g, " 's");
  const match = /\b(?:what|which)\b(.*)$/.exec(sentence);
  if (match) {
    const words = match[1]!.split(/[^a-z0-9'-]+/).filter(Boolean);
    let index = 0;
    while (index < words.length && SKIP_AFTER_WH.has(words[index]!)) index += 1;
    const phrase: string[] = [];
    for (; index < words.length && phrase.length < 5; index += 1) {
      if (STOP_AFTER_WH.has(words[index]!)) break;
      phrase.push(words[index]!);
    }
    // "What is included in ...": a verb, not a noun, follows; the question asks about a thing, not for a value.
    const focus = phrase[0]?.endsWith("ed") ? [] : contentTerms(phrase.join(" "));
    return focus;
  }
  const valueTerms = new Set(findValues(question).flatMap((value) => contentTerms(value.text)));
  return terms.filter((term) => !valueTerms.has(term));
}

// Question forms, in English; the value kind a bare "how much" or "what is the X" wants is read from the corpus.
const WHEN = /\bwhen\b|\bwhat (?:date|day|time|year|month)\b|\bby what (?:date|time)\b|\bwhat(?: is|['’]s) the (?:deadline|cutoff|cut-off)\b/i;
/** "What's the minimum age to ...", "At what age ...", "How old do I have to be": an age, stated as years ("at least 18 years old") or a number ("age 21"). */
const AGE = /\b(?:what|which|minimum|maximum|min|max|legal|required|youngest|oldest)\s+age\b|\bage\s+(?:limit|requirement|minimum)\b|\bhow old\b/i;
/** "What are the branch hours?", "what hours is chat open", "hours of operation": times of day. */
const HOURS = /\b(?:what|which)\s+(?:are\s+|were\s+)?(?:the\s+|your\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,3}?hours\b(?!\s+(?:of\s+)?(?:work|labou?r|credit|notice|late|delay))|\bhours\s+of\s+(?:operation|business|service)\b|\bopening\s+hours\b/i;
/** "How big is the penalty?", "how high can the rate go?": a size, of the kind the corpus states near the question's words. */
const HOW_BIG = /\bhow (?:big|large|high|low|small|steep|severe)\b/i;
/** "What did the order form charge for support?": a price, like "what does it cost" (the verb, not "what does the charge include"). */
const CHARGED = /\bwhat (?:does|do|did|would|will) .{0,60}(?<!\b(?:the|a|an|any|this|that|each|its|their) )\bcharge\b/i;
const HOW_MANY = /\bhow many\b|\bwhat(?:'s| is) the (?:number|count) of\b/i;
/** "What paperwork do I need", "what would we ...": a question for what it takes opens so; "need to know / pay / do" asks something else. */
const WHAT_DO_I = String.raw`what (?:[\w-]+ ){0,2}(?:do|does|will|would) (?:i|we|you|one)`;
const NOT_TO_KNOW = String.raw`(?! to (?:know|pay|do)\b)`;
/** A question for what it takes, in English ("what paperwork do I need?", "what are the requirements?"), not for what to know or pay. */
export const ASKS_NEEDED = new RegExp(String.raw`\b${WHAT_DO_I} need\b${NOT_TO_KNOW}|\bwhat (?:[\w-]+ ){0,2}(?:is|are) (?:required|needed)\b|\b(?:the|any|your) requirements\b`, "i");
/**
 * A question for a procedure: how to do it ("how do I ...", "what's the process"), or what it takes
 * ("what paperwork do I need?", "what do I need to bring?"): the steps or requirements a passage lists.
 */
const PROCEDURE = new RegExp(
  String.raw`(?:^|[,;]\s*|\b(?:so|and|but|now|then)\s+)(?:how (?:do|can|should|would|could) (?:i|we|you|one|a customer|customers)\b|${WHAT_DO_I} (?:need|have to (?:bring|provide|show|send|submit))\b${NOT_TO_KNOW}|^(?:how to\b|what(?:['’]s| is| are)?(?: the)? (?:steps|process|procedure)\b|what (?:should|do|must) (?:i|we) (?:need to |have to )?do\b|where (?:do|can) i\b))`,
  "i",
);
/** "Who is ...", "Who signed ...", "Whom should I contact": a person or an organisation ("Who's eligible" and "who can ..." ask for a group: the rule). */
const WHO = /^(?:who|whom)\b(?!\s+(?:can|may|is eligible|are eligible|qualifies|qualify)\b)/i;
const YES_NO = /^(?:is|are|am|was|were|can|could|does|do|did|will|would|should|shall|may|might|must|has|have|had)\b/i;
const LIST = /^(?:list\b|name\b|which (?:\w+ ){0,3}(?:are|have|include|qualify)\b|what (?:\w+ ){0,2}(?:are|does .* include|options|types|kinds|ways|methods|requirements|documents)\b)/i;
const DEFINITION = /^(?:what(?:'s| is| are) (?:an? |the )?[\w-]+(?: [\w-]+){0,3}\??$|define\b|what does [\w" -]+ mean\b)/i;
/** Comparative adjectives that ask which of two is more, with or without "than" ("Is X or Y covered longer?"). */
const COMPARATIVES = String.raw`(?<!\b(?:no|any) )longer|shorter|sooner|faster|slower|larger|smaller|bigger|heavier|lighter`;
/** "Which lasts longer", "which one is shorter": how long, asked as a comparison ("no longer" is not one). */
const LONGER = /\b(?:(?<!\b(?:no|any) )longer|shorter|sooner)\b/i;
const COMPARISON = new RegExp(
  String.raw`\b(?:compare[sd]?|comparison|versus|vs\.?|differ(?:ence|ent)?|change[sd]?|increase[sd]?|decrease[sd]?|(?:go|goes|gone|went|going) (?:up|down)|(?:rose|risen|fell|fallen|grew|grown|dropped|declined|improved|worsened)|higher|lower|cheaper|more expensive|better|worse|${COMPARATIVES}|than|between .+ and)\b|\b(?:now|today|currently)\b.+\b(?:before|previous|prior|earlier|under the|used to)\b`,
  "i",
);
const SIDE_MARKER = /\b(?:compared? (?:with|to)|versus|vs\.?|than|or)\s+(?:the\s+|a\s+|an\s+)?([^\s,?]+)/gi;

/**
 * True when a comparison names two things ("X compared with Y", "X or Y", "X versus Y"), not one thing
 * at two times ("How much did X decrease compared to 2018?", "than the year before") or the change of
 * one thing ("How much did X decrease?").
 */
export function namesTwoSides(question: string): boolean {
  return [...questionSentence(question).matchAll(SIDE_MARKER)].some(([, word]) => !/\d/.test(word!) && !/^(?:same|previous|prior|last|year|quarter|month|before|earlier)$/i.test(word!));
}
/** One word that only says a question compares ("compared", "versus", "cheaper", "higher"). */
export const COMPARISON_CUE = new RegExp(
  `^(?:compare[sd]?|comparing|comparison|versus|vs\\.?|differ(?:ence|ent|s)?|change[sd]?|increase[sd]?|decrease[sd]?|higher|lower|cheaper|more|less|better|worse|${COMPARATIVES}|than|between)$`,
  "i",
);
/** "How is X computed?", "What is X used for?": asks for the manner or the purpose, in words, not for a value. */
const MANNER = /^how (?:is|are|was|were|does|do|did|will|would|should|can)\b(?!.*\b(?:much|many|long|often|far|big|large|old)\b)|\bused for\??$/i;
const BY_HOW_MUCH = /\bby how (?:much|many)\b/i;
const WHY = /^(?:why|for what reason|what (?:was|is|were|are) the reasons?)\b/i;
const REASON = /^what (?:caused|drove|led to|resulted in|contributed to|explains|was behind)\b|^(?:what|which) (?:factors?|reasons?)\b/i;
/** "What was the tax benefit related to?", "What is the increase attributable to?": what a figure comes from, in words. */
const SOURCE_OF = /^what\b.*\b(?:related|relate|relates|attributable|attributed|due) to\??$/i;

/** Words that give a reason, in English: a passage that holds one answers a "why" question. */
export const REASON_CUES = /\b(?:because|due to|owing to|driven by|as a result of|resulted from|result of|attributable to|caused by|reflect(?:s|ed|ing)?|primarily|mainly|largely|since)\b/i;

/**
 * The form of a sentence that tells what to do, in English: it opens with its purpose ("To unlock it,
 * use ..."), states a duty ("it must tell us in writing within 15 days", "you need to"), or opens with
 * an imperative verb ("Call our opt-out line ..."). A procedure's step has this form; a sentence about
 * the topic ("The parties will work together ...") has not.
 */
export const STEP_CUES =
  /^(?:to [a-z]+ [^,.]{1,80},|(?:please )?(?:call|e-?mail|write|visit|go|use|select|tap|click|contact|send|submit|sign|log|open|complete|ask|tell|return|bring|fill|request|choose|enter|check|wait|print|attach|include|keep|pack|ship|make|follow|notify|give)\b)|\b(?:must|need to|needs to|have to|has to)\b/i;

/** The verb's forms ("order", "orders", "ordered", "ordering"; "file", "filed", "filing"; "apply", "applied"), as a pattern. */
function verbForms(verb: string): string {
  const base = verb.replace(/e$/, "");
  const y = /[^aeiou]y$/.test(verb) ? `|${verb.slice(0, -1)}(?:ies|ied)` : "";
  const doubled = /[^aeiou][aeiou][b-df-hj-np-tv-z]$/.test(verb) ? `|${verb}${verb.at(-1)}(?:ed|ing)` : "";
  return `(?:${verb}(?:s|es|ed|d|ing)?|${base}(?:ed|ing)${y}${doubled})`;
}

const SUBJECT = "(?:you|we|i|they|customers?|members?|the (?:customer|buyer|holder|owner|client)s?)";
const MODAL = "(?:can|may|could|must|should|will|need to|have to|are able to)";
const ADVERB = "(?:also\\s+|then\\s+|now\\s+|simply\\s+|still\\s+)?";
// Words that name the way something is done: "through online banking", "by calling", "at a branch", "via the app", "using the form", "online", "in writing".
const MEANS = "(?:through|via|by|using|at|online|in writing)";

/** Someone can, may or must do it ("you can order"), or it can be done ("can be ordered"). */
const allowed = (forms: string) => `(?:\\b${SUBJECT}\\s+${MODAL}\\s+${ADVERB}${forms}|\\b(?:can|may|must|should|will) be\\s+${forms})`;

/** The two patterns of an asked verb, compiled once per verb (they are tested against every passage of a question's chunks). */
const actionCache = new LruCache<string, { states: RegExp; offers: RegExp }>(64);
function actionPatterns(verb: string): { states: RegExp; offers: RegExp } {
  let patterns = actionCache.get(verb);
  if (!patterns) {
    const forms = verbForms(verb);
    patterns = {
      states: new RegExp(`${allowed(forms)}\\b|\\bto\\s+${forms}\\b|^(?:please\\s+)?${forms}\\b`, "i"),
      offers: new RegExp(`${allowed(forms)}\\b.*\\b${MEANS}\\b`, "i"),
    };
    actionCache.set(verb, patterns);
  }
  return patterns;
}

/**
 * Whether a sentence tells how the asked action is done, in English: someone can, may or must do it
 * ("You can order checks through online banking ..."), it names the way to do it ("To order checks,
 * ...", "checks can be ordered at a branch"), or it opens with it as an order ("Order checks in the
 * app"). A sentence that uses the word otherwise ("confirm an order", "money orders") does not.
 */
export function statesAction(sentence: string, verb: string): boolean {
  return actionPatterns(verb).states.test(sentence);
}

/**
 * Whether a sentence says who can do the asked action and the ways to do it, whole in itself ("You can
 * order checks through online banking, the app or a branch", "Checks can be ordered at a branch"),
 * rather than opening a procedure whose next sentences are its steps ("To claim a credit, submit a
 * claim ...") or only allowing it ("You may ask for a review within 90 days.").
 */
export function offersAction(sentence: string, verb: string): boolean {
  return actionPatterns(verb).offers.test(sentence);
}

/** The words between "how much" and the verb that follows them ("how much advance notice does ...": "advance notice"). */
const HOW_MUCH_OF = /\bhow much ((?:[a-z-]+ ){0,3}?[a-z-]+) (?:do|does|did|is|are|was|were|will|would|should|can|could|must|has|have|had|shall|may)\b/i;

/**
 * Whether "how much" asks for a length of time: the noun after it is "time", or the corpus states
 * durations beside it ("notice" beside "60 days"), not amounts ("how much is the fee", "how much
 * does it cost" name no noun; "how much cash back" sits beside amounts).
 */
export function howMuchOfTime(question: string, profile: ValueProfile): boolean {
  const noun = HOW_MUCH_OF.exec(question)?.[1];
  if (!noun) return false;
  const terms = contentTerms(noun);
  return terms.length > 0 && (/\btime\b/i.test(noun) || profile.expectedKind(terms) === "duration");
}

/**
 * The answer type of a question, from its form and from the kinds of values the corpus states near
 * the question's words ("fee" near amounts, "APY" near percentages, "penalty" near durations): no
 * domain word list.
 */
export function answerType(question: string, terms: readonly string[], profile: ValueProfile): AnswerType {
  const text = questionSentence(question.trim());
  const comparison = COMPARISON.test(text) || BY_HOW_MUCH.test(text);
  const fromCorpus = profile.expectedKind(focusTerms(question, terms));
  const givens = new Set(findValues(question).map((value) => normaliseValue(value.text)));
  const make = (kind: AnswerKind, values: ValueKind[]): AnswerType => ({ kind, values, comparison, givens });
  if (HOW_LONG.test(text)) return make("duration", ["duration", "date", "time"]);
  // "Which lasts longer, X or Y?": two durations, unless the corpus states lengths near the question's words (a longer tent).
  if (LONGER.test(text) && fromCorpus !== "measure") return make("duration", ["duration"]);
  if (PERCENT.test(text)) return make("percent", ["percent"]);
  // "What do I have to do to get the closing-cost grant?" asks for steps, whatever value words it holds.
  if (PROCEDURE.test(text)) return make("procedure", []);
  if (HOW_MUCH.test(text) || CHARGED.test(text)) {
    // "How much notice / time / advance warning ...": a length of time, when the words after "how much" name one (by the corpus's values beside them, or "time").
    if (howMuchOfTime(text, profile)) return make("duration", ["duration", "date", "time"]);
    const kind = fromCorpus === "measure" || fromCorpus === "percent" || fromCorpus === "count" ? fromCorpus : "money";
    return make(kind, [kind, "money", "measure"].filter((value, index, all) => all.indexOf(value) === index) as ValueKind[]);
  }
  if (HOW_BIG.test(text)) {
    const kind = fromCorpus && fromCorpus !== "date" ? fromCorpus : "money";
    return make(kind, [kind, "money", "measure", "percent"].filter((value, index, all) => all.indexOf(value) === index) as ValueKind[]);
  }
  if (HOW_MANY.test(text)) {
    const kind = fromCorpus === "duration" || fromCorpus === "measure" ? fromCorpus : "count";
    return make(kind, [kind, "count"].filter((value, index, all) => all.indexOf(value) === index) as ValueKind[]);
  }
  if (AGE.test(text)) return make("duration", ["duration", "count"]);
  // "Who is the CEO?", "Who signed the NDA for Fernhollow?": a person or an organisation, named.
  if (WHO.test(text)) return make("who", []);
  // A question for the cause of a change ("What led to the decrease in revenue?") asks for the cause, not for the two values the change lies between.
  if (WHY.test(text) || REASON.test(text) || SOURCE_OF.test(text)) return { ...make("reason", []), comparison: false };
  if (WHEN.test(text)) return make("date", ["date", "time", "duration"]);
  // "What are the support hours?", "What hours is live chat open?": the times of day it is open, not a length of time.
  if (HOURS.test(text)) return make("time", ["time"]);
  // Unless it compares ("How does X compare with Y?"), a "how is X done" question is not answered by whatever value the corpus keeps near X.
  if (!comparison && MANNER.test(text)) return make("other", []);
  if (YES_NO.test(text)) return make("yes-no", fromCorpus ? [fromCorpus] : []);
  if (fromCorpus) return { ...make(fromCorpus, [fromCorpus]), guessed: true };
  if (LIST.test(text)) return make("list", []);
  if (DEFINITION.test(text)) return make("definition", []);
  return make("other", []);
}

/**
 * The kinds of value a question asks for, for the support check: its answer type's values, none for a
 * yes-no question or a comparison (a yes-no question is answered by a rule, not a figure; a comparison
 * by two figures about two things).
 */
export function askedValueKinds(question: string, terms: readonly string[], profile: ValueProfile): ValueKind[] {
  const type = answerType(question, terms, profile);
  return type.kind === "yes-no" || type.comparison ? [] : type.values;
}

/** A value's text in a form that compares equal however it is written ("$1,500.00" = "$1500"). */
export function normaliseValue(text: string): string {
  return text.toLowerCase().replace(/,/g, "").replace(/\.0+(?!\d)/, "").replace(/\s+/g, " ").trim();
}

/** A run of two or more capitalised words ("Dana Okafor", "Chief Executive Officer", "Brightmere AI"), a leading "The" left out. */
const NAME_RUN = /\b(?:The\s+)?(\p{Lu}[\p{L}'’.-]*(?:\s+(?:of|and|&)?\s*\p{Lu}[\p{L}'’.-]*)+)/gu;

/**
 * True when a passage names someone the question does not: a run of two or more capitalised words
 * none of whose words the question holds ("Dana Okafor, Chief Executive Officer" for "Who is the CEO of
 * Cobalt Harbor?"; not "Cobalt Harbor identifies anyone who ..."). What a question asking "who" is
 * answered with.
 */
export function namesSomeoneNew(passage: string, question: string): boolean {
  return namesSomeoneNewTo(question)(passage);
}

/** `namesSomeoneNew` for one question, its words read once, then asked of each passage. */
export function namesSomeoneNewTo(question: string): (passage: string) => boolean {
  const asked = new Set(contentTerms(question));
  return (passage) => {
    for (const match of passage.matchAll(NAME_RUN)) {
      const terms = contentTerms(match[1]!);
      if (terms.length >= 2 && terms.every((term) => !asked.has(term))) return true;
    }
    return false;
  };
}
