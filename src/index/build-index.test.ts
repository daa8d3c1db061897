import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../corpus/load-corpus.js";
import { resolveCorpus } from "../corpus/manifest.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { localEmbedderProvider } from "../embeddings/local-provider.js";
import { IndexCorruptError, IndexNotFoundError, IndexStaleError } from "../errors.js";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { buildIndex } from "./build-index.js";
import { hnswBackend } from "./hnsw-backend.js";
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

  it("records how many chunks the embedder was fitted on: all of them, or the bounded sample", async () => {
    expect((await build()).manifest.embedder.fittedOn).toBe(4);
    const sampled = localEmbedderProvider({ dimensions: 2, fitSample: 3 });
    const { manifest } = await build(sampled);
    expect(manifest.embedder.fittedOn).toBe(3);
    expect(manifest.embedder.id).toContain("sample=3");
  });

  it("records the efSearch tuned at build time, which loading uses unless the configured one is higher", async () => {
    const corpus = await resolveCorpus(corpusDir, "unused");
    const { manifest } = await buildIndex(await loadCorpus(corpus), { dataDir, provider, hnsw, efSearch: { floor: 60, recallTarget: 0.95 } });
    // Four chunks: three neighbours each, always found; the floor is kept.
    expect(manifest.hnsw).toEqual({ space: "cosine", m: 16, efConstruction: 100, efSearch: 60, recallAt10: 1 });
    expect((await load()).store.index.getEf()).toBe(60);
    const higher = await loadIndex({ dataDir, provider, expected: await expectations(), efSearch: 80, fixCommand: "npm run ingest" });
    expect(higher.store.index.getEf()).toBe(80);
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
      embedAll: async () => Promise.reject(new Error("embedding endpoint went away")),
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
    // The crashed build's folder is gone; the build that was current before is kept.
    expect((await readdir(versions)).sort()).toEqual([first.manifest.buildId, second.manifest.buildId].sort());
    expect((await load()).manifest.buildId).toBe(second.manifest.buildId);
  });

  it("keeps the build it replaced and deletes older ones", async () => {
    await build();
    const second = await build();
    const third = await build();
    // Build ids made within one second do not sort by time: compare as sets.
    expect((await readdir(path.join(dataDir, "indexes", "mini", "versions"))).sort()).toEqual([second.manifest.buildId, third.manifest.buildId].sort());
  });

  it("survives builds running at once: each completes, `current` points at a complete build", async () => {
    const results = await Promise.all([build(), build(), build()]);
    expect(new Set(results.map((result) => result.manifest.buildId)).size).toBe(3);
    const index = await load();
    expect(results.map((result) => result.manifest.buildId)).toContain(index.manifest.buildId);
    const root = path.join(dataDir, "indexes", "mini");
    expect((await readdir(root)).sort()).toEqual(["current", "versions"]);
    expect((await readdir(path.join(root, "versions"))).every((name) => !name.startsWith("."))).toBe(true);
  });

  it("records the size and SHA-256 of every file in the manifest", async () => {
    const { manifest, directory } = await build();
    expect(manifest.files!.map((file) => file.name)).toEqual([
      "args.json",
      "chunk-ids.json",
      "chunk-texts.bin",
      "docstore.json",
      "hnswlib.index",
      "lsa-components.f32",
      "lsa-model.json",
      "sparse-postings.bin",
      "vectors.f32",
    ]);
    const args = await readFile(path.join(directory, "args.json"));
    expect(manifest.files![0]).toEqual({ name: "args.json", bytes: args.byteLength, sha256: createHash("sha256").update(args).digest("hex") });
    expect(manifest.derived).toBeUndefined();
    expect(await hnswBackend(await load(), DEFAULT_SCORING).derivedFile("terms.json")).toBeUndefined();
  });

  it("keeps chunk texts out of the docstore, in their own file, and serves each chunk's text from it", async () => {
    const { directory } = await build();
    const docstore = await readFile(path.join(directory, "docstore.json"), "utf8");
    expect(docstore).not.toContain("Outgoing wires cost $30");
    const backend = hnswBackend(await load(), DEFAULT_SCORING);
    const fees = backend.chunks.find((chunk) => chunk.section === "Fees")!;
    expect(fees.text).toContain("Outgoing wires cost $30 and incoming wires cost $15.");
    expect({ ...fees }.text).toBe(fees.text); // a spread copy (what a search returns) carries the text
    expect(JSON.parse(JSON.stringify(fees)).text).toBe(fees.text);
  });

  it("stores the files derived from all chunks, names them in the manifest, verifies them on load and serves them", async () => {
    const corpus = await resolveCorpus(corpusDir, "unused");
    const derived = (chunks: readonly { text: string }[]) => [
      { name: "terms.json", data: JSON.stringify(chunks.map((chunk) => chunk.text.split(" ")[0])) },
      { name: "counts.bin", data: Uint8Array.from([chunks.length]) },
    ];
    const { manifest, directory } = await buildIndex(await loadCorpus(corpus), { dataDir, provider, hnsw, derived });
    expect(manifest.derived).toEqual(["terms.json", "counts.bin"]);
    expect(manifest.files!.map((file) => file.name)).toEqual(expect.arrayContaining(["terms.json", "counts.bin"]));
    expect(manifest.timingsMs.derived).toBeGreaterThanOrEqual(0);
    const backend = hnswBackend(await load(), DEFAULT_SCORING);
    expect([...(await backend.derivedFile("counts.bin"))!]).toEqual([4]);
    expect(JSON.parse((await backend.derivedFile("terms.json"))!.toString("utf8"))).toHaveLength(4);
    expect(await backend.derivedFile("args.json")).toBeUndefined(); // not derived: not served through this
    await writeFile(path.join(directory, "counts.bin"), Uint8Array.from([9]));
    await expect(load()).rejects.toThrow(/counts\.bin does not match the SHA-256/);
  });
});

describe("loadIndex on a damaged index", () => {
  const fix = "Rebuild it with: npm run ingest -- --corpus mini --full";
  const current = () => path.join(dataDir, "indexes", "mini", "current");

  async function loadError(): Promise<IndexCorruptError> {
    const error = await load().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexCorruptError);
    return error as IndexCorruptError;
  }

  it("names a truncated file and the fix", async () => {
    const { directory } = await build();
    const file = path.join(directory, "hnswlib.index");
    const { size } = await stat(file);
    await truncate(file, 100);
    const error = await loadError();
    expect(error.message).toBe(`The index is damaged: ${file} is 100 bytes, the manifest says ${size} (truncated or overwritten). ${fix}`);
    expect(error.code).toBe("index_corrupt");
    expect(error.file).toBe(file);
  });

  it("names a truncated JSON file", async () => {
    const { directory } = await build();
    const file = path.join(directory, "docstore.json");
    await truncate(file, 10);
    expect((await loadError()).message).toMatch(/^The index is damaged: .*docstore\.json is 10 bytes, the manifest says \d+ \(truncated or overwritten\)\. Rebuild it with: npm run ingest -- --corpus mini --full$/);
  });

  it("names a deleted file", async () => {
    const { directory } = await build();
    await unlink(path.join(directory, "args.json"));
    expect((await loadError()).message).toBe(`The index is damaged: ${path.join(directory, "args.json")} is missing. ${fix}`);
  });

  it("notices a file changed in place (same size, other bytes)", async () => {
    const { directory } = await build();
    const file = path.join(directory, "sparse-postings.bin");
    const bytes = await readFile(file);
    bytes[5] = bytes[5] === 0x41 ? 0x42 : 0x41;
    await writeFile(file, bytes);
    expect((await loadError()).message).toBe(`The index is damaged: ${file} does not match the SHA-256 checksum in the manifest (changed since it was built). ${fix}`);
  });

  it("names a truncated manifest", async () => {
    const { directory } = await build();
    await truncate(path.join(directory, "manifest.json"), 40);
    expect((await loadError()).message).toBe(`The index is damaged: ${path.join(directory, "manifest.json")} is not valid JSON (truncated?). ${fix}`);
  });

  it("names a `current` link whose build folder is gone", async () => {
    const { directory } = await build();
    await rm(directory, { recursive: true });
    expect((await loadError()).message).toBe(`The index is damaged: ${current()} points at ${path.relative(path.dirname(current()), directory)}, which does not exist. ${fix}`);
  });

  it("names a build folder without its manifest", async () => {
    const { directory } = await build();
    await unlink(path.join(directory, "manifest.json"));
    expect((await loadError()).message).toBe(`The index is damaged: ${path.join(directory, "manifest.json")} is missing. ${fix}`);
  });

  it("still loads with damaged stored vectors (search does not read them); the next build rebuilds in full, saying why", async () => {
    const first = await build();
    const vectors = path.join(first.directory, "vectors.f32");
    const { size } = await stat(vectors);
    await truncate(vectors, 6);
    expect((await load()).manifest.buildId).toBe(first.manifest.buildId);
    const corpus = await resolveCorpus(corpusDir, "unused");
    const stages: string[] = [];
    const second = await buildIndex(await loadCorpus(corpus), {
      dataDir,
      provider,
      hnsw,
      previous: { manifest: first.manifest, directory: first.directory },
      onStage: (stage, detail) => stages.push(`${stage}: ${detail}`),
    });
    const reason = `the previous build cannot be reused (${vectors} is 6 bytes, the manifest says ${size} (truncated or overwritten))`;
    expect(second.manifest.build).toMatchObject({ mode: "full", reason, model: "fitted", chunks: { embedded: 4, reused: 0 } });
    expect(stages).toContain(`plan: full build: ${reason}`);
    expect((await load()).manifest.buildId).toBe(second.manifest.buildId);
  });
});
