import type { PreparedClient, ResolvedOptions } from '../context';
import { FACTORS, type Pair } from '../factors';
import type { QueryScoring } from '../factors/columns';
import { cosLatitude, haversineParts } from '../geo';
import { ScoreHeap } from '../heap';
import { withinLimit, withinReach } from '../rules/reach';
import type { PartnerIndex } from './build';
import type { QueryFacts } from './facts';
import { reachedOf, remoteOf } from './words';

/** A partner the search keeps: what it computed for it, for the match to be explained from. */
export interface Winner {
  /** The partner's position in the index. */
  readonly position: number;
  readonly score: number;
  /** Each factor's value, in the factors' order, from `at` (the values of every winner share one array). */
  readonly values: Float64Array;
  readonly at: number;
  /** Great-circle km, NaN when either side has no coordinates. */
  readonly distanceKm: number;
  /** Whether the partner is within reach of the client (in person or at home). */
  readonly within: boolean;
}

const FACTOR_COUNT = FACTORS.length;

/**
 * One query's exact scoring of partners, into the bounded heap. What it computes for a partner
 * the heap keeps (its factors' values, distance, reach) sits in the heap item's slot, so the
 * winners are explained from it and not scored twice.
 */
export class Scorer {
  readonly top: ScoreHeap;
  private readonly slots: number;
  private readonly position: Int32Array;
  private readonly values: Float64Array;
  private readonly score: Float64Array;
  private readonly distance: Float64Array;
  private readonly within: Uint8Array;
  private readonly scratch = new Float64Array(FACTOR_COUNT);
  /** One pair object for every call, so that the factors see one shape. */
  private readonly pair: Pair = { distanceKm: 0, met: 0 };

  constructor(
    private readonly index: PartnerIndex,
    private readonly facts: QueryFacts,
    readonly scoring: QueryScoring,
    private readonly client: PreparedClient,
    private readonly options: ResolvedOptions,
  ) {
    this.slots = Math.max(1, Math.min(facts.limit, index.partners.length));
    this.top = new ScoreHeap(this.slots);
    this.position = new Int32Array(this.slots);
    this.values = new Float64Array(this.slots * FACTOR_COUNT);
    this.score = new Float64Array(this.slots);
    this.distance = new Float64Array(this.slots);
    this.within = new Uint8Array(this.slots);
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
      : Number.NaN;
    const within = located
      ? withinLimit(distance, facts.reachLimit(index.radius[p]!))
      : withinReach(this.client, index.partners.at(index.order[p]!), null, this.options);
    const met = remoteOf(word) + (within ? reachedOf(word) : 0);
    if (met === 0) return false;
    const { pair, scratch } = this;
    pair.distanceKm = distance;
    pair.met = met;
    const score = this.scoring.score(p, pair, scratch);
    const rank = index.idRank[p]!;
    if (!this.top.admits(score, rank)) return true;
    const slot = this.top.size < this.slots ? this.top.size : this.top.worst();
    this.position[slot] = p;
    this.score[slot] = score;
    for (let f = 0, at = slot * FACTOR_COUNT; f < FACTOR_COUNT; f++) this.values[at + f] = scratch[f]!;
    this.distance[slot] = distance;
    this.within[slot] = within ? 1 : 0;
    this.top.offer(score, rank, slot);
    return true;
  }

  /** Whether partner `p` with this score would enter the top now. */
  admits(score: number, p: number): boolean {
    return this.top.admits(score, this.index.idRank[p]!);
  }

  /**
   * A bound of partner `p`'s score when it is at least `distanceKm` away and meets the
   * priorities `met`: its own columns, the factors' values at that distance.
   */
  boundOf(p: number, distanceKm: number, met: number): number {
    const { pair } = this;
    pair.distanceKm = distanceKm;
    pair.met = met;
    return this.scoring.score(p, pair, this.scratch);
  }

  /** A bound of any partner's score at least `distanceKm` away that meets the priorities `met`. */
  boundAny(distanceKm: number, met: number): number {
    const { pair } = this;
    pair.distanceKm = distanceKm;
    pair.met = met;
    return this.scoring.upper(pair);
  }

  /** The partners kept, best first. */
  winners(): Winner[] {
    return this.top.sorted().map((slot) => ({
      position: this.position[slot]!,
      score: this.score[slot]!,
      values: this.values,
      at: slot * FACTOR_COUNT,
      distanceKm: this.distance[slot]!,
      within: this.within[slot] === 1,
    }));
  }
}
