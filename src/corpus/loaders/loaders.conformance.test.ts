import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../chunking/chunker.js";
import { LOADERS, loaderFor } from "./registry.js";
import { buildDocx } from "./testing/build-docx.js";
import { buildPdf } from "./testing/build-pdf.js";
import { loaderInput } from "./testing/loader-input.js";

/** One small, valid file per shipped loader; every loader must meet the same contract on it. */
const SAMPLES: { path: string; content: () => Promise<string | Buffer> }[] = [
  { path: "guides/Fee Guide.md", content: async () => "---\nowner: ops\n---\n# Fee Guide\n\nThe fee is $5.\n" },
  { path: "notes/call notes.txt", content: async () => "First paragraph.\n\nSecond paragraph.\n" },
  { path: "manuals/X1 Manual.pdf", content: async () => buildPdf({ pages: [["Page one."], ["Page two."]] }) },
  { path: "policies/Warranty.docx", content: () => buildDocx([{ style: "Heading1", text: "Warranty" }, { text: "Two years." }]) },
  { path: "help/Returns.HTML", content: async () => "<title>Returns</title><main><p>Within 30 days.</p></main>" },
  { path: "catalog/Products.csv", content: async () => "sku,name\nA-1,Alpha\nA-2,Beta\n" },
  { path: "kb/Articles.jsonl", content: async () => '{"id":"K 1","text":"One."}\n{"id":"K 2","text":"Two."}\n' },
];

const ID_PATTERN = /^[a-z0-9][a-z0-9/_-]*$/;

describe("every loader", () => {
  it("has a sample here, so none escapes the contract below", () => {
    expect(SAMPLES.map((sample) => loaderFor(sample.path))).toEqual([...LOADERS]);
  });

  describe.each(SAMPLES.map((sample) => [sample.path, sample] as const))("on %s", (_, sample) => {
    it("returns documents that carry what chunks and citations need", async () => {
      const loader = loaderFor(sample.path)!;
      const input = loaderInput(sample.path, await sample.content());
      const { documents, problems } = await loader.load(input);
      expect(problems).toEqual([]);
      expect(documents.length).toBeGreaterThan(0);
      expect(new Set(documents.map((document) => document.id)).size).toBe(documents.length);
      for (const document of documents) {
        // A record's own id is kept as written; every other id is derived from the path.
        if (document.fallbackId) expect(document.id).toBe(document.id.trim());
        else expect(document.id).toMatch(ID_PATTERN);
        expect(document.id).not.toBe("");
        expect(document.title.trim()).not.toBe("");
        expect(document.text.trim()).not.toBe("");
        expect(document).toMatchObject({ format: loader.format, sourcePath: sample.path, contentHash: input.contentHash });
        const chunks = chunkDocument(document, { maxWords: 220, minWords: 40 });
        expect(chunks.length).toBeGreaterThan(0);
        for (const chunk of chunks) expect(chunk.metadata).toMatchObject({ docId: document.id, title: document.title, sourcePath: sample.path });
      }
    });
  });
});

describe("loaderFor", () => {
  it("chooses by extension, ignoring case, and has no loader for other types", () => {
    const formats = ["a.md", "a.markdown", "a.txt", "a.PDF", "a.docx", "a.html", "a.htm", "a.csv", "a.jsonl", "a.doc", "a.png", "Makefile"].map(
      (file) => loaderFor(file)?.extensions[0] ?? null,
    );
    expect(formats).toEqual([".md", ".md", ".txt", ".pdf", ".docx", ".html", ".html", ".csv", ".jsonl", null, null, null]);
  });
});
