// Typo robustness (not a test): how often typo correction gives back a word the question spelt right
// once one letter is swapped, dropped, added or replaced, and how many correctly spelt questions it
// changes. One seeded typo per eval question (a lower-case word of five letters or more, its first
// and last letters kept; with --short, a word of three or four letters, which the typo leaves two to
// five letters long); no answers are composed, so it runs in seconds.
// Usage: npx tsx scripts/typo-robustness.ts --corpus finance [--set evals/finance.jsonl] [--seed 7] [--short]
import { readFileSync } from "node:fs";
import { loadConfig } from "../src/config/config.js";
import { createRagContext } from "../src/context.js";
import { parseEvalSet } from "../src/eval/eval-set.js";
import { seededRandom } from "../src/math/seeded-random.js";
import { STOP_WORDS } from "../src/text/tokenize.js";

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const corpus = argument("corpus") ?? "finance";
const setFile = argument("set") ?? `evals/${corpus}.jsonl`;
const random = seededRandom(Number(argument("seed") ?? 7));
const WORDS = process.argv.includes("--short") ? /\b[a-z]{3,4}\b/g : /\b[a-z]{5,}\b/g;

const KINDS = ["swap", "drop", "add", "replace"] as const;
type Kind = (typeof KINDS)[number];

/** The word with one typo of the kind at `at` (1..length-2, so the first and last letters stay). */
function misspell(word: string, kind: Kind, at: number, letter: string): string {
  if (kind === "swap") return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (kind === "drop") return word.slice(0, at) + word.slice(at + 1);
  if (kind === "add") return word.slice(0, at) + letter + word.slice(at);
  return word.slice(0, at) + letter + word.slice(at + 1);
}

const context = await createRagContext(loadConfig({ ...process.env, CORPUS: corpus }));
const cases = parseEvalSet(readFileSync(setFile, "utf8"), setFile).filter((evalCase) => !evalCase.tags.includes("typo"));
const counts = Object.fromEntries(KINDS.map((kind) => [kind, { typos: 0, restored: 0, otherWord: 0, left: 0 }]));
let changed = 0;
for (const evalCase of cases) {
  if (context.retriever.prepare(evalCase.question).corrections.length > 0) changed += 1;
  const words = [...evalCase.question.matchAll(WORDS)].filter((match) => !STOP_WORDS.has(match[0]));
  if (words.length === 0) continue;
  const word = words[Math.floor(random() * words.length)]!;
  const kind = KINDS[Math.floor(random() * KINDS.length)]!;
  const at = 1 + Math.floor(random() * (word[0].length - 2));
  const typo = misspell(word[0], kind, at, "abcdefghijklmnopqrstuvwxyz"[Math.floor(random() * 26)]!);
  if (typo === word[0]) continue;
  const question = evalCase.question.slice(0, word.index) + typo + evalCase.question.slice(word.index + word[0].length);
  const correction = context.retriever.prepare(question).corrections.find((entry) => entry.from === typo);
  const count = counts[kind]!;
  count.typos += 1;
  if (!correction) count.left += 1;
  else if (correction.to.replace(/-/g, "") === word[0]) count.restored += 1;
  else count.otherWord += 1;
}
await context.close();
const total = Object.values(counts).reduce((sum, count) => ({ typos: sum.typos + count.typos, restored: sum.restored + count.restored, otherWord: sum.otherWord + count.otherWord, left: sum.left + count.left }));
console.log(`${corpus}: ${cases.length} questions without typos, ${changed} changed by typo correction`);
console.log("kind      typos  restored  other word  left");
for (const [kind, count] of [...Object.entries(counts), ["all", total] as const]) {
  console.log(`${kind.padEnd(8)} ${String(count.typos).padStart(6)} ${String(count.restored).padStart(9)} ${String(count.otherWord).padStart(11)} ${String(count.left).padStart(5)}`);
}
