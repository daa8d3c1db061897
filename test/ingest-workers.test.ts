// Ingest on worker threads (INGEST_WORKERS) must not change a build: the finance corpus (857 chunks,
// several slices per stage) built in one thread and on two workers gives the same bytes in every file.
import { describe, expect, it } from "vitest";
import { ingest } from "../src/context.js";
import { testConfig } from "./support/finance-context.js";

async function buildFiles(workers: string): Promise<Array<{ name: string; bytes: number; sha256: string }>> {
  const { config, cleanup } = await testConfig({ CORPUS: "finance", INGEST_WORKERS: workers });
  try {
    const result = await ingest(config, { full: true });
    expect(result.manifest.counts.chunks).toBeGreaterThan(600);
    return result.manifest.files ?? [];
  } finally {
    await cleanup();
  }
}

describe("ingest on worker threads", () => {
  it("writes every file of the build byte for byte the same with INGEST_WORKERS=2 as with 1", async () => {
    const inThread = await buildFiles("1");
    const inWorkers = await buildFiles("2");
    expect(inThread.map((file) => file.name)).toEqual(expect.arrayContaining(["vectors.f32", "hnswlib.index", "vocabulary.json", "chunk-features.bin", "lsa-components.f32"]));
    expect(inWorkers).toEqual(inThread);
  }, 240_000);
});
