import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import MiniSearch, { type Options } from "minisearch";
import { afterAll, describe, expect, it } from "vitest";
import type { Chunk } from "../chunking/types.js";
import { seededRandom } from "../math/seeded-random.js";
import { tokenize } from "../text/tokenize.js";
import { LEGACY_SPARSE_FILE, loadSparseIndex, SparseIndex } from "./sparse-index.js";
import { postingsFromMiniSearchJSON } from "./sparse-minisearch-json.js";
import { buildSparsePostings, fieldText, processTerm, readSparsePostings, SPARSE_POSTINGS_FILE, type SparsePostings, writeSparsePostings } from "./sparse-postings.js";

const WORDS = ["wire", "transfer", "fee", "limit", "card", "overdraft", "balance", "interest", "rate", "statement", "deposit", "loan", "the", "of", "and", "what", "monthly", "annual", "waived", "branch"];

/** A seeded corpus with skewed word counts and some identical chunks (so ties happen). */
function randomChunks(count: number, seed: number, words: readonly string[] = WORDS): Chunk[] {
  const random = seededRandom(seed);
  const word = () => words[Math.floor(words.length * random() ** 2)]!;
  const texts: string[] = [];
  return Array.from({ length: count }, (_, index) => {
    const text = index % 9 === 8 ? texts[Math.floor(random() * texts.length)]! : Array.from({ length: 3 + Math.floor(random() * 25) }, word).join(" ");
    texts.push(text);
    const heading = Array.from({ length: index % 11 === 0 ? 0 : 1 + Math.floor(random() * 3) }, word);
    return { id: `c${index}`, docId: `d${index % 17}`, ordinal: 0, title: heading[0] ?? "", section: heading.join(" > "), headingPath: heading, text, metadata: { group: index % 3 } };
  });
}

/** What older builds saved and searched: MiniSearch over the chunks, a result's id the chunk's label. */
function miniSearchOf(chunks: readonly Chunk[]): MiniSearch<Chunk> {
  const labels = new Map(chunks.map((chunk, label) => [chunk, String(label)]));
  const options: Options<Chunk> = {
    idField: "id",
    fields: ["heading", "text"],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm,
    extractField: (chunk, field) => (field === "id" ? labels.get(chunk) : fieldText(chunk, field as "heading" | "text")),
  };
  const index = new MiniSearch<Chunk>(options);
  index.addAll(chunks);
  return index;
}

/** Each term's postings per field as [doc, frequency] pairs, by term (the order of terms in the arrays is free). */
function byTerm(postings: SparsePostings): Map<string, number[][][]> {
  return new Map(
    postings.terms.map((term, termId) => [
      term,
      [0, 1].map((field) => {
        const key = termId * 2 + field;
        const pairs: number[][] = [];
        for (let slot = postings.starts[key]!; slot < postings.starts[key + 1]!; slot += 1) pairs.push([postings.labels[postings.docs[slot]!]!, postings.frequencies[slot]!]);
        return pairs;
      }),
    ]),
  );
}

const folders: string[] = [];
async function folder(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "sparse-index-test-"));
  folders.push(directory);
  return directory;
}
afterAll(async () => {
  for (const directory of folders) await rm(directory, { recursive: true, force: true });
});

function questionsOf(words: readonly string[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    const picked = Array.from({ length: 1 + Math.floor(random() * 6) }, () => words[Math.floor(random() * words.length)]!);
    // Some questions repeat a word, some name a word the corpus lacks.
    if (n % 10 === 0) picked.push(picked[0]!);
    if (n % 13 === 0) picked.push("zebra");
    return picked.join(" ");
  });
}

describe("SparseIndex (top-k BM25)", async () => {
  const chunks = randomChunks(600, 7);
  const reference = miniSearchOf(chunks);
  const directory = await folder();
  writeSparsePostings(path.join(directory, SPARSE_POSTINGS_FILE), buildSparsePostings(chunks, 64), { sliceValues: 100 });
  const index = await loadSparseIndex(directory, SPARSE_POSTINGS_FILE);
  const legacy = SparseIndex.fromJSON(JSON.parse(JSON.stringify(reference)));
  const questions = questionsOf(WORDS, 120, 99);

  it("gives exactly MiniSearch's first k hits (labels, scores, tie order) for every question, k and filter, from the postings file and from MiniSearch's JSON", () => {
    expect(reference.documentCount).toBe(600);
    let ties = 0;
    for (const question of questions) {
      for (const k of [1, 5, 50, 1000]) {
        for (const group of [undefined, 1]) {
          const filter = group === undefined ? undefined : (label: number) => chunks[label]!.metadata.group === group;
          const expected = reference
            .search(question, { boost: { heading: 1.5 }, filter: filter ? (result) => filter(Number(result.id)) : undefined })
            .slice(0, k);
          for (const served of [index, legacy]) {
            const { hits, best } = served.search(question, { k, headingBoost: 1.5, filter });
            expect(hits).toEqual(expected.map((result) => ({ label: Number(result.id), score: result.score })));
            expect(best).toEqual(expected[0] ? { score: expected[0].score, terms: expected[0].terms.length } : undefined);
          }
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

  it("builds the same postings, lengths and mean lengths (to the bit) as MiniSearch saved", () => {
    const built = buildSparsePostings(chunks).toPostings();
    const saved = postingsFromMiniSearchJSON(JSON.parse(JSON.stringify(reference)));
    expect(built.documentCount).toBe(saved.documentCount);
    expect([...built.labels]).toEqual([...saved.labels]);
    expect(built.averageFieldLength).toEqual(saved.averageFieldLength);
    expect(built.fieldLengths.map((lengths) => [...lengths])).toEqual(saved.fieldLengths.map((lengths) => [...lengths]));
    expect(byTerm(built)).toEqual(byTerm(saved));
    // Some headings are empty: a zero length counts in the mean, as in MiniSearch.
    expect(built.fieldLengths[0]!.filter((length) => length === 0).length).toBeGreaterThan(10);
  });
});

describe("the postings file", () => {
  it("round-trips exactly, whatever the block and write-buffer sizes", async () => {
    const chunks = randomChunks(500, 3);
    const whole = buildSparsePostings(chunks).toPostings();
    const directory = await folder();
    for (const [blockSize, sliceValues] of [[1, 7], [37, 1000], [100_000, undefined]] as const) {
      const file = path.join(directory, `postings-${blockSize}.bin`);
      writeSparsePostings(file, buildSparsePostings(chunks, blockSize), { sliceValues });
      expect(readSparsePostings(file)).toEqual(whole);
      expect(buildSparsePostings(chunks, blockSize).toPostings()).toEqual(whole);
    }
  });

  it("serves a big-ish corpus (20,000 chunks, a wide vocabulary, many blocks) exactly like MiniSearch", async () => {
    const vocabulary = Array.from({ length: 3000 }, (_, n) => `w${n.toString(36)}x`).concat(WORDS, ["2024", "1,500", "4.10"]);
    const chunks = randomChunks(20_000, 11, vocabulary);
    const directory = await folder();
    const file = path.join(directory, SPARSE_POSTINGS_FILE);
    writeSparsePostings(file, buildSparsePostings(chunks, 1_500), { sliceValues: 4_096 });
    const index = new SparseIndex(readSparsePostings(file));
    const reference = miniSearchOf(chunks);
    expect(index.size).toBe(20_000);
    for (const question of questionsOf(vocabulary, 60, 5)) {
      const expected = reference.search(question, { boost: { heading: 1.5 } }).slice(0, 20);
      expect(index.search(question, { k: 20, headingBoost: 1.5 }).hits).toEqual(expected.map((result) => ({ label: Number(result.id), score: result.score })));
    }
  });

  it("prunes with MaxScore and still returns exactly the exhaustive top k (hits, scores, ties, best) on random questions", () => {
    const vocabulary = Array.from({ length: 2000 }, (_, n) => `v${n.toString(36)}q`).concat(WORDS);
    const chunks = randomChunks(12_000, 21, vocabulary);
    // Pruning is tried however short the postings (by default only from 20,000 postings on).
    const index = new SparseIndex(buildSparsePostings(chunks).toPostings(), { pruneFromPostings: 0 });
    /** Chunks a full pass scores: those with any of the question's terms. */
    const touched = (question: string) => new Set(index.search(question, { k: 1_000_000, headingBoost: 1.5, exhaustive: true }).hits.map((hit) => hit.label)).size;
    const random = seededRandom(77);
    // Common words (the start of the skewed vocabulary) mixed with rare ones, some repeated.
    const pick = () => vocabulary[random() < 0.5 ? Math.floor(random() * 40) : Math.floor(random() * vocabulary.length)]!;
    let pruned = 0;
    let searches = 0;
    let skipped = 0;
    for (let n = 0; n < 150; n += 1) {
      const words = Array.from({ length: 2 + Math.floor(random() * 5) }, pick);
      if (n % 7 === 0) words.push(words[0]!);
      const question = words.join(" ");
      for (const k of [1, 10, 50]) {
        for (const filter of [undefined, (label: number) => label % 4 !== 1]) {
          const exhaustive = index.search(question, { k, headingBoost: 1.5, filter, exhaustive: true });
          expect(index.lastSearch.pruned).toBe(false);
          const fast = index.search(question, { k, headingBoost: 1.5, filter });
          expect(fast).toEqual(exhaustive);
          searches += 1;
          if (index.lastSearch.pruned) pruned += 1;
          if (index.lastSearch.pruned && index.lastSearch.scored < touched(question)) skipped += 1;
        }
      }
    }
    // Pruning really runs on a good share of these questions (the rest fall back to the full pass), and then
    // passes over chunks a full pass would score.
    expect(pruned).toBeGreaterThan(searches / 20);
    expect(skipped).toBeGreaterThan(searches / 20);
  });

  it("refuses a damaged file or another format, saying what is wrong", async () => {
    const directory = await folder();
    const file = path.join(directory, SPARSE_POSTINGS_FILE);
    writeSparsePostings(file, buildSparsePostings(randomChunks(50, 1)));
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 4));
    expect(() => readSparsePostings(file)).toThrow(`${file} is ${bytes.length - 4} bytes, its header describes ${bytes.length}`);
    await writeFile(file, Buffer.from(bytes.toString("latin1").replace('"format":1', '"format":9'), "latin1"));
    expect(() => readSparsePostings(file)).toThrow(`${file} is postings format 9, made by another version of this project (this one reads format 1)`);
    await writeFile(file, Buffer.from("{}"));
    expect(() => readSparsePostings(file)).toThrow(`${file} is too short to be a BM25 postings file`);
    await writeFile(file, Buffer.concat([Buffer.from("NOTBM25!"), bytes.subarray(8)]));
    expect(() => readSparsePostings(file)).toThrow(`${file} is not a BM25 postings file`);
  });

  it("reads an older build's MiniSearch JSON when the manifest names no file, and refuses a file name it does not know", async () => {
    const chunks = randomChunks(200, 4);
    const directory = await folder();
    await writeFile(path.join(directory, LEGACY_SPARSE_FILE), JSON.stringify(miniSearchOf(chunks)));
    writeSparsePostings(path.join(directory, SPARSE_POSTINGS_FILE), buildSparsePostings(chunks));
    const older = await loadSparseIndex(directory);
    const newer = await loadSparseIndex(directory, SPARSE_POSTINGS_FILE);
    for (const question of questionsOf(WORDS, 30, 8)) {
      expect(older.search(question, { k: 10, headingBoost: 1.5 })).toEqual(newer.search(question, { k: 10, headingBoost: 1.5 }));
    }
    await expect(loadSparseIndex(directory, "sparse.v9.bin")).rejects.toThrow('the manifest names the full-text index file "sparse.v9.bin", which this version cannot read');
  });
});
