/**
 * A map that keeps at most `capacity` entries, dropping the least recently used one past it (a `Map`
 * keeps insertion order: a hit moves its entry to the end). For caches kept for a whole process,
 * so that they stay bounded however many questions are asked; capacity 0 keeps nothing.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private limit: number) {}

  get capacity(): number {
    return this.limit;
  }

  /** Changes the bound, dropping the least recently used entries past it. */
  set capacity(limit: number) {
    this.limit = Math.max(0, limit);
    this.trim();
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.limit === 0) return;
    this.entries.set(key, value);
    this.trim();
  }

  clear(): void {
    this.entries.clear();
  }

  private trim(): void {
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}
