import { describe, expect, it } from "vitest";
import { chunkFeatures } from "./rerank.js";
import { questionSupport } from "./support.js";

const lexical = (value: number) => async () => value;

describe("questionSupport", () => {
  it("is 1 when one top chunk holds every content term (text or heading)", async () => {
    const chunk = chunkFeatures({ text: "The overdraft fee is $35.", headingPath: ["Fees"] });
    expect(await questionSupport(["overdraft", "fee"], [chunk], lexical(0.1))).toBe(1);
  });

  it("falls back to the lexical support when no top chunk holds them all", async () => {
    const chunk = chunkFeatures({ text: "The overdraft fee is $35.", headingPath: ["Fees"] });
    expect(await questionSupport(["notari", "fee"], [chunk], lexical(0.3))).toBe(0.3);
  });

  it("is 0 for a question without content terms", async () => {
    expect(await questionSupport([], [], lexical(0.9))).toBe(0);
  });
});
