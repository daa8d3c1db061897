import { describe, expect, it } from "vitest";
import { CorpusError } from "../../errors.js";
import { JsonlSettingsSchema } from "../manifest.js";
import { jsonlLoader } from "./jsonl-loader.js";
import { loaderInput } from "./testing/loader-input.js";

const settings = (raw: unknown) => ({ jsonl: JsonlSettingsSchema.parse(raw) });

describe("jsonlLoader", () => {
  it("reads {id, title, text, metadata} lines as one text document each", async () => {
    const jsonl = [
      JSON.stringify({ id: "KB-1", title: "Reset the router", text: "Hold the button for 10 s.", metadata: { product: "R7", tags: ["network", "reset"], nested: { a: 1 } } }),
      "",
      JSON.stringify({ text: "No id and no title." }),
    ].join("\n");
    const { documents, problems } = await jsonlLoader.load(loaderInput("kb/articles.jsonl", jsonl));
    expect(problems).toEqual([]);
    expect(documents.map(({ id, title, text, format, sourcePath, metadata }) => ({ id, title, text, format, sourcePath, metadata }))).toEqual([
      {
        id: "KB-1",
        title: "Reset the router",
        text: "Hold the button for 10 s.",
        format: "text",
        sourcePath: "kb/articles.jsonl",
        metadata: { product: "R7", tags: ["network", "reset"], line: 1 },
      },
      {
        id: "kb/articles/line-3",
        title: "Articles, line 3",
        text: "No id and no title.",
        format: "text",
        sourcePath: "kb/articles.jsonl",
        metadata: { line: 3 },
      },
    ]);
  });

  it("maps other field names, and a list of top-level fields to metadata", async () => {
    const jsonl = JSON.stringify({ sku: 1042, name: "Aurora X1", body: "A compact speaker.\n\nTwelve hours of battery.", brand: "Lumen", price: 199, color: "red" });
    const input = loaderInput("products.jsonl", jsonl, settings({ fields: { id: "sku", title: "name", text: "body", metadata: ["brand", "price", "weight"] } }));
    const { documents } = await jsonlLoader.load(input);
    expect(documents.map(({ id, title, text, metadata }) => ({ id, title, text, metadata }))).toEqual([
      { id: "1042", title: "Aurora X1", text: "A compact speaker.\n\nTwelve hours of battery.", metadata: { brand: "Lumen", price: 199, line: 1 } },
    ]);
  });

  it("reports each bad line with its number and reason and keeps the good lines", async () => {
    const jsonl = [
      JSON.stringify({ sku: "A1", body: "Good." }),
      '{"sku": "A2", "body": "unterminated',
      JSON.stringify(["not", "an", "object"]),
      JSON.stringify({ sku: "A3" }),
      JSON.stringify({ sku: "A4", body: "  ", name: 7 }),
      JSON.stringify({ sku: "A5", body: "Bad metadata.", meta: "x" }),
      JSON.stringify({ sku: "A1", body: "Same id as A1." }),
      JSON.stringify({ sku: "A6", body: "Also good." }),
    ].join("\n");
    const input = loaderInput("items.jsonl", jsonl, settings({ fields: { id: "sku", title: "name", text: "body", metadata: "meta" } }));
    const { documents, problems } = await jsonlLoader.load(input);
    expect(documents.map((document) => document.id)).toEqual(["A1", "A6"]);
    expect(problems).toEqual([
      { line: 2, reason: expect.stringMatching(/^not valid JSON: /) },
      { line: 3, reason: "not a JSON object" },
      { line: 4, reason: 'field "body" is missing' },
      { line: 5, reason: 'field "name" must be a string; field "body" must not be empty' },
      { line: 6, reason: 'field "meta" must be an object' },
      { line: 7, reason: 'duplicate document id "A1" (first used on line 1); this record was skipped' },
    ]);
  });

  it("rejects a file without records", async () => {
    const load = jsonlLoader.load(loaderInput("empty.jsonl", "\n\n"));
    await expect(load).rejects.toThrow(CorpusError);
    await expect(load).rejects.toThrow("empty.jsonl has no records (one JSON object per line).");
  });
});
