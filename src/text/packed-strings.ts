/** Members per packed string: no one string grows with the set (V8 caps a string's length). */
const PIECE_BITS = 16;
const PIECE_MASK = (1 << PIECE_BITS) - 1;

/**
 * A set of strings held as sorted runs of members joined into a few long strings, with where each
 * member ends (a few bytes of overhead per member, where a `Set<string>` holds a string object and a
 * hash-table slot for each: for the millions of word pairs of a large corpus, several times less
 * memory). Membership is a binary search; iteration is in sorted order. Exact: no hashing.
 */
export class PackedStringSet implements Iterable<string> {
  private constructor(
    /** Members 65,536 * p onwards, joined. */
    private readonly pieces: string[],
    /** Where member i ends within its piece (it starts where member i - 1 ends, or at 0 for the first of a piece). */
    private readonly ends: Uint32Array,
  ) {}

  static from(members: Iterable<string>): PackedStringSet {
    // Sorted, then repeats dropped in place (no second set of the members while they are packed). The
    // default sort compares UTF-16 code units, as `<` does, without calling back into a comparator.
    const sorted = [...members].sort();
    let kept = 0;
    for (let index = 0; index < sorted.length; index += 1) if (index === 0 || sorted[index] !== sorted[kept - 1]) sorted[kept++] = sorted[index]!;
    sorted.length = kept;
    const ends = new Uint32Array(sorted.length);
    const pieces: string[] = [];
    for (let first = 0; first < sorted.length; first += PIECE_MASK + 1) {
      const piece = sorted.slice(first, first + PIECE_MASK + 1);
      let end = 0;
      piece.forEach((member, index) => {
        end += member.length;
        ends[first + index] = end;
      });
      pieces.push(piece.join(""));
    }
    return new PackedStringSet(pieces, ends);
  }

  get size(): number {
    return this.ends.length;
  }

  has(member: string): boolean {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.at(middle);
      if (found === member) return true;
      if (found < member) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let index = 0; index < this.size; index += 1) yield this.at(index);
  }

  private at(index: number): string {
    const start = (index & PIECE_MASK) === 0 ? 0 : this.ends[index - 1]!;
    return this.pieces[index >>> PIECE_BITS]!.slice(start, this.ends[index]!);
  }
}
