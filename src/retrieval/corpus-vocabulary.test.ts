import { describe, expect, it } from "vitest";
import { recordDocuments } from "./corpus-vocabulary.js";

const document = (id: string, sourcePath: string) => ({ id, title: id, sourcePath, contentHash: id, chunks: 1, metadata: {} });

describe("recordDocuments", () => {
  it("holds the documents that share their file with others (a catalog's rows, a report's pages), not a document of its own", () => {
    const records = recordDocuments([document("110001", "catalog/products.csv"), document("110002", "catalog/products.csv"), document("size-guide", "docs/size-guide.md")]);
    expect([...records].sort()).toEqual(["110001", "110002"]);
  });
});
