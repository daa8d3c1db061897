import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { hnswBySize, hnswFor } from "./hnsw-settings.js";
import { INDEX_SCHEMA_VERSION, type IndexManifest, staleReasons } from "./index-manifest.js";

const tiers = { bySize: [{ fromChunks: 0, m: 16, efConstruction: 200 }, { fromChunks: 1_000, m: 24, efConstruction: 300 }, { fromChunks: 5_000, m: 32, efConstruction: 400 }] };

describe("hnswBySize", () => {
  it("takes the last tier the corpus reaches", () => {
    const choose = hnswBySize({}, tiers);
    expect(choose(10)).toEqual({ m: 16, efConstruction: 200 });
    expect(choose(999)).toEqual({ m: 16, efConstruction: 200 });
    expect(choose(1_000)).toEqual({ m: 24, efConstruction: 300 });
    expect(choose(4_999)).toEqual({ m: 24, efConstruction: 300 });
    expect(choose(1_000_000)).toEqual({ m: 32, efConstruction: 400 });
  });

  it("lets HNSW_M and HNSW_EF_CONSTRUCTION override each on its own", () => {
    expect(hnswBySize({ m: 48 }, tiers)(2_000)).toEqual({ m: 48, efConstruction: 300 });
    expect(hnswBySize({ efConstruction: 100 }, tiers)(10)).toEqual({ m: 16, efConstruction: 100 });
  });

  it("keeps the shipped corpora and the 100k benchmark on M=16, efConstruction=200, and gives larger corpora a denser graph", () => {
    const choose = hnswBySize({}, DEFAULT_SCORING.hnsw);
    expect(choose(857)).toEqual({ m: 16, efConstruction: 200 });
    expect(choose(100_000)).toEqual({ m: 16, efConstruction: 200 });
    expect(choose(1_000_000).m).toBeGreaterThan(16);
  });

  it("passes fixed settings through", () => {
    expect(hnswFor({ m: 8, efConstruction: 50 }, 1_000_000)).toEqual({ m: 8, efConstruction: 50 });
  });
});

describe("staleReasons with settings chosen by size", () => {
  const manifest = (chunks: number, m: number, efConstruction: number) =>
    ({
      schemaVersion: INDEX_SCHEMA_VERSION,
      corpus: { name: "c", contentHash: "h" },
      embedder: { id: "e" },
      chunking: { maxWords: 1, minWords: 0 },
      hnsw: { space: "cosine", m, efConstruction },
      counts: { documents: 1, chunks, skipped: 0 },
    }) as unknown as IndexManifest;
  const expected = { corpusName: "c", contentHash: "h", embedderId: "e", chunking: { maxWords: 1, minWords: 0 }, hnsw: hnswBySize({}, tiers) };

  it("compares a build with the tier of its own chunk count", () => {
    expect(staleReasons(manifest(2_000, 24, 300), expected)).toEqual([]);
    expect(staleReasons(manifest(2_000, 16, 200), expected)).toEqual(["HNSW graph was built with M=16, efConstruction=200; config says M=24, efConstruction=300"]);
  });
});
