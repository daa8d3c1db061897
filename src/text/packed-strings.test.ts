import { describe, expect, it } from "vitest";
import { PackedStringSet } from "./packed-strings.js";

describe("PackedStringSet", () => {
  it("holds exactly its members (no prefix or neighbour counts), iterated in sorted order", () => {
    const set = PackedStringSet.from(["wire fee", "cd rate", "wire", "", "zeta", "cd rate", "é accent"]);
    expect(set.size).toBe(6);
    expect([...set]).toEqual(["", "cd rate", "wire", "wire fee", "zeta", "é accent"]);
    for (const member of ["", "cd rate", "wire", "wire fee", "zeta", "é accent"]) expect(set.has(member)).toBe(true);
    for (const other of ["wir", "wire f", "cd", "rate", "zet", "zetas", "a", "é"]) expect(set.has(other)).toBe(false);
  });

  it("answers as a Set across several packed pieces (more than 65,536 members)", () => {
    const members = Array.from({ length: 150_000 }, (_, index) => `t${(index * 7919) % 150_000}`);
    const set = PackedStringSet.from(members);
    const reference = new Set(members);
    expect(set.size).toBe(reference.size);
    for (let index = 0; index < 150_000; index += 997) {
      expect(set.has(`t${index}`)).toBe(true);
      expect(set.has(`t${index}x`)).toBe(false);
    }
    expect(new Set(set)).toEqual(reference);
  });

  it("orders by UTF-16 code units, as `<` does (a surrogate pair sorts before U+FFFD; upper case before lower)", () => {
    const members = ["\ufffd", "😀 grin", "b", "B", "a b", "a_b"];
    expect([...PackedStringSet.from(members)]).toEqual(["B", "a b", "a_b", "b", "😀 grin", "\ufffd"]);
    for (const member of members) expect(PackedStringSet.from(members).has(member)).toBe(true);
  });

  it("is empty when made from nothing", () => {
    const set = PackedStringSet.from([]);
    expect(set.size).toBe(0);
    expect(set.has("")).toBe(false);
    expect([...set]).toEqual([]);
  });
});
