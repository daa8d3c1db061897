import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkDocument } from "../chunking/chunker.js";
import { loadCorpus } from "./load-corpus.js";
import { buildDocx } from "./loaders/testing/build-docx.js";
import { buildPdf } from "./loaders/testing/build-pdf.js";
import { resolveCorpus } from "./manifest.js";

describe("loadCorpus with every file type", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "corpus-"));
    const files: Record<string, string | Buffer> = {
      "corpus.json": JSON.stringify({
        name: "shop",
        domain: "consumer electronics",
        description: "Manuals, policies and the product catalog of a test shop.",
        csv: { idColumn: "sku", titleColumn: "name", metadataColumns: ["brand"] },
        jsonl: { fields: { id: "ticket", text: "answer" } },
      }),
      "guides/setup.md": "# Setup\n\nPlug it in.\n",
      "notes.txt": "Call notes.\n",
      "manuals/x1.pdf": buildPdf({ title: "X1 Manual", pages: [["Charge for two hours."], ["Hold power for 10 seconds to reset."]] }),
      "manuals/broken.pdf": "%PDF-1.4 truncated",
      "policies/warranty.docx": await buildDocx([{ style: "Title", text: "Warranty" }, { text: "Two years." }]),
      "help/returns.html": "<title>Returns</title><main><p>Within 30 days.</p></main>",
      "catalog/products.csv": "sku,name,brand,battery\nX1,Aurora X1,Lumen,12 hours\n",
      "support/faq.jsonl": '{"ticket":"T-1","answer":"Restart it."}\nnot json\n',
      "images/logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    };
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads every format the default include covers and reports the broken file and the bad line", async () => {
    const loaded = await loadCorpus(await resolveCorpus(dir, "corpora"));
    expect(loaded.documents.map((document) => [document.id, document.sourcePath])).toEqual([
      ["X1", "catalog/products.csv"],
      ["guides/setup", "guides/setup.md"],
      ["help/returns", "help/returns.html"],
      ["manuals/x1/page-1", "manuals/x1.pdf"],
      ["manuals/x1/page-2", "manuals/x1.pdf"],
      ["notes", "notes.txt"],
      ["policies/warranty", "policies/warranty.docx"],
      ["T-1", "support/faq.jsonl"],
    ]);
    expect(loaded.skipped).toEqual([
      { path: "manuals/broken.pdf", reason: "manuals/broken.pdf is not a readable PDF (Invalid PDF structure)." },
      { path: "support/faq.jsonl:2", reason: expect.stringMatching(/^not valid JSON: /) },
    ]);
  });

  it("reports progress once per file, broken and unloadable files included", async () => {
    const calls: Array<[string, number, number]> = [];
    await loadCorpus(await resolveCorpus(dir, "corpora"), { onProgress: (stage, done, total) => calls.push([stage, done, total]) });
    // corpus.json and logo.png are not included; the 8 other files are, the broken PDF among them.
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((done) => ["load", done, 8]));
  });

  it("loads the same documents, problems and order on two worker threads as in one", async () => {
    const corpus = await resolveCorpus(dir, "corpora");
    const inThread = await loadCorpus(corpus);
    const inWorkers = await loadCorpus(corpus, { workers: 2, fromBytes: 0 });
    expect(inWorkers.documents.length).toBeGreaterThan(4);
    expect(inWorkers.documents).toEqual(inThread.documents);
    expect(inWorkers.skipped).toEqual(inThread.skipped);
    expect(inWorkers.contentHash).toBe(inThread.contentHash);
  });

  it("carries the PDF page and the CSV metadata columns to every chunk", async () => {
    const loaded = await loadCorpus(await resolveCorpus(dir, "corpora"));
    const chunks = loaded.documents.flatMap((document) => chunkDocument(document, loaded.corpus.manifest.chunking));
    const summary = chunks
      .filter((chunk) => chunk.metadata.sourcePath === "manuals/x1.pdf" || chunk.metadata.sourcePath === "catalog/products.csv")
      .map((chunk) => ({ docId: chunk.docId, section: chunk.metadata.section, page: chunk.metadata.page, brand: chunk.metadata.brand, text: chunk.text }));
    expect(summary).toEqual([
      { docId: "X1", section: "Aurora X1", page: undefined, brand: "Lumen", text: "- name: Aurora X1\n- battery: 12 hours" },
      { docId: "manuals/x1/page-1", section: "Page 1", page: 1, brand: undefined, text: "Charge for two hours." },
      { docId: "manuals/x1/page-2", section: "Page 2", page: 2, brand: undefined, text: "Hold power for 10 seconds to reset." },
    ]);
  });
});

describe("loadCorpus record ids", () => {
  it("keeps a record's own id, and prefixes it with its file only when another document already uses it (and says so)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "corpus-ids-"));
    try {
      await mkdir(path.join(dir, "data"), { recursive: true });
      await writeFile(path.join(dir, "corpus.json"), JSON.stringify({ name: "ids", domain: "test", description: "Record ids." }));
      await writeFile(path.join(dir, "data/a.jsonl"), '{"id":"par_42","text":"First."}\n{"id":"par_7","text":"Second."}\n');
      await writeFile(path.join(dir, "data/b.jsonl"), '{"id":"par_42","text":"Third."}\n');
      const loaded = await loadCorpus(await resolveCorpus(dir, "corpora"));
      expect(loaded.documents.map((document) => document.id)).toEqual(["par_42", "par_7", "data/b/par-42"]);
      expect(loaded.renamed).toEqual([{ path: "data/b.jsonl", from: "par_42", to: "data/b/par-42" }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
