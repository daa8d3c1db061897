import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenAIStub, type OpenAIStub } from "../../test/support/openai-stub.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import { resolveCorpus } from "../corpus/manifest.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { localEmbedderProvider } from "../embeddings/local-provider.js";
import { openAIEmbedderProvider } from "../embeddings/openai-provider.js";
import { buildIndex } from "./build-index.js";
import { loadIndex, readCurrentManifest } from "./load-index.js";

let root: string;
let corpusDir: string;
let stub: OpenAIStub;
const hnsw = { m: 16, efConstruction: 100 };

const doc = (id: string, body: string) => `---\nid: ${id}\ntitle: ${id} guide\n---\n# ${id} guide\n\n${body}\n`;
const FILES: Record<string, string> = {
  "wires.md": doc("wires", "## Fees\n\nOutgoing wires cost $30 and incoming wires cost $15.\n\n## Cutoff\n\nDomestic wires sent before 4 p.m. go out the same day."),
  "cards.md": doc("cards", "## Lost cards\n\nLock a lost card in the app and call the fraud line.\n\n## Limits\n\nThe daily ATM limit is $1,000."),
  "loans.md": doc("loans", "## Rates\n\nPersonal loans range from 8.99% to 24.99% APR.\n\n## Terms\n\nTerms run from 24 to 72 months."),
};

async function writeCorpus(files: Record<string, string>): Promise<void> {
  await mkdir(corpusDir, { recursive: true });
  await writeFile(path.join(corpusDir, "corpus.json"), JSON.stringify({ name: "mini", domain: "test", description: "Tiny.", include: ["*.md"], chunking: { maxWords: 50, minWords: 0 } }));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(corpusDir, name), text);
}

async function build(dataDir: string, provider: EmbedderProvider, full = false) {
  const loaded = await loadCorpus(await resolveCorpus(corpusDir, "unused"));
  const previous = await readCurrentManifest(dataDir, "mini");
  return buildIndex(loaded, { dataDir, provider, hnsw, previous, full });
}

async function searchAll(dataDir: string, provider: EmbedderProvider, queries: string[]) {
  const loaded = await loadCorpus(await resolveCorpus(corpusDir, "unused"));
  const index = await loadIndex({
    dataDir,
    provider,
    expected: { corpusName: "mini", contentHash: loaded.contentHash, embedderId: provider.id, chunking: { maxWords: 50, minWords: 0 }, hnsw },
    efSearch: 50,
    fixCommand: "ingest",
  });
  const results: string[][] = [];
  for (const query of queries) {
    const hits = await index.store.similaritySearchVectorWithScore(await index.embeddings.embedQuery(query), 4);
    results.push(hits.map(([document, distance]) => `${document.metadata.chunkId}@${distance.toFixed(6)}`));
  }
  return results;
}

beforeAll(async () => {
  stub = await startOpenAIStub();
});
afterAll(() => stub.close());
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rag-incremental-"));
  corpusDir = path.join(root, "mini");
  await writeCorpus(FILES);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function changeCorpus(): Promise<void> {
  await writeFile(path.join(corpusDir, "wires.md"), FILES["wires.md"]!.replace("$30", "$35"));
  await unlink(path.join(corpusDir, "loans.md"));
  await writeFile(path.join(corpusDir, "savings.md"), doc("savings", "## Rates\n\nHarbor Savings pays 0.40% APY on all balances."));
}

describe("incremental re-indexing", () => {
  it("gives the same chunk ids and search results as a full rebuild (OpenAI-compatible embedder on the loopback stub)", async () => {
    const provider = openAIEmbedderProvider({ model: "stub-embed", baseURL: stub.baseURL, batchSize: 16, timeoutMs: 5_000, queryTimeoutMs: 5_000 });
    const incrementalDir = path.join(root, "incremental");
    await build(incrementalDir, provider);
    await changeCorpus();
    stub.embeddingRequests.length = 0;
    const incremental = await build(incrementalDir, provider);
    // Only the changed section and the new document were sent to the embedder.
    expect(stub.embeddingRequests.flatMap((request) => request.input)).toHaveLength(2);
    expect(incremental.manifest.build).toMatchObject({
      mode: "incremental",
      documents: { added: 1, changed: 1, removed: 1, unchanged: 1 },
      chunks: { embedded: 2, reused: 3 },
      model: "remote",
    });
    const fullDir = path.join(root, "full");
    const full = await build(fullDir, provider, true);
    expect(full.manifest.build.mode).toBe("full");
    const chunkIds = async (dir: string) => (await loadIndex({ dataDir: dir, provider, expected: { corpusName: "mini", embedderId: provider.id, chunking: { maxWords: 50, minWords: 0 }, hnsw }, efSearch: 50, fixCommand: "" })).store.docstore._docs;
    expect([...(await chunkIds(incrementalDir)).values()].map((document) => document.id)).toEqual([...(await chunkIds(fullDir)).values()].map((document) => document.id));
    const queries = ["incoming wire fee", "lost card", "savings APY", "personal loan rates"];
    expect(await searchAll(incrementalDir, provider, queries)).toEqual(await searchAll(fullDir, provider, queries));
  });

  it("with the local embedder, keeps the fitted model, embeds only what changed, and drops removed documents", async () => {
    const provider = localEmbedderProvider({ dimensions: 8 });
    const dataDir = path.join(root, "data");
    const first = await build(dataDir, provider);
    expect(first.manifest.build).toMatchObject({ mode: "full", model: "fitted" });
    const unchanged = await build(dataDir, provider);
    expect(unchanged.manifest.build).toMatchObject({ mode: "incremental", model: "reused", chunks: { embedded: 0, reused: 6 } });
    await writeFile(path.join(corpusDir, "cards.md"), FILES["cards.md"]!.replace("$1,000", "$1,500"));
    await unlink(path.join(corpusDir, "loans.md"));
    const changed = await build(dataDir, provider, false);
    expect(changed.manifest.build).toMatchObject({ mode: "incremental", documents: { changed: 1, removed: 1, unchanged: 1 }, chunks: { embedded: 1, reused: 3 } });
    expect(changed.manifest.embedder.modelBuildId).toBe(first.manifest.buildId);
    const results = await searchAll(dataDir, provider, ["personal loans APR terms months"]);
    expect(results[0]!.some((hit) => hit.startsWith("loans#"))).toBe(false);
  });

  it("rebuilds in full, saying why, when the embedder or chunking changes", async () => {
    const dataDir = path.join(root, "data");
    await build(dataDir, localEmbedderProvider({ dimensions: 8 }));
    const other = await build(dataDir, localEmbedderProvider({ dimensions: 4 }));
    expect(other.manifest.build.mode).toBe("full");
    expect(other.manifest.build.reason).toMatch(/index was built with embedder local-lsa-v1\(d=8.*config says local-lsa-v1\(d=4/);
  });
});
