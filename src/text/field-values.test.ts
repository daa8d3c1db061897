import { describe, expect, it } from "vitest";
import { readField } from "./field-values.js";

describe("readField", () => {
  it("reads the unit a field name carries into its bare number", () => {
    expect(readField("price_usd", "549.00")).toMatchObject({ name: "price", value: "$549.00", values: [{ kind: "money", number: 549 }] });
    expect(readField("warranty_years", "5")).toMatchObject({ name: "warranty", value: "5 years", values: [{ kind: "duration", number: 5 }] });
    expect(readField("weight_kg", "1.4")).toMatchObject({ name: "weight", value: "1.4 kg", values: [{ kind: "measure" }] });
  });

  it("treats a bare number under a money word as an amount", () => {
    expect(readField("list price", "20")).toMatchObject({ value: "$20", values: [{ kind: "money" }] });
  });

  it("leaves values that carry their own unit, and names without one, as they are", () => {
    expect(readField("weight", "2 lb 15 oz")).toMatchObject({ name: "weight", value: "2 lb 15 oz" });
    expect(readField("stock_status", "in stock")).toMatchObject({ name: "stock status", value: "in stock", values: [] });
  });
});
