import type { Chunk } from "../chunking/types.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { VALUE_KINDS, type ValueKind } from "../text/values.js";
import { splitChunk } from "./passages.js";

/** Which kinds of values the corpus states near which words, learnt from the indexed passages. */
export interface ValueProfile {
  /** The value kind the question's terms point at, if any stands out (lift over the corpus average). */
  expectedKind(terms: readonly string[]): ValueKind | undefined;
}

/** Passages read to learn the profile at most (a bounded cost on a large corpus: the first ones of a stable order). */
const MAX_PASSAGES = 50_000;
/** A term must occur in this many passages to say anything. */
const MIN_PASSAGES = 3;
/** How much more often than on average a kind must follow a term to count. */
const MIN_LIFT = 1.5;

/**
 * Learns, for every content term, how often passages holding it state each kind of value, compared
 * with all passages. Words of the question then say what kind of value it asks for: in a bank's
 * documents "fee" sits next to amounts and "APY" next to percentages; in a catalog "weight" next to
 * measures. Nothing is hand-written per corpus.
 */
export function buildValueProfile(chunks: readonly Chunk[], statistics: TermStatistics): ValueProfile {
  const perTerm = new Map<string, { passages: number; kinds: Map<ValueKind, number> }>();
  const overall = new Map<ValueKind, number>();
  let passages = 0;
  outer: for (const chunk of chunks) {
    // Read once at load: not through the passage cache, which is for the chunks of questions.
    for (const passage of splitChunk(chunk)) {
      if (passages >= MAX_PASSAGES) break outer;
      passages += 1;
      const kinds = new Set(passage.values.map((value) => value.kind));
      for (const kind of kinds) overall.set(kind, (overall.get(kind) ?? 0) + 1);
      for (const term of passage.terms) {
        const entry = perTerm.get(term) ?? { passages: 0, kinds: new Map<ValueKind, number>() };
        entry.passages += 1;
        for (const kind of kinds) entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + 1);
        perTerm.set(term, entry);
      }
    }
  }
  const base = (kind: ValueKind) => (overall.get(kind) ?? 0) / Math.max(1, passages);
  return {
    expectedKind(terms) {
      const scores = new Map<ValueKind, number>();
      for (const term of new Set(terms)) {
        const entry = perTerm.get(term);
        if (!entry || entry.passages < MIN_PASSAGES) continue;
        const weight = statistics.idf(term);
        for (const kind of VALUE_KINDS) {
          if (kind === "count" || kind === "date") continue; // bare numbers and years are everywhere: they say little.
          const share = (entry.kinds.get(kind) ?? 0) / entry.passages;
          const lift = share / Math.max(base(kind), 1e-9);
          if (lift >= MIN_LIFT && share >= 0.3) scores.set(kind, (scores.get(kind) ?? 0) + weight * share * Math.log(lift));
        }
      }
      let best: ValueKind | undefined;
      let bestScore = 0;
      for (const [kind, score] of scores) {
        if (score > bestScore) {
          best = kind;
          bestScore = score;
        }
      }
      return best;
    },
  };
}
