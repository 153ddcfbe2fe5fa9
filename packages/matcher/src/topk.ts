/**
 * Keeps the best `k` of a stream without sorting all of it: a binary heap whose root is the
 * worst item kept, so each offer costs O(log k). `better` must be a strict total order.
 */
export class TopK<T> {
  private readonly items: T[] = [];

  constructor(
    private readonly k: number,
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  offer(item: T): void {
    const { items } = this;
    if (items.length < this.k) {
      items.push(item);
      this.up(items.length - 1);
    } else if (this.better(item, items[0]!)) {
      items[0] = item;
      this.down(0);
    }
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.items].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  // The root holds the worst item: a parent is never better than its children.
  private up(index: number): void {
    const { items } = this;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(items[parent]!, items[i]!)) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  private down(index: number): void {
    const { items } = this;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < items.length && this.better(items[worst]!, items[left]!)) worst = left;
      if (right < items.length && this.better(items[worst]!, items[right]!)) worst = right;
      if (worst === i) return;
      [items[worst], items[i]] = [items[i]!, items[worst]!];
      i = worst;
    }
  }
}
