import type { MissingName } from "../retrieval/names.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import type { AnswerDraft } from "./types.js";

/** The sentence every refusal starts with, so users and tests can recognise it. */
export const REFUSAL_OPENING = "The documents do not say.";

/** The refusal when nothing retrieved answers the question. */
export function refusalText(corpusDescription: string): string {
  return `${REFUSAL_OPENING} I could not find a passage in the ${corpusDescription} that answers this question, so I will not guess.`;
}

/** Where a close name is stated in a text: as written, or for a number-unit name ("24-month CD") as the documents write it ("24 months" beside "CD"). */
export function findCloseName(text: string, name: string): number {
  const lower = text.toLowerCase();
  const at = lower.indexOf(name.toLowerCase());
  if (at >= 0) return at;
  const unit = /^(\d+)-(month|year|week|day) (.+)$/i.exec(name);
  if (!unit || !lower.includes(unit[3]!.toLowerCase())) return -1;
  return new RegExp(`\\b${unit[1]}[- ]${unit[2]}s?\\b`, "i").exec(text)?.index ?? -1;
}

const list = (items: string[]): string => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** The refusal when the question asks about a year the closest passages never mention: they are about another time. */
export function unseenYearsRefusal(years: string[]): string {
  return `${REFUSAL_OPENING} The passages closest to this question do not mention ${list(years)}, so I will not guess.`;
}

/**
 * The refusal when the question names something the documents never mention: it says what is
 * missing and what close things they do cover, citing the retrieved chunks that mention those.
 * "The documents do not say. They do not mention Ember 15; they cover Ember 0 and Ember 20 [1][2]."
 */
export function missingNameRefusal(missing: MissingName[], chunks: RetrievedChunk[]): Pick<AnswerDraft, "text" | "cited"> {
  const close = [...new Set(missing.flatMap((name) => name.close))].slice(0, 4);
  const cited: AnswerDraft["cited"] = [];
  for (const name of close) {
    const index = chunks.findIndex((chunk) => findCloseName(chunk.text, name) >= 0 || chunk.title.toLowerCase().includes(name.toLowerCase()));
    if (index >= 0 && !cited.some((entry) => entry.n === index + 1)) {
      const chunk = chunks[index]!;
      const at = findCloseName(chunk.text, name);
      const snippet = at >= 0 ? chunk.text.slice(Math.max(0, at - 80), at + name.length + 80).replace(/\s+/g, " ").trim() : chunk.title;
      cited.push({ n: index + 1, snippet });
    }
  }
  const named = list(missing.map((name) => name.name));
  const covered = close.length > 0 ? ` They cover ${list(close)}${cited.length > 0 ? ` ${cited.map((entry) => `[${entry.n}]`).join("")}` : ""}.` : "";
  return { text: `${REFUSAL_OPENING} They do not mention ${named}.${covered}`, cited };
}
