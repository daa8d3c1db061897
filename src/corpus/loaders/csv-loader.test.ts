import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../chunking/chunker.js";
import { CorpusError } from "../../errors.js";
import { CsvSettingsSchema } from "../manifest.js";
import { csvLoader } from "./csv-loader.js";
import { loaderInput } from "./testing/loader-input.js";

const PRODUCTS = [
  "SKU,Name,Brand,Price,Battery life,Description",
  'X1-200,Aurora X1,Lumen,199.00,12 hours,"Compact speaker, splash-proof."',
  "X1-300,Aurora X2,Lumen,249.00,,Bigger sound.",
].join("\n");

const settings = (raw: unknown) => ({ csv: CsvSettingsSchema.parse(raw) });

describe("csvLoader", () => {
  it("makes one text document per row: `Column: value` lines, id and title from the named columns, metadata columns", async () => {
    const input = loaderInput("catalog/products.csv", PRODUCTS, settings({ idColumn: "SKU", titleColumn: "Name", metadataColumns: ["Brand", "Price"] }));
    const { documents, problems } = await csvLoader.load(input);
    expect(problems).toEqual([]);
    expect(documents.map(({ id, title, text, format, sourcePath, metadata }) => ({ id, title, text, format, sourcePath, metadata }))).toEqual([
      {
        id: "X1-200",
        title: "Aurora X1",
        text: "Name: Aurora X1\nBattery life: 12 hours\nDescription: Compact speaker, splash-proof.",
        format: "text",
        sourcePath: "catalog/products.csv",
        metadata: { row: 1, Brand: "Lumen", Price: "199.00" },
      },
      {
        id: "X1-300",
        title: "Aurora X2",
        text: "Name: Aurora X2\nDescription: Bigger sound.",
        format: "text",
        sourcePath: "catalog/products.csv",
        metadata: { row: 2, Brand: "Lumen", Price: "249.00" },
      },
    ]);
  });

  it("puts only textColumns into the text when they are set", async () => {
    const input = loaderInput("products.csv", PRODUCTS, settings({ idColumn: "SKU", textColumns: ["Battery life"] }));
    const { documents } = await csvLoader.load(input);
    expect(documents.map((document) => [document.id, document.title, document.text])).toEqual([
      ["X1-200", "Products: X1-200", "Battery life: 12 hours"],
    ]);
    expect((await csvLoader.load(input)).problems).toEqual([{ line: 3, reason: 'no text: columns "Battery life" are empty' }]);
  });

  it("without settings, uses every column as text and the row number as id", async () => {
    const { documents } = await csvLoader.load(loaderInput("faq.csv", "Question,Answer\nCan I return?,Within 30 days.\n"));
    expect(documents.map(({ id, title, text, metadata }) => ({ id, title, text, metadata }))).toEqual([
      { id: "faq/row-1", title: "Faq, row 1", text: "Question: Can I return?\nAnswer: Within 30 days.", metadata: { row: 1 } },
    ]);
  });

  it("keeps a row in one chunk, one field per list item", async () => {
    const input = loaderInput("products.csv", PRODUCTS, settings({ idColumn: "SKU", titleColumn: "Name", metadataColumns: ["Brand", "Price"] }));
    const { documents } = await csvLoader.load(input);
    const chunks = chunkDocument(documents[0]!, { maxWords: 220, minWords: 40 });
    expect(chunks.map((chunk) => [chunk.headingPath, chunk.text, chunk.metadata.row, chunk.metadata.Brand])).toEqual([
      [["Aurora X1"], "- Name: Aurora X1\n- Battery life: 12 hours\n- Description: Compact speaker, splash-proof.", 1, "Lumen"],
    ]);
  });

  it("reports bad rows by line and loads the others", async () => {
    const csv = [
      "sku,name,notes",
      "A1,Alpha,fine",
      "A2,Beta,has,an,unquoted,comma",
      ",Gamma,no id",
      'A3,Delta,"spans',
      'two lines"',
      "A1,Epsilon,same id as A1",
    ].join("\n");
    const { documents, problems } = await csvLoader.load(loaderInput("items.csv", csv, settings({ idColumn: "sku" })));
    expect(documents.map((document) => [document.id, document.metadata.row])).toEqual([
      ["A1", 1],
      ["A3", 4],
    ]);
    expect(problems).toEqual([
      { line: 3, reason: "row has 6 fields, the header has 3; check for an unquoted comma" },
      { line: 4, reason: 'empty id column "sku"' },
      { line: 7, reason: 'duplicate document id "A1" (first used on line 2); this record was skipped' },
    ]);
  });

  it("rejects a file whose header lacks a configured column, listing the columns it has", async () => {
    const load = csvLoader.load(loaderInput("products.csv", PRODUCTS, settings({ idColumn: "sku", metadataColumns: ["Brand", "Colour"] })));
    await expect(load).rejects.toThrow(CorpusError);
    await expect(load).rejects.toThrow(
      'products.csv has no column "sku", "Colour" (corpus.json "csv"); its columns are "SKU", "Name", "Brand", "Price", "Battery life", "Description".',
    );
  });

  it("rejects unparseable CSV and a file without data rows", async () => {
    await expect(csvLoader.load(loaderInput("broken.csv", 'a,b\n"unclosed,1\n'))).rejects.toThrow(
      "broken.csv is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2.",
    );
    await expect(csvLoader.load(loaderInput("empty.csv", "a,b\n"))).rejects.toThrow("empty.csv has no data rows below a header row.");
  });
});
