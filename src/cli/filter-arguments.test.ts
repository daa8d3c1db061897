import { describe, expect, it } from "vitest";
import { parseFilterArguments } from "./filter-arguments.js";

describe("parseFilterArguments", () => {
  it("parses key=value, any-of and ranges", () => {
    expect(parseFilterArguments(["doc_type=faq|glossary", "effective_date=>=2026-01-01", "effective_date=<=2026-12-31", "audience=personal"])).toEqual({
      doc_type: ["faq", "glossary"],
      effective_date: { gte: "2026-01-01", lte: "2026-12-31" },
      audience: "personal",
    });
    expect(() => parseFilterArguments(["nonsense"])).toThrow("key=value");
  });
  it("rejects a reserved key from the command line", () => {
    expect(() => parseFilterArguments(["__proto__=x"])).toThrow("Object.prototype member");
    expect(() => parseFilterArguments(["constructor=x"])).toThrow("Object.prototype member");
  });
});
