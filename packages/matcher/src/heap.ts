/**
 * The best `capacity` items seen so far by score, then by rank (a partner's place in id order,
 * so ties go to the smaller id): a binary heap over typed arrays whose root is the worst item
 * kept, so each offer costs O(log k). The one bounded heap: the plain scorer and the index both
 * keep their top with it.
 */
export class ScoreHeap {
  private readonly score: Float64Array;
  private readonly rank: Int32Array;
  private readonly item: Int32Array;
  private count = 0;

  constructor(private readonly capacity: number) {
    this.score = new Float64Array(capacity);
    this.rank = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The item that the next admitted offer replaces once the heap is full. */
  worst(): number {
    return this.item[0]!;
  }

  /** Whether an item with this score and rank would be kept now. */
  admits(score: number, rank: number): boolean {
    if (this.count < this.capacity) return true;
    return score > this.score[0]! || (score === this.score[0] && rank < this.rank[0]!);
  }

  offer(score: number, rank: number, item: number): void {
    if (this.count < this.capacity) {
      this.set(this.count, score, rank, item);
      this.up(this.count++);
    } else if (this.admits(score, rank)) {
      this.set(0, score, rank, item);
      this.down(0);
    }
  }

  /** The kept items, best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.count }, (_, i) => i);
    order.sort((a, b) => (this.better(a, b) ? -1 : 1));
    return order.map((i) => this.item[i]!);
  }

  private better(i: number, j: number): boolean {
    return this.score[i]! > this.score[j]! || (this.score[i] === this.score[j] && this.rank[i]! < this.rank[j]!);
  }

  private set(i: number, score: number, rank: number, item: number): void {
    this.score[i] = score;
    this.rank[i] = rank;
    this.item[i] = item;
  }

  private swap(i: number, j: number): void {
    const { score, rank, item } = this;
    [score[i], score[j]] = [score[j]!, score[i]!];
    [rank[i], rank[j]] = [rank[j]!, rank[i]!];
    [item[i], item[j]] = [item[j]!, item[i]!];
  }

  private up(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(parent, i)) return;
      this.swap(parent, i);
      i = parent;
    }
  }

  private down(start: number): void {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.count && this.better(worst, left)) worst = left;
      if (right < this.count && this.better(worst, right)) worst = right;
      if (worst === i) return;
      this.swap(worst, i);
      i = worst;
    }
  }
}
