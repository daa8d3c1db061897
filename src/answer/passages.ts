import { parseBlocks } from "../chunking/markdown-blocks.js";
import type { Chunk } from "../chunking/types.js";
import { DEFAULT_SCORING, type ScoringSettings } from "../config/scoring.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { splitSentences } from "../text/sentences.js";
import { LruCache } from "../text/lru-cache.js";
import { adjacentPairs, contentTerms } from "../text/tokenize.js";
import { readField } from "../text/field-values.js";
import { titleInitials } from "../text/title-initials.js";
import { type FoundValue, findValues } from "../text/values.js";
import { cellUnit, readCell } from "./row-keys.js";

/** A sentence, list item or table row of a chunk: the smallest piece an answer can quote. */
export interface Passage {
  /** Position in the chunk, to keep the chunk's reading order. */
  order: number;
  /** Which block of the chunk (paragraph, list, table; headings count too) it comes from: the sentences right after a list are its next block. */
  block: number;
  kind: "sentence" | "item" | "row" | "field";
  /** The text shown in the answer (a table row spelled out with its column names). */
  text: string;
  /** For a table row: its first cell (what the row is about) and its other cells under their column names, each also read with the table's unit ("96.4" -> "$96.4 million"). */
  row?: { key: string; cells: Array<{ column: string; value: string; reading: string }> };
  /** For a list item: which list of the chunk it is in (0-based) and its place there. */
  list?: { id: number; index: number };
  /** For a `Name: value` field (a record's column, a spec): its name and value, and both as a reader writes them ("price_usd: 549.00" -> "price", "$549.00"). */
  field?: { name: string; value: string; readName: string; readValue: string };
  /** The typed values the passage states (amounts, rates, durations, dates...). */
  values: FoundValue[];
  /** Terms of the passage itself. */
  terms: Set<string>;
  /** Terms of the section it sits in (heading path): they support the passage, at a discount. */
  headingTerms: Set<string>;
  /** For a table row, the caption and column names: they are part of what the row says. */
  tableTerms: Set<string>;
  /** Adjacent content-term pairs of the passage ("net_incom"), for phrase matches. */
  pairs: Set<string>;
}

/** A passage of the n-th source of an answer (1-based, as in its [n] marker). */
export interface SourcePassage extends Passage {
  n: number;
}

function stripListMarker(item: string): string {
  return item.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "").replace(/\s*\n\s*/g, " ").trim();
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => cell.trim());
}

const FIELD = /^([^:;\n]{1,40}):\s+(\S[\s\S]*)$/;
const SUBFIELD = /^[^:;]{1,40}:\s+\S/;

/** The terms a document's title names it by: its words and its initials ("Master Subscription Agreement" -> master, subscript, agreement, msa). */
export function titleTerms(title: string): string[] {
  return [...contentTerms(title), ...titleInitials(title)];
}

/** The quotable passages of one chunk, in reading order (not cached: `passagesOf` keeps them for chunks of questions). */
export function splitChunk(chunk: Pick<Chunk, "text" | "headingPath">): Passage[] {
  const passages: Passage[] = [];
  const headingTerms = [...contentTerms(chunk.headingPath.join(" ")), ...titleInitials(chunk.headingPath[0] ?? "")];
  const title = (chunk.headingPath[0] ?? "").trim().toLowerCase();
  let order = 0;
  let lists = 0;
  let block = -1;
  const push = (kind: Passage["kind"], raw: string, extra: Partial<Passage> = {}, tableTerms: string[] = []): void => {
    // Markdown emphasis is layout, not text.
    const text = raw.replace(/\*\*(.+?)\*\*|__(.+?)__/g, "$1$2");
    if (text.trim() === "") return;
    const terms = contentTerms(text);
    passages.push({
      order: order++,
      block,
      kind,
      text,
      terms: new Set(terms),
      pairs: new Set(adjacentPairs(terms)),
      headingTerms: new Set(headingTerms),
      tableTerms: new Set(tableTerms),
      values: findValues(text),
      ...extra,
    });
  };
  const pushField = (text: string, name: string, value: string, list: Passage["list"], tableTerms: string[] = []): void => {
    // A field that only repeats the record's name ("name: Aurora X1") says nothing about it.
    if (value.trim().toLowerCase() === title) return;
    const reading = readField(name, value);
    push("field", text, { list, field: { name: name.trim(), value: value.trim(), readName: reading.name, readValue: reading.value }, values: reading.values }, tableTerms);
  };
  for (const parsed of parseBlocks(chunk.text)) {
    block += 1;
    if (parsed.kind === "paragraph") splitSentences(parsed.text).forEach((sentence) => push("sentence", sentence));
    else if (parsed.kind === "list") {
      const id = lists++;
      parsed.items.forEach((raw, index) => {
        const item = stripListMarker(raw).replace(/\*\*(.+?)\*\*|__(.+?)__/g, "$1$2");
        const field = FIELD.exec(item);
        if (!field) return push("item", item, { list: { id, index } });
        const [, name = "", value = ""] = field;
        // A field whose value is itself a list of `name: value` parts (a product's specs) gives one passage per part.
        const parts = value.split(/;\s+/);
        if (parts.length > 1 && parts.every((part) => SUBFIELD.test(part))) {
          for (const part of parts) {
            const [, subName = "", subValue = ""] = FIELD.exec(part) ?? [];
            pushField(part, subName, subValue, { id, index }, contentTerms(name));
          }
        } else pushField(item, name, value, { id, index });
      });
    } else if (parsed.kind === "table") {
      const header = parsed.header.length > 0 ? cells(parsed.header[0]!) : [];
      const context = contentTerms(`${parsed.caption ?? ""} ${header.join(" ")}`);
      for (const line of parsed.rows) {
        const [first = "", ...rest] = cells(line);
        const unit = cellUnit(parsed.caption, first);
        const described = rest
          .map((value, index) => ({ column: header[index + 1] ?? "", value, reading: readCell(value, unit) }))
          .filter((cell) => cell.value !== "");
        const spell = (field: "value" | "reading") =>
          described.length > 0 ? `${first} — ${described.map((cell) => (cell.column ? `${cell.column}: ${cell[field]}` : cell[field])).join("; ")}` : first;
        // The row's values are its cells read with the table's unit: "96.4" in a "$ millions" table is an amount.
        push("row", `${spell("value")}.`, { row: { key: first, cells: described }, values: findValues(spell("reading")) }, context);
      }
    }
  }
  return passages;
}

// Splitting and stemming a chunk is most of the cost of scoring it, and a chunk's passages never change:
// they are kept per chunk id (checked against the text and heading path), for the most recently used
// chunks only (a chunk's passages take about ten times its text): enough for the chunks of the current
// and recent questions, so memory does not grow with the questions asked. The answerer sets the size
// from the settings (`passages.cacheChunks`).
const passageCache = new LruCache<string, { text: string; heading: string; passages: Passage[] }>(DEFAULT_SCORING.passages.cacheChunks);

/** Sets how many chunks' passages are kept (`ScoringSettings.passages.cacheChunks`). */
export function setPassageCacheSize(chunks: number): void {
  passageCache.capacity = chunks;
}

/** The passages of a chunk (cached by chunk id). */
export function passagesOf(chunk: Pick<Chunk, "id" | "text" | "headingPath">): Passage[] {
  const heading = chunk.headingPath.join("\u0000");
  const cached = passageCache.get(chunk.id);
  if (cached && cached.text === chunk.text && cached.heading === heading) return cached.passages;
  const passages = splitChunk(chunk);
  passageCache.set(chunk.id, { text: chunk.text, heading, passages });
  return passages;
}

/** The passages of each source, numbered as the answer cites them (chunk i is source [i + 1]). */
export function sourcePassages(chunks: readonly Chunk[]): SourcePassage[] {
  return chunks.flatMap((chunk, index) => passagesOf(chunk).map((passage) => ({ ...passage, n: index + 1 })));
}

/** Weighted question terms: each distinct content term with its idf. */
export function termWeights(terms: readonly string[], statistics: Pick<TermStatistics, "idf">): Map<string, number> {
  const weights = new Map<string, number>();
  for (const term of terms) weights.set(term, statistics.idf(term));
  return weights;
}

/**
 * Share of the question's weighted terms that a passage supports: a term in the passage (or in its
 * table's caption and header) counts fully, a term only in its heading path counts `headingTerm`.
 * 0 = nothing in common, 1 = all of it.
 */
export function coverage(passage: Pick<Passage, "terms" | "tableTerms" | "headingTerms">, weights: Map<string, number>, headingTerm: number): number {
  let total = 0;
  let covered = 0;
  for (const [term, weight] of weights) {
    total += weight;
    if (passage.terms.has(term) || passage.tableTerms.has(term)) covered += weight;
    else if (passage.headingTerms.has(term)) covered += weight * headingTerm;
  }
  return total === 0 ? 0 : covered / total;
}

/** The passage of a chunk that best supports a piece of text (an answer sentence, a search query), as a short quote. */
export function bestSnippet(chunk: Pick<Chunk, "id" | "text" | "headingPath">, reference: string, statistics: TermStatistics, settings: ScoringSettings["passages"]): string {
  const weights = termWeights(contentTerms(reference), statistics);
  let best: Passage | undefined;
  let bestScore = -1;
  for (const passage of passagesOf(chunk)) {
    const score = coverage(passage, weights, settings.headingTerm);
    if (score > bestScore) {
      best = passage;
      bestScore = score;
    }
  }
  const text = best?.text ?? chunk.text;
  return text.length > settings.snippetChars ? `${text.slice(0, settings.snippetChars - 1).trimEnd()}…` : text;
}
