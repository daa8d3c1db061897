import { describe, expect, it } from "vitest";
import { OrderedUint32Set } from "./ordered-uint32-set.js";

describe("OrderedUint32Set", () => {
  it("keeps each value once, in the order first added, across growth", () => {
    const set = new OrderedUint32Set(2);
    const added: number[] = [];
    for (let index = 0; index < 5_000; index += 1) {
      const value = (Math.imul(index % 3_000, 2_654_435_761) ^ 0x80000000) >>> 0;
      if (set.add(value)) added.push(value);
    }
    expect(set.size).toBe(3_000);
    expect([...set.toArray()]).toEqual([...new Set(added)]);
    expect(added.length).toBe(3_000);
  });

  it("tells a new value from one already there, 0 and 2^32 - 1 included", () => {
    const set = new OrderedUint32Set();
    expect(set.add(0)).toBe(true);
    expect(set.add(0xffffffff)).toBe(true);
    expect(set.add(-1)).toBe(false);
    expect(set.add(0)).toBe(false);
    expect([...set.toArray()]).toEqual([0, 0xffffffff]);
  });
});
