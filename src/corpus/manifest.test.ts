import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveCorpus } from "./manifest.js";

const BASE = { name: "shop", domain: "retail", description: "A test shop." };

describe("resolveCorpus", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "manifest-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = (manifest: unknown) => writeFile(path.join(dir, "corpus.json"), JSON.stringify(manifest));

  it("includes every loadable file type by default and leaves csv and jsonl settings unset", async () => {
    await write(BASE);
    const { manifest } = await resolveCorpus(dir, "corpora");
    expect(manifest.include).toEqual(["**/*.{md,markdown,txt,pdf,docx,html,htm,csv,jsonl}"]);
    expect(manifest.csv).toBeUndefined();
    expect(manifest.jsonl).toBeUndefined();
  });

  it("parses csv and jsonl settings and fills in their defaults", async () => {
    await write({ ...BASE, csv: { idColumn: "sku", titleColumn: "name" }, jsonl: { fields: { text: "body", metadata: ["brand"] } } });
    const { manifest } = await resolveCorpus(dir, "corpora");
    expect(manifest.csv).toEqual({ idColumn: "sku", titleColumn: "name", metadataColumns: [] });
    expect(manifest.jsonl).toEqual({ fields: { id: "id", title: "title", text: "body", metadata: ["brand"] } });
  });

  it("rejects unknown and empty settings, naming each one", async () => {
    await write({ ...BASE, csv: { idColum: "sku", textColumns: [] }, jsonl: { fields: { txt: "body" } } });
    await expect(resolveCorpus(dir, "corpora")).rejects.toThrow(
      `${path.join(dir, "corpus.json")} is invalid:\n  csv.textColumns: Too small: expected array to have >=1 items\n  csv: Unrecognized key: "idColum"\n  jsonl.fields: Unrecognized key: "txt"`,
    );
  });
});
