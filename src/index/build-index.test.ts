import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../corpus/load-corpus.js";
import { resolveCorpus } from "../corpus/manifest.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { localEmbedderProvider } from "../embeddings/local-provider.js";
import { IndexNotFoundError, IndexStaleError } from "../errors.js";
import { buildIndex } from "./build-index.js";
import type { IndexExpectations } from "./index-manifest.js";
import { loadIndex } from "./load-index.js";

let root: string;
let corpusDir: string;
let dataDir: string;
const provider = localEmbedderProvider({ dimensions: 8 });
const hnsw = { m: 16, efConstruction: 100 };

async function writeCorpus(files: Record<string, string>): Promise<void> {
  await mkdir(corpusDir, { recursive: true });
  await writeFile(
    path.join(corpusDir, "corpus.json"),
    JSON.stringify({ name: "mini", domain: "test", description: "A tiny test corpus.", include: ["*.md"], chunking: { maxWords: 50, minWords: 0 } }),
  );
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(corpusDir, name), text);
}

async function build(buildProvider: EmbedderProvider = provider) {
  const corpus = await resolveCorpus(corpusDir, "unused");
  return buildIndex(await loadCorpus(corpus), { dataDir, provider: buildProvider, hnsw });
}

async function expectations(overrides: Partial<IndexExpectations> = {}): Promise<IndexExpectations> {
  const loaded = await loadCorpus(await resolveCorpus(corpusDir, "unused"));
  return { corpusName: "mini", contentHash: loaded.contentHash, embedderId: provider.id, chunking: { maxWords: 50, minWords: 0 }, hnsw, ...overrides };
}

const load = async (overrides: Partial<IndexExpectations> = {}) =>
  loadIndex({ dataDir, provider, expected: await expectations(overrides), efSearch: 50, fixCommand: "npm run ingest -- --corpus mini" });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rag-index-"));
  corpusDir = path.join(root, "mini");
  dataDir = path.join(root, "data");
  await writeCorpus({
    "wires.md": "---\nid: wires\ntitle: Wire Guide\n---\n# Wire Guide\n\n## Fees\n\nOutgoing wires cost $30 and incoming wires cost $15.\n\n## Cutoff\n\nDomestic wires sent before 4 p.m. go out the same day.\n",
    "cards.md": "---\nid: cards\ntitle: Card Guide\n---\n# Card Guide\n\n## Lost cards\n\nLock a lost card in the app and call the fraud line.\n\n## Limits\n\nThe daily ATM limit is $1,000.\n",
  });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("buildIndex / loadIndex", () => {
  it("writes a manifest and loads an index that finds the right chunk", async () => {
    const { manifest } = await build();
    expect(manifest.counts).toEqual({ documents: 2, chunks: 4, skipped: 0 });
    expect(manifest.documents.map((document) => [document.id, document.chunks])).toEqual([
      ["cards", 2],
      ["wires", 2],
    ]);
    const index = await load();
    const vector = await index.embeddings.embedQuery("incoming wire fee");
    const [[top]] = [await index.store.similaritySearchVectorWithScore(vector, 1)];
    expect(top![0].metadata.docId).toBe("wires");
    expect(top![0].metadata.section).toBe("Fees");
  });

  it("reports a missing index with the command that builds it", async () => {
    await expect(load()).rejects.toThrow(IndexNotFoundError);
    await expect(load()).rejects.toThrow("npm run ingest -- --corpus mini");
  });

  it("detects a changed corpus, embedder or chunking setting", async () => {
    await build();
    await expect(load({ embedderId: "other-embedder" })).rejects.toThrow(/built with embedder .* config says other-embedder/);
    await expect(load({ chunking: { maxWords: 99, minWords: 0 } })).rejects.toThrow(IndexStaleError);
    await writeFile(path.join(corpusDir, "cards.md"), "---\nid: cards\ntitle: Card Guide\n---\nChanged text.\n");
    const error = await load().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexStaleError);
    expect((error as IndexStaleError).reasons).toEqual(["corpus files changed since the index was built"]);
  });

  it("keeps the previous index when a rebuild fails halfway", async () => {
    const first = await build();
    const failing: EmbedderProvider = {
      ...provider,
      async prepare(texts) {
        const embeddings = await provider.prepare(texts);
        embeddings.embedDocuments = async () => {
          throw new Error("embedding endpoint went away");
        };
        return embeddings;
      },
    };
    await expect(build(failing)).rejects.toThrow("embedding endpoint went away");
    const failingSave: EmbedderProvider = { ...provider, persist: async () => Promise.reject(new Error("disk full")) };
    await expect(build(failingSave)).rejects.toThrow("disk full");
    const index = await load();
    expect(index.manifest.buildId).toBe(first.manifest.buildId);
    // The failed builds left no staging folders behind.
    expect(await readdir(path.join(dataDir, "indexes", "mini", "versions"))).toEqual([first.manifest.buildId]);
  });

  it("ignores leftovers of a crashed build and removes them on the next one", async () => {
    const first = await build();
    const versions = path.join(dataDir, "indexes", "mini", "versions");
    // A crash mid-build leaves a staging folder without a manifest.
    await mkdir(path.join(versions, ".staging-crashed"), { recursive: true });
    await writeFile(path.join(versions, ".staging-crashed", "hnswlib.index"), "partial");
    expect((await load()).manifest.buildId).toBe(first.manifest.buildId);
    const second = await build();
    expect(await readdir(versions)).toEqual([second.manifest.buildId]);
    expect((await load()).manifest.buildId).toBe(second.manifest.buildId);
  });
});
