import type { Chunk } from "../../src/chunking/types.js";
import { seededRandom } from "../../src/math/seeded-random.js";
import type { ChatTurn } from "../../src/answer/question-rewriter.js";
import { STOP_WORDS } from "../../src/text/tokenize.js";

export type QuestionKind = "plain" | "typo" | "follow-up" | "unknown-name";

export interface BenchQuestion {
  kind: QuestionKind;
  question: string;
  history?: ChatTurn[];
}

const TEMPLATES = [
  (w: string[]) => `What is the ${w[0]} ${w[1]} for ${w[2]}?`,
  (w: string[]) => `How does ${w[0]} affect the ${w[1]} ${w[2]}?`,
  (w: string[]) => `When is ${w[0]} ${w[1]} required under the ${w[2]} terms?`,
  (w: string[]) => `Which ${w[0]} applies to ${w[1]} and ${w[2]} ${w[3]}?`,
  (w: string[]) => `Explain ${w[0]} ${w[1]} ${w[2]}`,
];

/** Content words of a chunk (4+ letters, not stop words), in order, without repeats. */
function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)))];
}

/** Swaps two adjacent inner letters: "maintenance" -> "mainetnance". */
function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 3));
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/**
 * `count` distinct seeded questions over the given chunks (words taken from a randomly chosen chunk, so
 * most are answerable): 70% plain, 10% with a misspelt word (typo correction), 10% follow-ups with a
 * history (the rewriter), 10% naming a product the corpus does not have (names check, refusal).
 */
export function benchQuestions(chunks: readonly Chunk[], count: number, seed = 4_242): BenchQuestion[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const questions: BenchQuestion[] = [];
  for (let attempt = 0; questions.length < count && attempt < count * 20; attempt += 1) {
    const words = contentWords(chunks[Math.floor(random() * chunks.length)]!.text);
    if (words.length < 6) continue;
    const picked = Array.from({ length: 4 }, () => words[Math.floor(random() * words.length)]!);
    const template = TEMPLATES[Math.floor(random() * TEMPLATES.length)]!;
    const roll = random();
    let entry: BenchQuestion;
    if (roll < 0.7) entry = { kind: "plain", question: template(picked) };
    else if (roll < 0.8) {
      const long = picked.findIndex((word) => word.length >= 6);
      if (long < 0) continue;
      picked[long] = misspell(picked[long]!, random);
      entry = { kind: "typo", question: template(picked) };
    } else if (roll < 0.9) {
      const first = template(picked);
      entry = { kind: "follow-up", question: `and what about ${words[Math.floor(random() * words.length)]}?`, history: [{ role: "user", content: first }, { role: "assistant", content: "See the documents. [1]" }] };
    } else entry = { kind: "unknown-name", question: `What does the Zorblax ${picked[0]} Plan ${Math.floor(random() * 90) + 10} cost?` };
    const key = `${entry.question}|${entry.history?.[0]?.content ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    questions.push(entry);
  }
  return questions;
}
