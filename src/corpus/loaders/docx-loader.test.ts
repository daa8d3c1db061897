import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../chunking/chunker.js";
import { CorpusError } from "../../errors.js";
import { docxLoader } from "./docx-loader.js";
import { buildDocx } from "./testing/build-docx.js";
import { loaderInput } from "./testing/loader-input.js";

const GUIDE = buildDocx([
  { style: "Title", text: "Warranty Guide" },
  { text: "Covers all X1 devices & chargers." },
  { style: "Heading1", text: "Coverage" },
  { text: "Two years from purchase." },
  { style: "Heading2", text: "Exclusions" },
  { text: "Water damage." },
  { table: [["Part", "Years"], ["Battery", "1"], ["Screen", "2"]] },
]);

describe("docxLoader", () => {
  it("turns Word headings into Markdown headings and tables into pipe tables", async () => {
    const { documents, problems } = await docxLoader.load(loaderInput("guides/warranty.docx", await GUIDE));
    expect(problems).toEqual([]);
    expect(documents.map(({ id, title, text, format, sourcePath, metadata }) => ({ id, title, text, format, sourcePath, metadata }))).toEqual([
      {
        id: "guides/warranty",
        title: "Warranty Guide",
        text:
          "# Warranty Guide\n\nCovers all X1 devices & chargers.\n\n# Coverage\n\nTwo years from purchase.\n\n## Exclusions\n\nWater damage.\n\n" +
          "| Part | Years |\n| --- | --- |\n| Battery | 1 |\n| Screen | 2 |",
        format: "markdown",
        sourcePath: "guides/warranty.docx",
        metadata: {},
      },
    ]);
  });

  it("gives chunks the Word heading path", async () => {
    const { documents } = await docxLoader.load(loaderInput("guides/warranty.docx", await GUIDE));
    const chunks = chunkDocument(documents[0]!, { maxWords: 200, minWords: 0 });
    expect(chunks.map((chunk) => [chunk.headingPath, chunk.text])).toEqual([
      [["Warranty Guide"], "Covers all X1 devices & chargers."],
      [["Warranty Guide", "Coverage"], "Two years from purchase."],
      [["Warranty Guide", "Coverage", "Exclusions"], "Water damage.\n\n| Part | Years |\n| --- | --- |\n| Battery | 1 |\n| Screen | 2 |"],
    ]);
  });

  it("titles a document without a level-1 heading by its file name", async () => {
    const docx = await buildDocx([{ style: "Heading2", text: "Scope" }, { text: "Body." }]);
    const { documents } = await docxLoader.load(loaderInput("returns-policy.docx", docx));
    expect(documents.map((document) => [document.title, document.text])).toEqual([["Returns policy", "## Scope\n\nBody."]]);
  });

  it("rejects a file that is not a .docx with a CorpusError naming the file", async () => {
    const load = docxLoader.load(loaderInput("old.docx", "not a zip"));
    await expect(load).rejects.toThrow(CorpusError);
    await expect(load).rejects.toThrow(/^old\.docx is not a readable \.docx \(.+\); an old binary \.doc must be saved as \.docx first\.$/);
  });
});
