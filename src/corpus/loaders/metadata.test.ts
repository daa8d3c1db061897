import { describe, expect, it } from "vitest";
import { recordId } from "./metadata.js";

describe("recordId", () => {
  it("appends a slug of the record key to the file id", () => {
    expect(recordId("catalog/products", "SKU 12/B")).toBe("catalog/products/sku-12-b");
  });

  it("uses a stable hash for a key with no ASCII letters or digits", () => {
    expect(recordId("catalog/products", "商品")).toBe("catalog/products/58fdb0941f36");
  });
});
