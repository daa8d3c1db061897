import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import type { Chunk } from "../chunking/types.js";
import { seededRandom } from "../math/seeded-random.js";
import { buildSparseIndex, MINISEARCH_OPTIONS, SparseIndex } from "./sparse-index.js";

const WORDS = ["wire", "transfer", "fee", "limit", "card", "overdraft", "balance", "interest", "rate", "statement", "deposit", "loan", "the", "of", "and", "what", "monthly", "annual", "waived", "branch"];

/** A seeded corpus with skewed word counts and some identical chunks (so ties happen). */
function randomChunks(count: number, seed: number): Chunk[] {
  const random = seededRandom(seed);
  const word = () => WORDS[Math.floor(WORDS.length * random() ** 2)]!;
  const texts: string[] = [];
  return Array.from({ length: count }, (_, index) => {
    const text = index % 9 === 8 ? texts[Math.floor(random() * texts.length)]! : Array.from({ length: 3 + Math.floor(random() * 25) }, word).join(" ");
    texts.push(text);
    const heading = Array.from({ length: 1 + Math.floor(random() * 3) }, word);
    return { id: `c${index}`, docId: `d${index % 17}`, ordinal: 0, title: heading[0]!, section: heading.join(" > "), headingPath: heading, text, metadata: { group: index % 3 } };
  });
}

describe("SparseIndex (top-k BM25)", () => {
  const chunks = randomChunks(600, 7);
  const json = JSON.stringify(buildSparseIndex(chunks));
  // What the embedded backend searched before: MiniSearch over the same file, scoring and sorting every match.
  const reference = MiniSearch.loadJSON<Chunk>(json, MINISEARCH_OPTIONS);
  const index = SparseIndex.fromJSON(JSON.parse(json));
  const random = seededRandom(99);
  const questions = Array.from({ length: 120 }, (_, n) => {
    const words = Array.from({ length: 1 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    // Some questions repeat a word, some name a word the corpus lacks.
    if (n % 10 === 0) words.push(words[0]!);
    if (n % 13 === 0) words.push("zebra");
    return words.join(" ");
  });

  it("gives exactly MiniSearch's first k hits (labels, scores, tie order) for every question, k and filter", () => {
    expect(reference.documentCount).toBe(600);
    let ties = 0;
    for (const question of questions) {
      for (const k of [1, 5, 50, 1000]) {
        for (const group of [undefined, 1]) {
          const filter = group === undefined ? undefined : (label: number) => chunks[label]!.metadata.group === group;
          const expected = reference
            .search(question, { boost: { heading: 1.5 }, filter: filter ? (result) => filter(Number(result.id)) : undefined })
            .slice(0, k);
          const { hits, best } = index.search(question, { k, headingBoost: 1.5, filter });
          expect(hits).toEqual(expected.map((result) => ({ label: Number(result.id), score: result.score })));
          expect(best).toEqual(expected[0] ? { score: expected[0].score, terms: expected[0].terms.length } : undefined);
          ties += expected.filter((result, position) => position > 0 && result.score === expected[position - 1]!.score).length;
        }
      }
    }
    // The corpus has repeated chunks, so the tie order is really tested.
    expect(ties).toBeGreaterThan(100);
  });

  it("finds nothing for a question of stop words or unknown words", () => {
    expect(index.search("what of the", { k: 5, headingBoost: 1.5 })).toEqual({ hits: [], best: undefined });
    expect(index.search("zebra", { k: 5, headingBoost: 1.5 }).hits).toEqual([]);
  });
});
