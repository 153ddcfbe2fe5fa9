/**
 * The best `capacity` partners seen so far by (score, then id rank): a binary heap over typed
 * arrays whose root is the worst partner kept.
 */
export class ScoreHeap {
  private readonly score: Float64Array;
  private readonly rank: Int32Array;
  private readonly item: Int32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.score = new Float64Array(capacity);
    this.rank = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
  }

  /** Whether a partner with this score and id rank would be kept now. */
  admits(score: number, rank: number): boolean {
    if (this.size < this.capacity) return true;
    return score > this.score[0]! || (score === this.score[0] && rank < this.rank[0]!);
  }

  offer(score: number, rank: number, item: number): void {
    if (this.size < this.capacity) {
      this.set(this.size, score, rank, item);
      this.up(this.size++);
    } else if (this.admits(score, rank)) {
      this.set(0, score, rank, item);
      this.down(0);
    }
  }

  /** The kept items, best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
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
      if (left < this.size && this.better(worst, left)) worst = left;
      if (right < this.size && this.better(worst, right)) worst = right;
      if (worst === i) return;
      this.swap(worst, i);
      i = worst;
    }
  }
}
