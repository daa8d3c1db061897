import { describe, expect, it } from "vitest";
import type { Chunk } from "../chunking/types.js";
import { loadConfig } from "../config/config.js";
import type { SearchBackend } from "../index/search-backend.js";
import { buildCorpusVocabulary } from "./corpus-vocabulary.js";
import { candidatePool, hybridSearch, type HybridSearchDeps } from "./hybrid-search.js";
import { prepareQuery } from "./query.js";
import { ChunkFeatureTable } from "./chunk-features.js";
import { TermStatistics } from "./term-statistics.js";

const chunk = (docId: string, ordinal: number, text: string): Chunk => ({
  id: `${docId}#${ordinal}`, docId, ordinal, title: docId, section: docId, headingPath: [docId], text, metadata: { docId },
});
const chunks = [chunk("wires", 0, "wire fee $30"), chunk("wires", 1, "wire cutoff 4pm"), chunk("wires", 2, "wire limits"), chunk("cards", 0, "card fee")];

/** A backend whose two sides return fixed rankings, counting its calls. */
function fakeBackend(sparseLabels: number[], denseLabels: number[]) {
  const calls = { dense: 0, sparse: 0, lexical: 0 };
  const backend: SearchBackend = {
    kind: "hnsw",
    manifest: { documents: [] } as unknown as SearchBackend["manifest"],
    embeddings: { embedQuery: async () => [1, 0], embedDocuments: async () => [] } as unknown as SearchBackend["embeddings"],
    chunks,
    derivedFile: async () => undefined,
    close: () => {},
    async dense() {
      calls.dense += 1;
      return denseLabels.map((label, index) => ({ label, score: 1 - index / 10 }));
    },
    async sparse() {
      calls.sparse += 1;
      return { hits: sparseLabels.map((label, index) => ({ label, score: 10 - index })), lexicalSupport: async () => ((calls.lexical += 1), 0.25) };
    },
  };
  return { backend, calls };
}

function deps(backend: SearchBackend, env: Record<string, string> = {}): HybridSearchDeps {
  const config = loadConfig({ RETRIEVAL_RERANK: "false", RETRIEVAL_ENTITY_BOOST: "0", ...env });
  return {
    backend,
    settings: config.retrieval,
    scoring: config.scoring,
    vocabulary: buildCorpusVocabulary(backend.manifest, chunks, config.scoring),
    statistics: new TermStatistics(chunks.map((entry) => entry.text)),
    features: ChunkFeatureTable.build(chunks),
  };
}

const query = (text: string, d: HybridSearchDeps) => prepareQuery(text, d.vocabulary, { typoCorrection: false, typos: d.scoring.typos });

describe("hybridSearch", () => {
  it("fuses both sides with RRF and caps chunks per document", async () => {
    const { backend } = fakeBackend([0, 1, 2, 3], [1, 0, 2, 3]);
    const d = deps(backend, { RETRIEVAL_MAX_PER_DOCUMENT: "2" });
    const { chunks: found } = await hybridSearch(d, query("wire fee", d), { topK: 3 });
    // 0 and 1 tie on RRF (1/61 + 1/62) and keep first-appearance order; a third wires chunk is over the cap.
    expect(found.map((entry) => entry.id)).toEqual(["wires#0", "wires#1", "cards#0"]);
    expect(found.map((entry) => entry.rank)).toEqual([1, 2, 3]);
  });

  it("orders a document's chunks by body evidence: its chunk about the cutoff takes the place its first chunk earned", async () => {
    const { backend } = fakeBackend([0, 1, 2, 3], [0, 1, 2, 3]);
    const on = deps(backend);
    const off = deps(backend, { RETRIEVAL_DOCUMENT_FIRST: "false" });
    // "wire" is in the document's title ("wires"), so only "cutoff" tells its chunks apart.
    expect((await hybridSearch(off, query("wire cutoff", off), { topK: 2 })).chunks.map((entry) => entry.id)).toEqual(["wires#0", "wires#1"]);
    const { chunks: found } = await hybridSearch(on, query("wire cutoff", on), { topK: 2 });
    expect(found.map((entry) => entry.id)).toEqual(["wires#1", "wires#0"]);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });

  it("adds a feedback-word search only when feedback is on", async () => {
    const { backend, calls } = fakeBackend([0, 1, 2, 3], [0, 1, 2, 3]);
    const off = deps(backend);
    await hybridSearch(off, query("wire cutoff", off));
    expect(calls.sparse).toBe(1);
    const on = deps(backend, { RETRIEVAL_FEEDBACK: "true" });
    await hybridSearch(on, query("wire cutoff", on));
    expect(calls.sparse).toBe(3);
  });

  it("runs full-text search once per question: the same search gives candidates and lexical support", async () => {
    const { backend, calls } = fakeBackend([3], [3]);
    const d = deps(backend);
    const retrieval = await hybridSearch(d, query("notary services", d));
    expect((await retrieval.signals()).lexical).toBe(0.25);
    await retrieval.support();
    expect(calls).toEqual({ dense: 1, sparse: 1, lexical: 1 });
  });

  it("gives support 1 without asking the full-text engine when a top chunk holds every term", async () => {
    const { backend, calls } = fakeBackend([0], [0]);
    const d = deps(backend);
    expect((await (await hybridSearch(d, query("wire fee", d))).signals()).lexical).toBe(1);
    expect(calls.lexical).toBe(0);
  });

  it("in dense mode asks the full-text engine only when support is needed", async () => {
    const { backend, calls } = fakeBackend([3], [3]);
    const d = deps(backend, { RETRIEVAL_MODE: "dense" });
    const retrieval = await hybridSearch(d, query("notary", d));
    expect(calls.sparse).toBe(0);
    expect((await retrieval.signals()).lexical).toBe(0.25);
    expect(calls.sparse).toBe(1);
  });
  it("searches a question asking why without its asking words, and only with the reasons stage on", async () => {
    const searched: string[] = [];
    const embedded: string[] = [];
    const { backend } = fakeBackend([0, 1], [1, 0]);
    const spy: SearchBackend = {
      ...backend,
      embeddings: { embedQuery: async (text: string) => (embedded.push(text), [1, 0]), embedDocuments: async () => [] } as unknown as SearchBackend["embeddings"],
      sparse: async (text, count, filters) => (searched.push(text), backend.sparse(text, count, filters)),
    };
    const on = deps(spy);
    await hybridSearch(on, query("What caused the wire fee increase?", on), { topK: 2 });
    expect([searched.at(-1), embedded.at(-1)]).toEqual(["the wire fee increase?", "the wire fee increase?"]);
    const off = deps(spy, { RETRIEVAL_REASONS: "false" });
    await hybridSearch(off, query("What caused the wire fee increase?", off), { topK: 2 });
    expect(searched.at(-1)).toBe("What caused the wire fee increase?");
  });
});

describe("candidatePool", () => {
  const settings = { poolPerTopK: 3, poolShare: 0.05, maxSharePool: 200, otherVariant: 0.85 };
  it("takes the floor for a small corpus, a share of a larger one, and caps the share", () => {
    expect(candidatePool(50, 6, 857, settings)).toBe(50);
    expect(candidatePool(50, 6, 3227, settings)).toBe(162);
    expect(candidatePool(50, 6, 32_087, settings)).toBe(200);
    expect(candidatePool(50, 50, 300, settings)).toBe(150);
  });
});
