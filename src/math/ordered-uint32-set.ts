/**
 * A set of uint32 values that keeps them in the order first added: an open-addressing table over
 * typed arrays. A `Set<number>` of hashes above 2^31 stores each as a heap number (slow to hash, about
 * 30 bytes each); this holds 4 bytes per value plus a table of twice that many slots.
 */
export class OrderedUint32Set {
  /** Slot -> position in `values` plus one (0: empty). */
  private table: Int32Array;
  private mask: number;
  /** 32 minus the table's bits: a slot is the top bits of the multiplied value (Fibonacci hashing). */
  private shift: number;
  private values: Uint32Array;
  private count = 0;

  constructor(expected = 1024) {
    let slots = 16;
    while (slots < expected * 2) slots *= 2;
    this.table = new Int32Array(slots);
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
    this.values = new Uint32Array(Math.max(8, expected));
  }

  get size(): number {
    return this.count;
  }

  /** Adds a value (taken as uint32); false when it was already there. */
  add(value: number): boolean {
    const key = value >>> 0;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const position = this.table[slot]!;
      if (position === 0) break;
      if (this.values[position - 1] === key) return false;
      slot = (slot + 1) & this.mask;
    }
    if (this.count === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count] = key;
    this.count += 1;
    this.table[slot] = this.count;
    if (this.count * 2 > this.table.length) this.rehash();
    return true;
  }

  /** The values in the order first added (a copy). */
  toArray(): Uint32Array {
    return this.values.slice(0, this.count);
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    this.mask = this.table.length - 1;
    this.shift -= 1;
    for (let position = 0; position < this.count; position += 1) {
      let slot = Math.imul(this.values[position]!, 0x9e3779b1) >>> this.shift;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = position + 1;
    }
  }
}
