import { describe, expect, it } from "vitest";
import { createRequestSchemas } from "./schemas.js";

const schemas = createRequestSchemas({ maxQuestionChars: 100, maxTopK: 10 });

describe("request filters", () => {
  it("are parsed into an object without a prototype", () => {
    const { filters } = schemas.search.parse({ query: "fees", filters: { doc_type: "faq", effective_date: { gte: "2026-01-01" } } });
    expect(Object.getPrototypeOf(filters)).toBeNull();
    expect({ ...filters }).toEqual({ doc_type: "faq", effective_date: { gte: "2026-01-01" } });
  });

  it("reject a __proto__ key instead of dropping it", () => {
    const parsed = schemas.ask.safeParse(JSON.parse('{"question": "fees?", "filters": {"__proto__": {"doc_type": "faq"}}}'));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join("."))).toEqual(["filters.__proto__"]);
  });
});
