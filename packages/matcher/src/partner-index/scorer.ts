import { cosLatitude, gaussDecay, haversineParts } from '../geo';
import type { PartnerIndex } from './build';
import type { QueryFacts } from './facts';
import { ScoreHeap } from './heap';
import { reachedOf, remoteOf } from './words';

/** One query's exact scoring of partners, into a bounded heap. */
export class Scorer {
  readonly top: ScoreHeap;

  constructor(
    private readonly index: PartnerIndex,
    private readonly facts: QueryFacts,
  ) {
    this.top = new ScoreHeap(Math.min(facts.limit, index.partners.length));
  }

  /** Whether partner `p` with this score would enter the top now. */
  admits(score: number, p: number): boolean {
    return this.top.admits(score, this.index.idRank[p]!);
  }

  /**
   * Scores partner `p` exactly, from its word of step 1, and offers it to the top; false when
   * it meets no need (out of range).
   */
  offerExact(p: number, word: number): boolean {
    const { index, facts } = this;
    const located = facts.located && !Number.isNaN(index.lat[p]!);
    const distance = located
      ? haversineParts(facts.lat, facts.lon, facts.cos, index.lat[p]!, index.lon[p]!, cosLatitude(index.lat[p]!))
      : 0;
    const within = located ? distance <= facts.reachLimit(index.radius[p]!) : facts.regency !== -1 && facts.regency === index.regency[p];
    const met = remoteOf(word) + (within ? reachedOf(word) : 0);
    if (met === 0) return false;
    const near = located ? gaussDecay(distance, facts.decay) : facts.nearByCode(index.regency[p]!);
    this.top.offer(this.totalOf(p, met / facts.needWeight, near), index.idRank[p]!, p);
    return true;
  }

  totalOf(p: number, coverage: number, near: number): number {
    return this.facts.total(coverage, near, this.index.headroom[p]!, this.index.bapas[p] === this.facts.bapas ? 1 : 0);
  }
}
