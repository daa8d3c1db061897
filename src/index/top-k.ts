/** The best `k` of a stream by `better`, in a bounded heap whose root is the worst kept. */
export class TopK {
  private readonly items: number[] = [];
  constructor(
    private readonly k: number,
    private readonly better: (a: number, b: number) => boolean,
  ) {}

  offer(item: number): void {
    const { items, better } = this;
    if (this.k <= 0) return;
    if (items.length < this.k) {
      items.push(item);
      let child = items.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (!better(items[parent]!, items[child]!)) break;
        [items[parent], items[child]] = [items[child]!, items[parent]!];
        child = parent;
      }
      return;
    }
    if (!better(item, items[0]!)) return;
    items[0] = item;
    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let worst = parent;
      if (left < items.length && better(items[worst]!, items[left]!)) worst = left;
      if (right < items.length && better(items[worst]!, items[right]!)) worst = right;
      if (worst === parent) break;
      [items[parent], items[worst]] = [items[worst]!, items[parent]!];
      parent = worst;
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** The worst item kept (the first to go), if any. */
  worst(): number | undefined {
    return this.items[0];
  }

  /** The kept items, best first. */
  sorted(): number[] {
    return [...this.items].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }
}
