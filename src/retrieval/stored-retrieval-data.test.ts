import { describe, expect, it } from "vitest";
import type { Chunk } from "../chunking/types.js";
import { DEFAULT_SCORING } from "../config/scoring.js";
import type { SearchBackend } from "../index/search-backend.js";
import { buildCorpusVocabulary } from "./corpus-vocabulary.js";
import { FEATURES_FILE, loadRetrievalData, retrievalFiles, termStatisticsOf, VOCABULARY_FILE } from "./stored-retrieval-data.js";
import { seededRandom } from "../math/seeded-random.js";
import { ChunkFeatureTable } from "./chunk-features.js";
import { correctTypos } from "./typo-correction.js";

const chunk = (docId: string, ordinal: number, headingPath: string[], text: string): Chunk => ({
  id: `${docId}#${ordinal}`, docId, ordinal, title: headingPath[0] ?? docId, section: headingPath.at(-1) ?? docId, headingPath, text, metadata: {},
});
const chunks = [
  chunk("rates", 0, ["Rate Sheet", "CDs"], "The 12-month CD pays 4.10% APY. The 24-month CD pays 3.90% APY in Q3 2026."),
  chunk("rates", 1, ["Rate Sheet", "Loans"], "A 48-month personal loan starts at 8.99% APR for Ember 20 members."),
  chunk("fees", 0, ["Fee Schedule"], "Outgoing wire transfers cost $30; incoming wires are free. Overdraft fee: $35. Same-day wires cost more."),
];
const manifest = { documents: [] } as unknown as SearchBackend["manifest"];

function backend(files: Map<string, Buffer>, of: Chunk[] = chunks): SearchBackend {
  return {
    kind: "hnsw",
    manifest,
    chunks: of,
    embeddings: {} as SearchBackend["embeddings"],
    dense: async () => [],
    sparse: async () => ({ hits: [], lexicalSupport: async () => 0 }),
    derivedFile: async (name) => files.get(name),
    close: () => {},
  };
}

const stored = async (of: Chunk[] = chunks, workers = 1) => new Map((await retrievalFiles(of, { workers })).map((file) => [file.name, Buffer.from(file.data)]));

describe("stored retrieval data", () => {
  it("reads back the vocabulary, statistics and features that building them from the chunks gives", async () => {
    const data = await loadRetrievalData(backend(await stored()), DEFAULT_SCORING);
    expect(data.computedAtLoad).toEqual([]);
    const built = buildCorpusVocabulary(manifest, chunks, DEFAULT_SCORING);
    expect(data.vocabulary.names).toEqual(built.names);
    expect(data.vocabulary.profiles).toEqual(built.profiles);
    expect(data.vocabulary.profiles.size).toBeGreaterThan(0);
    expect([...data.vocabulary.typos.tokenFrequency]).toEqual([...built.typos.tokenFrequency]);
    expect([...data.vocabulary.typos.wordsByLength]).toEqual([...built.typos.wordsByLength]);
    expect([...data.vocabulary.typos.compounds]).toEqual([...built.typos.compounds]);
    expect(data.vocabulary.typos.compounds.get("sameday")).toEqual(["same-day", 1]);
    expect([...data.vocabulary.typos.context.hashes]).toEqual([...built.typos.context.hashes]);
    expect(data.vocabulary.typos.context.adjacent("outgo", "wire")).toBe(true);
    expect(correctTypos("the overdrat fee for wirse", data.vocabulary.typos, DEFAULT_SCORING.typos).text).toBe(correctTypos("the overdrat fee for wirse", built.typos, DEFAULT_SCORING.typos).text);
    const statistics = termStatisticsOf(chunks);
    for (const term of ["wire", "cd", "rate", "fee", "never"]) expect(data.statistics.idf(term)).toBe(statistics.idf(term));
    expect(data.statistics.knows("never")).toBe(false);
    expect(data.features.count).toBe(chunks.length);
    expect(data.features.get(2).body.has("overdraft")).toBe(true);
    expect(data.features.get(1).numbers.has("8.99")).toBe(true);
  });

  it("computes what a build made before they were stored lacks, and says so", async () => {
    const data = await loadRetrievalData(backend(new Map()), DEFAULT_SCORING);
    expect(data.computedAtLoad).toEqual([VOCABULARY_FILE, FEATURES_FILE]);
    expect(data.vocabulary.names).toEqual(buildCorpusVocabulary(manifest, chunks, DEFAULT_SCORING).names);
    expect(data.features.get(0).pairs.has("24_month")).toBe(true);
  });

  it("computes the vocabulary again when the stored one is of another format", async () => {
    const files = await stored();
    const vocabulary = JSON.parse(files.get(VOCABULARY_FILE)!.toString("utf8")) as { format: number };
    files.set(VOCABULARY_FILE, Buffer.from(JSON.stringify({ ...vocabulary, format: vocabulary.format + 1 })));
    const data = await loadRetrievalData(backend(files), DEFAULT_SCORING);
    expect(data.computedAtLoad).toEqual([VOCABULARY_FILE]);
    expect(data.vocabulary.names).toEqual(buildCorpusVocabulary(manifest, chunks, DEFAULT_SCORING).names);
  });
});

describe("stored retrieval data built on worker threads", () => {
  // Enough chunks for several slices (256 chunks at least each), with hyphenated compounds, numbers, tables and names.
  const random = seededRandom(5);
  const words = ["wire", "transfer", "pre-approval", "Cobalt", "Harbor", "fee", "overdraft", "rate", "12-month", "CD", "APY", "loan", "same-day", "branch", "| Plan | Fee |", "because", "4.10%", "$30", "Q3", "2026", "statement", "card"];
  const many = Array.from({ length: 700 }, (_, index) =>
    chunk(`doc-${Math.floor(index / 3)}`, index % 3, [`Title ${Math.floor(index / 3) % 40}`, `Section ${words[index % words.length]}`], Array.from({ length: 20 + (index % 30) }, () => words[Math.floor(random() * words.length)]).join(" ")),
  );

  it("writes the same bytes with two workers as in one thread, and the same data as building it at once", async () => {
    const inThread = await stored(many, 1);
    const inWorkers = await stored(many, 2);
    expect(inWorkers.get(VOCABULARY_FILE)!.equals(inThread.get(VOCABULARY_FILE)!)).toBe(true);
    expect(inWorkers.get(FEATURES_FILE)!.equals(inThread.get(FEATURES_FILE)!)).toBe(true);
    expect(inWorkers.get(FEATURES_FILE)!.equals(ChunkFeatureTable.build(many).encode())).toBe(true);
    const data = await loadRetrievalData(backend(inWorkers, many), DEFAULT_SCORING);
    const built = buildCorpusVocabulary(manifest, many, DEFAULT_SCORING);
    expect([...data.vocabulary.typos.tokenFrequency]).toEqual([...built.typos.tokenFrequency]);
    expect([...data.vocabulary.typos.compounds]).toEqual([...built.typos.compounds]);
    expect(data.vocabulary.typos.compounds.get("preapproval")?.[0]).toBe("pre-approval");
    expect([...data.vocabulary.typos.context.hashes]).toEqual([...built.typos.context.hashes]);
    expect(data.vocabulary.names).toEqual(built.names);
    expect(data.vocabulary.profiles).toEqual(built.profiles);
    const statistics = termStatisticsOf(many);
    expect(data.statistics.toStored()).toEqual(statistics.toStored());
  });
});
