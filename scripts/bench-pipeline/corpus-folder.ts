import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { seededRandom } from "../../src/math/seeded-random.js";
import { SyntheticCorpus } from "../bench-index/synthetic-corpus.js";

/** Sections per document: 1 to 12 (most documents are a few sections long, some are long). */
const MAX_SECTIONS = 12;
/** Document files per folder, so no folder holds 100,000 files. */
const FILES_PER_FOLDER = 500;
const DOC_TYPES = ["agreement", "policy", "guide", "faq", "rate-sheet", "notice"];

export interface WrittenCorpus {
  directory: string;
  documents: number;
  sections: number;
  words: number;
}

/**
 * Writes `sections` synthetic chunks (scripts/bench-index/synthetic-corpus.ts, seeded) as Markdown
 * documents under `directory`: each document has front matter and 1-12 `##` sections of 60-220 words,
 * so the chunker (maxWords 220) makes about one chunk per section. Deterministic for a given count.
 */
export async function writeSyntheticCorpus(directory: string, sections: number): Promise<WrittenCorpus> {
  const corpus = new SyntheticCorpus();
  const random = seededRandom(7_919);
  await mkdir(path.join(directory, "docs"), { recursive: true });
  await writeFile(
    path.join(directory, "corpus.json"),
    JSON.stringify({ name: "synthetic", domain: "synthetic benchmark", description: "Seeded synthetic documents for npm run bench:pipeline.", include: ["docs/**/*.md"], chunking: { maxWords: 220, minWords: 40 } }, null, 2),
  );
  let written = 0;
  let documents = 0;
  let words = 0;
  while (written < sections) {
    const count = Math.min(sections - written, 1 + Math.floor(random() * random() * MAX_SECTIONS));
    const id = `doc-${String(documents).padStart(7, "0")}`;
    const body: string[] = [];
    for (let section = 0; section < count; section += 1) {
      const text = corpus.chunk(written + section);
      words += text.split(" ").length;
      body.push(`## ${headingOf(text)} ${section + 1}\n\n${text}\n`);
    }
    const title = `${headingOf(corpus.chunk(written))} ${documents}`;
    const docType = DOC_TYPES[documents % DOC_TYPES.length]!;
    const folder = path.join(directory, "docs", String(Math.floor(documents / FILES_PER_FOLDER)).padStart(4, "0"));
    if (documents % FILES_PER_FOLDER === 0) await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${id}.md`), `---\nid: ${id}\ntitle: ${title}\ndoc_type: ${docType}\n---\n\n# ${title}\n\n${body.join("\n")}`);
    written += count;
    documents += 1;
  }
  return { directory, documents, sections: written, words };
}

/** Two content-looking words of a text, capitalised, as a heading. */
function headingOf(text: string): string {
  const words = text.split(/[^A-Za-z]+/).filter((word) => word.length >= 6).slice(0, 2);
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join(" ") || "Section";
}
