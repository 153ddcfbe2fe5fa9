/**
 * Which partner each request refers to: the callers crowd a window of the first few partners
 * not yet known to be full, in turn, as counsellors after the same few places would. A partner
 * is known full from its first 409 `no-capacity` (places are only ever taken in this run, so it
 * stays full); the window then moves past it. So every partner is asked for more places than it
 * has by requests in flight together, and the places last for the whole run: the race for each
 * partner's last place is what an overbooking bug would lose.
 */
export class PartnerWindow {
  /** Whether each partner has answered `no-capacity`. */
  private readonly full: Uint8Array;
  /** The first partner not known to be full; `size` once all are. */
  private front = 0;
  private turn = 0;

  /**
   * @param size the partners, by index.
   * @param width how many partners not known full are asked in turn (4 by default).
   */
  constructor(
    readonly size: number,
    readonly width = 4,
  ) {
    if (!(size >= 1 && Number.isInteger(size))) throw new Error(`a window over ${size} partners`);
    if (!(width >= 1 && Number.isInteger(width))) throw new Error(`a window ${width} partners wide`);
    this.full = new Uint8Array(size);
  }

  /** The partner the next request refers to: the window's partners in turn; once all are full, every partner in turn. */
  next(): number {
    const turn = this.turn++;
    if (this.exhausted) return turn % this.size;
    // The (turn mod width)-th partner not known full from the front, or the last of them.
    let pick = this.front;
    for (let step = turn % this.width, at = this.front + 1; step > 0 && at < this.size; at++) {
      if (this.full[at] === 0) {
        pick = at;
        step--;
      }
    }
    return pick;
  }

  /** The partner answered `no-capacity`: it is full for the rest of the run. */
  refused(partner: number): void {
    this.full[partner] = 1;
    while (this.front < this.size && this.full[this.front] === 1) this.front++;
  }

  /** Every partner has answered `no-capacity`. */
  get exhausted(): boolean {
    return this.front >= this.size;
  }

  /** Partners known full so far. */
  get fullCount(): number {
    return this.full.reduce((sum, flag) => sum + flag, 0);
  }
}
