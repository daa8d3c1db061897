import { z } from "zod";
import { type HnswChoice, hnswFor } from "./hnsw-settings.js";

/** Bumped when the manifest format, the loaders' document ids or the chunker's output change: older builds are then rebuilt. */
export const INDEX_SCHEMA_VERSION = 5;

export const IndexManifestSchema = z.object({
  schemaVersion: z.number().int(),
  buildId: z.string(),
  corpus: z.object({
    name: z.string(),
    dir: z.string(),
    description: z.string(),
    contentHash: z.string(),
  }),
  documents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      sourcePath: z.string(),
      contentHash: z.string(),
      chunks: z.number().int(),
      metadata: z.record(z.string(), z.unknown()),
    }),
  ),
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  embedder: z.object({
    id: z.string(),
    dimensions: z.number().int().positive(),
    /** Build in which a fitted embedder (LSA) was fitted; vectors of chunks are reusable while it stays the same. */
    modelBuildId: z.string(),
    /** Share of chunks that changed since the model was fitted (a refit happens above a limit). */
    driftSinceFit: z.number().min(0),
    /** Chunks a fitted embedder was fitted on: all of them, or a seeded sample of a large corpus (absent for a remote embedder). */
    fittedOn: z.number().int().nonnegative().optional(),
  }),
  chunking: z.object({ maxWords: z.number().int(), minWords: z.number().int() }),
  hnsw: z.object({
    space: z.literal("cosine"),
    m: z.number().int(),
    efConstruction: z.number().int(),
    /** efSearch tuned at build time to the recall target (embedded backend); served unless HNSW_EF_SEARCH is higher. */
    efSearch: z.number().int().positive().optional(),
    /** Recall@10 of the graph with that efSearch, on held-out stored vectors against brute force. */
    recallAt10: z.number().min(0).max(1).optional(),
  }),
  sparse: z.object({
    engine: z.string(),
    fields: z.array(z.string()),
    stopWords: z.string(),
    stemmer: z.string(),
    /** The full-text index file of an embedded build (`sparse-postings.bin`); absent in older builds, whose file is MiniSearch's `sparse-index.json`. */
    file: z.string().optional(),
  }),
  counts: z.object({ documents: z.number().int(), chunks: z.number().int(), skipped: z.number().int() }),
  builtAt: z.string(),
  /** What this build did compared with the previous one. */
  build: z.object({
    mode: z.enum(["full", "incremental"]),
    reason: z.string(),
    documents: z.object({ added: z.number().int(), changed: z.number().int(), removed: z.number().int(), unchanged: z.number().int() }),
    chunks: z.object({ embedded: z.number().int(), reused: z.number().int() }),
    model: z.enum(["fitted", "reused", "remote"]),
  }),
  /** Files computed from the chunks at ingest for serving (vocabulary, chunk features); absent in older builds, which serving computes at load. */
  derived: z.array(z.string()).optional(),
  /** Every file of a version folder but the manifest, with its size and SHA-256 (embedded backend; verified on load). */
  files: z.array(z.object({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).optional(),
  timingsMs: z.object({
    load: z.number(),
    chunk: z.number(),
    fit: z.number(),
    embed: z.number(),
    index: z.number(),
    /** Computing the derived files (absent in older builds). */
    derived: z.number().optional(),
    save: z.number(),
    total: z.number(),
  }),
});

export type IndexManifest = z.infer<typeof IndexManifestSchema>;

/** What the current config and corpus expect of an index; compared with the manifest on load. */
export interface IndexExpectations {
  corpusName: string;
  contentHash?: string;
  embedderId: string;
  chunking: { maxWords: number; minWords: number };
  /** M and efConstruction, or how they are chosen from the number of chunks (compared for the manifest's chunk count). */
  hnsw: HnswChoice;
}

/** Reasons why the settings of an index differ from what the config expects (the corpus content aside). */
export function settingsChanged(manifest: IndexManifest, expected: Omit<IndexExpectations, "contentHash">): string[] {
  return staleReasons(manifest, { ...expected, contentHash: undefined });
}

/** Reasons why an index does not match what the config and corpus expect; empty when it is current. */
export function staleReasons(manifest: IndexManifest, expected: IndexExpectations): string[] {
  const reasons: string[] = [];
  if (manifest.schemaVersion !== INDEX_SCHEMA_VERSION) {
    reasons.push(`index format ${manifest.schemaVersion} is not the current format ${INDEX_SCHEMA_VERSION}`);
  }
  if (manifest.corpus.name !== expected.corpusName) {
    reasons.push(`index is for corpus "${manifest.corpus.name}", config asks for "${expected.corpusName}"`);
  }
  if (expected.contentHash !== undefined && manifest.corpus.contentHash !== expected.contentHash) {
    reasons.push("corpus files changed since the index was built");
  }
  if (manifest.embedder.id !== expected.embedderId) {
    reasons.push(`index was built with embedder ${manifest.embedder.id}, config says ${expected.embedderId}`);
  }
  const { chunking } = manifest;
  if (chunking.maxWords !== expected.chunking.maxWords || chunking.minWords !== expected.chunking.minWords) {
    reasons.push(
      `index was chunked with ${JSON.stringify(chunking)}, corpus.json says ${JSON.stringify(expected.chunking)}`,
    );
  }
  const hnsw = hnswFor(expected.hnsw, manifest.counts.chunks);
  if (manifest.hnsw.m !== hnsw.m || manifest.hnsw.efConstruction !== hnsw.efConstruction) {
    reasons.push(
      `HNSW graph was built with M=${manifest.hnsw.m}, efConstruction=${manifest.hnsw.efConstruction}; config says M=${hnsw.m}, efConstruction=${hnsw.efConstruction}`,
    );
  }
  return reasons;
}
