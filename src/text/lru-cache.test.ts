import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache.js";

describe("LruCache", () => {
  it("keeps at most its capacity, dropping the least recently used entry", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // "a" is now the most recent
    cache.set("c", 3);
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  it("replaces a key's value without growing, and keeps nothing at capacity 0", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("a", 2);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBe(2);
    const none = new LruCache<string, number>(0);
    none.set("a", 1);
    expect(none.get("a")).toBeUndefined();
    expect(none.size).toBe(0);
  });

  it("drops the least recently used entries when its capacity is lowered", () => {
    const cache = new LruCache<number, number>(5);
    for (let key = 0; key < 5; key += 1) cache.set(key, key);
    cache.get(0);
    cache.capacity = 2;
    expect(cache.size).toBe(2);
    expect(cache.get(0)).toBe(0);
    expect(cache.get(4)).toBe(4);
    expect(cache.get(1)).toBeUndefined();
  });
});
