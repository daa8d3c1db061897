// Shared conformance cases for every index backend (hono-style): each backend's test file calls
// `runSearchBackendCases` with how to configure it. Same documents in, same results out.
import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { contextualText } from "../chunking/types.js";
import { type Config, loadConfig } from "../config/config.js";
import { createRagContext, ingest, type RagContext } from "../context.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import { resolveCorpus } from "../corpus/manifest.js";
import { createEmbedderProvider } from "../embeddings/create-embedder-provider.js";
import { IndexNotFoundError, IndexStaleError } from "../errors.js";
import { startOpenAIStub } from "../../test/support/openai-stub.js";
import { createIndexStore } from "./create-index-store.js";
import { hnswBySize } from "./hnsw-settings.js";

export interface BackendUnderTest {
  /** Environment that selects and configures the backend (INDEX_BACKEND, DATABASE_URL, ...). */
  env: Record<string, string>;
  /** What the backend has stored for builds of a corpus (version folders, tables), sorted. */
  artifacts(config: Config, corpusName: string): Promise<string[]>;
  close(): Promise<void>;
}

const page = (front: Record<string, string>, body: string) =>
  `---\n${Object.entries(front).map(([key, value]) => `${key}: ${value}`).join("\n")}\n---\n# ${front.title}\n\n${body}\n`;

const FILES: Record<string, string> = {
  "wires.md": page(
    { id: "wires", title: "Wire Guide", doc_type: "guide", product: "[Harbor Wire]", effective_date: '"2026-01-01"', tier: "1" },
    "## Fees\n\nOutgoing wires cost $30 and incoming wires cost $15.\n\n## Cutoff\n\nDomestic wires sent before 4 p.m. go out the same business day.",
  ),
  "cards.md": page(
    { id: "cards", title: "Card Guide", doc_type: "faq", product: "[Harbor Debit, Harbor Credit]", effective_date: '"2026-03-01"', tier: "2" },
    "## Lost cards\n\nLock a lost card in the mobile app and call the fraud line at once.\n\n## Limits\n\nThe daily ATM withdrawal limit is $1,000 per card.",
  ),
  "loans.md": page(
    { id: "loans", title: "Loan Rates", doc_type: "rate-sheet", product: "[Harbor Loan]", effective_date: '"2026-06-01"', tier: "3" },
    "## Rates\n\nPersonal loans range from 8.99% to 24.99% APR depending on credit.\n\n## Terms\n\nLoan terms run from 24 to 72 months with no prepayment penalty.",
  ),
  "savings.md": page(
    { id: "savings", title: "Savings Rates", doc_type: "rate-sheet", product: "[Harbor Savings]", effective_date: '"2026-09-01"', tier: "4" },
    "## Rates\n\nHarbor Savings pays 0.40% APY on all balances, compounded daily.\n\n## Withdrawals\n\nSix free withdrawals per statement cycle; each further one costs $10.",
  ),
};

/** Runs every conformance case against one backend. */
export function runSearchBackendCases(name: string, start: () => Promise<BackendUnderTest>): void {
  describe(`search backend conformance: ${name}`, () => {
    let backend: BackendUnderTest;
    let root: string;
    let corpusDir: string;
    let config: Config;
    let context: RagContext | undefined;
    let counter = 0;

    const configFor = (extra: Record<string, string> = {}) =>
      loadConfig({ ...backend.env, CORPORA_DIR: root, DATA_DIR: path.join(root, "data"), LOG_LEVEL: "silent", EMBEDDINGS_DIMENSIONS: "8", RETRIEVAL_CANDIDATES: "20", ...extra });

    async function writeCorpus(files: Record<string, string>): Promise<void> {
      await mkdir(corpusDir, { recursive: true });
      await writeFile(
        path.join(corpusDir, "corpus.json"),
        JSON.stringify({ name: path.basename(corpusDir), domain: "banking", description: "A tiny test corpus.", include: ["*.md"], chunking: { maxWords: 60, minWords: 0 } }),
      );
      for (const [file, text] of Object.entries(files)) await writeFile(path.join(corpusDir, file), text);
    }

    async function open(): Promise<RagContext> {
      await context?.close();
      context = await createRagContext(config);
      return context;
    }

    const sections = ({ chunks }: { chunks: Array<{ docId: string; section: string }> }) => chunks.map((chunk) => `${chunk.docId}/${chunk.section}`);

    beforeAll(async () => {
      backend = await start();
    });
    afterAll(() => backend.close());
    beforeEach(async () => {
      root = await mkdtemp(path.join(os.tmpdir(), "rag-backend-"));
      counter += 1;
      // A corpus name per case: cases sharing one database never see each other's builds.
      corpusDir = path.join(root, `mini${counter}`);
      await writeCorpus(FILES);
      config = configFor({ CORPUS: corpusDir });
    });
    afterEach(async () => {
      await context?.close();
      context = undefined;
      await rm(root, { recursive: true, force: true });
    });

    it("reports a missing index with the command that builds it", async () => {
      await expect(createRagContext(config)).rejects.toThrow(IndexNotFoundError);
      await expect(createRagContext(config)).rejects.toThrow(`npm run ingest -- --corpus mini${counter}`);
    });

    it("builds every chunk and finds the exact nearest neighbours by cosine similarity", async () => {
      const { manifest } = await ingest(config);
      expect(manifest.counts).toEqual({ documents: 4, chunks: 8, skipped: 0 });
      const { backend: search } = await open();
      expect(search.kind).toBe(name);
      expect(search.chunks.map((chunk) => `${chunk.docId}/${chunk.section}`)).toEqual([
        "cards/Lost cards", "cards/Limits", "loans/Rates", "loans/Terms", "savings/Rates", "savings/Withdrawals", "wires/Fees", "wires/Cutoff",
      ]);
      // Texts are read from a chunk text file when asked for, not held (pgvector: copied out of the rows at load).
      expect(search.chunks.every((chunk) => typeof Object.getOwnPropertyDescriptor(chunk, "text")?.get === "function")).toBe(true);
      expect(search.chunks.find((chunk) => chunk.docId === "wires" && chunk.section === "Fees")?.text).toContain("Outgoing wires cost $30");
      // Brute force over the same vectors: the approximate index must agree on these small sets.
      const vectors = await search.embeddings.embedDocuments(search.chunks.map(contextualText));
      const cosine = (a: number[], b: number[]) => {
        const dot = a.reduce((sum, value, index) => sum + value * b[index]!, 0);
        return dot / (Math.hypot(...a) * Math.hypot(...b) || 1);
      };
      for (const query of ["incoming wire fee", "lost card fraud line", "savings APY balances", "loan terms months"]) {
        const vector = await search.embeddings.embedQuery(query);
        const exact = vectors.map((chunk, label) => ({ label, score: cosine(vector, chunk) })).sort((a, b) => b.score - a.score);
        const found = await search.dense(vector, 3);
        expect(found.map((hit) => hit.score)).toEqual(exact.slice(0, 3).map((hit) => expect.closeTo(hit.score, 5)));
        // Labels may differ only between chunks of equal score (ties).
        found.forEach((hit, rank) => expect(vectors[hit.label] && cosine(vector, vectors[hit.label]!)).toBeCloseTo(exact[rank]!.score, 5));
      }
    });

    it("releases the build's chunk text file when its context is closed (a replica switching builds)", async () => {
      await ingest(config);
      const opened = await open();
      const chunk = opened.backend.chunks[0]!;
      expect(chunk.text.length).toBeGreaterThan(0);
      await opened.close();
      context = undefined;
      expect(() => chunk.text).toThrow(/closed/);
    });

    it("ranks the same chunks first for the same questions (hybrid, dense only, sparse only)", async () => {
      await ingest(config);
      const retriever = (await open()).retriever;
      const top = async (question: string, topK = 2) => sections(await retriever.search(question, { topK }));
      expect(await top("What does an incoming wire cost?")).toEqual(["wires/Fees", "wires/Cutoff"]);
      expect(await top("I lost my card, what should I do?", 1)).toEqual(["cards/Lost cards"]);
      expect(await top("What APY does Harbor Savings pay?", 1)).toEqual(["savings/Rates"]);
      expect(await top("How many months can a personal loan run?", 1)).toEqual(["loans/Terms"]);
      const sparseOnly = (await createRagContext(configFor({ CORPUS: corpusDir, RETRIEVAL_MODE: "sparse" })));
      try {
        expect(sections(await sparseOnly.retriever.search("daily ATM withdrawal limit", { topK: 1 }))).toEqual(["cards/Limits"]);
        expect((await sparseOnly.retriever.search("quantum entanglement", { topK: 3 })).chunks).toEqual([]);
      } finally {
        await sparseOnly.close();
      }
    });

    it("applies metadata filters before the top-k cut: case-insensitive equality, any-of, array membership, ranges", async () => {
      await ingest(config);
      const retriever = (await open()).retriever;
      const docs = async (filters: Parameters<typeof retriever.search>[1] extends infer O ? O extends { filters?: infer F } ? F : never : never) =>
        [...new Set((await retriever.search("rates fees limits wires cards loans savings", { topK: 8, filters })).chunks.map((chunk) => chunk.docId))].sort();
      expect(await docs({ doc_type: "FAQ" })).toEqual(["cards"]);
      expect(await docs({ doc_type: ["guide", "Rate-Sheet"] })).toEqual(["loans", "savings", "wires"]);
      expect(await docs({ product: "harbor credit" })).toEqual(["cards"]);
      expect(await docs({ product: ["Harbor Savings", "Harbor Wire"] })).toEqual(["savings", "wires"]);
      expect(await docs({ effective_date: { gte: "2026-03-01", lte: "2026-06-30" } })).toEqual(["cards", "loans"]);
      expect(await docs({ tier: { gte: 3 } })).toEqual(["loans", "savings"]);
      expect(await docs({ doc_type: "rate-sheet", effective_date: { lte: "2026-07-01" } })).toEqual(["loans"]);
      expect(await docs({ missing_field: "x" })).toEqual([]);
      // Keys and values are data, never SQL.
      expect(await docs({ "doc_type') OR (1=1": "x'; DROP TABLE rag_current; --" })).toEqual([]);
      expect(await docs({ doc_type: "guide" })).toEqual(["wires"]);
      // The filter holds before the cut: a question about wires, filtered to FAQs, still fills the top-k.
      const filtered = await retriever.search("What does an incoming wire cost?", { topK: 2, filters: { doc_type: "faq" } });
      expect(sections(filtered).sort()).toEqual(["cards/Limits", "cards/Lost cards"]);
    });

    it("scores lexical support: 1 when a top chunk holds every question word, low for a question the corpus does not answer", async () => {
      await ingest(config);
      const retriever = (await open()).retriever;
      const support = async (question: string, filters?: Record<string, string>) => (await (await retriever.search(question, { filters })).signals()).lexical;
      expect(await support("incoming wires cost")).toBe(1);
      expect(await support("Who won the football world cup?")).toBe(0);
      const partial = await support("What is the fee for notary services?");
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(0.5);
    });

    it("re-indexes incrementally: unchanged chunks keep their vectors, deleted documents disappear, new ones are found", async () => {
      const first = await ingest(config);
      expect(first.manifest.build).toMatchObject({ mode: "full", model: "fitted" });
      await writeFile(path.join(corpusDir, "wires.md"), FILES["wires.md"]!.replace("$30", "$35"));
      await unlink(path.join(corpusDir, "loans.md"));
      await writeFile(path.join(corpusDir, "checks.md"), page({ id: "checks", title: "Check Guide", doc_type: "guide" }, "## Ordering checks\n\nA box of personal checks costs $25."));
      // Changing 3 of 8 chunks stays under the refit limit only when it is raised; keep the model to compare vectors.
      const second = await ingest(config, { onStage: () => undefined });
      expect(second.manifest.build).toMatchObject({ documents: { added: 1, changed: 1, removed: 1, unchanged: 2 } });
      const { retriever, backend: search } = await open();
      expect(search.manifest.buildId).toBe(second.manifest.buildId);
      expect(search.chunks.some((chunk) => chunk.docId === "loans")).toBe(false);
      expect(sections(await retriever.search("personal loan APR months", { topK: 6 })).some((hit) => hit.startsWith("loans/"))).toBe(false);
      expect(sections(await retriever.search("How much is a box of checks?", { topK: 1 }))).toEqual(["checks/Ordering checks"]);
      expect((await retriever.search("outgoing wire cost", { topK: 1 })).chunks[0]!.text).toContain("$35");
      // Nothing changed: everything is reused.
      const third = await ingest(config);
      expect(third.manifest.build).toMatchObject({ mode: "incremental", model: "reused", chunks: { embedded: 0, reused: 7 } });
    });

    it("with a fixed embedder, embeds only changed chunks and answers exactly like a full rebuild", async () => {
      const stub = await startOpenAIStub();
      try {
        config = configFor({ CORPUS: corpusDir, EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_BASE_URL: stub.baseURL, EMBEDDINGS_MODEL: "stub-embed", EMBEDDINGS_DIMENSIONS: "26" });
        await ingest(config);
        await writeFile(path.join(corpusDir, "wires.md"), FILES["wires.md"]!.replace("$30", "$35"));
        await unlink(path.join(corpusDir, "loans.md"));
        await writeFile(path.join(corpusDir, "checks.md"), page({ id: "checks", title: "Check Guide", doc_type: "guide" }, "## Ordering checks\n\nA box of personal checks costs $25."));
        stub.embeddingRequests.length = 0;
        const incremental = await ingest(config);
        // Only the changed section and the new document went to the embedder.
        expect(stub.embeddingRequests.flatMap((request) => request.input)).toHaveLength(2);
        expect(incremental.manifest.build).toMatchObject({ mode: "incremental", model: "remote", chunks: { embedded: 2, reused: 5 } });
        const queries = ["incoming wire fee", "lost card", "savings APY", "box of checks", "withdrawal limit"];
        const searchAll = async () => {
          const { backend: search } = await open();
          const results: string[][] = [];
          for (const query of queries) {
            const hits = await search.dense(await search.embeddings.embedQuery(query), 4);
            results.push(hits.map((hit) => `${search.chunks[hit.label]!.id}@${hit.score.toFixed(5)}`));
          }
          return results;
        };
        const afterIncremental = await searchAll();
        const full = await ingest(config, { full: true });
        expect(full.manifest.build.mode).toBe("full");
        expect(await searchAll()).toEqual(afterIncremental);
      } finally {
        await context?.close();
        context = undefined;
        await stub.close();
      }
    });

    it("keeps the previous build current and queryable when an ingest fails", async () => {
      const first = await ingest(config);
      const stored = await backend.artifacts(config, `mini${counter}`);
      expect(stored).toHaveLength(1);
      await writeFile(path.join(corpusDir, "wires.md"), FILES["wires.md"]!.replace("$30", "$45"));
      const store = createIndexStore(config);
      const provider = createEmbedderProvider(config);
      const loaded = await loadCorpus(await resolveCorpus(config.corpus, config.corporaDir));
      const failing = {
        ...provider,
        persist: async () => Promise.reject(new Error("disk full")),
      };
      try {
        await expect(store.build(loaded, { provider: failing, hnsw: hnswBySize(config.index, config.scoring.hnsw), full: true })).rejects.toThrow("disk full");
        expect((await store.currentManifest(loaded.corpus.manifest.name))?.buildId).toBe(first.manifest.buildId);
        // Nothing of the failed build is left behind.
        expect(await backend.artifacts(config, `mini${counter}`)).toEqual(stored);
      } finally {
        await store.close();
      }
      // The corpus changed, so loading says the index is stale, but the old build is intact.
      await expect(createRagContext(config)).rejects.toThrow(IndexStaleError);
      await writeFile(path.join(corpusDir, "wires.md"), FILES["wires.md"]!);
      const { retriever, backend: search } = await open();
      expect(search.manifest.buildId).toBe(first.manifest.buildId);
      expect(sections(await retriever.search("What does an incoming wire cost?", { topK: 1 }))).toEqual(["wires/Fees"]);
    });
  });
}
