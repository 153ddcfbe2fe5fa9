import type { PreparedClient, ResolvedOptions } from '../context';
import { cosLatitude } from '../geo';
import { reachLimitKm } from '../rules/reach';
import type { ServiceList } from './build';
import { MET, REACH, type OfferingVerdicts } from './codes';
import { REACHED_SHIFT, REMOTE_SHIFT } from './words';

/**
 * One needed service's offerings, what the need rules say of each distinct offering for this
 * client and need, and what each stage adds to a partner's word: the need's priority, as met
 * remotely or within reach.
 */
export class NeedScan {
  readonly adds: Int32Array;
  readonly partner: Int32Array;
  readonly profile: Uint16Array | Uint32Array;
  readonly runStart: Int32Array;
  readonly runCell: Int32Array;
  readonly stages: Uint8Array;

  constructor(
    readonly list: ServiceList,
    readonly verdicts: OfferingVerdicts,
    priority: number,
    /** The service's bit in a partner's fixed word. */
    readonly bit: number,
  ) {
    ({ partner: this.partner, profile: this.profile, runStart: this.runStart, runCell: this.runCell } = list);
    this.stages = verdicts.stages;
    this.adds = new Int32Array(8);
    this.adds[MET] = priority << REMOTE_SHIFT;
    this.adds[REACH] = priority << REACHED_SHIFT;
  }
}

/** What one query reads of the client and the options for the walk and the cuts, as numbers. */
export class QueryFacts {
  readonly located: boolean;
  readonly lat: number;
  readonly lon: number;
  readonly cos: number;
  readonly needWeight: number;
  readonly limit: number;
  readonly explain: boolean;
  private readonly maxDistanceKm: number | undefined;
  private readonly defaultRadiusKm: number;

  constructor(
    client: PreparedClient,
    options: ResolvedOptions,
    /** The exclusion each partner profile and stage gets without a distance (see `settlement`). */
    readonly settle: Uint8Array,
    /** The same beyond every reach: where only a remote mode fits, out of range. */
    readonly settleFar: Uint8Array,
  ) {
    const { location, client: raw } = client;
    this.located = location !== undefined;
    this.lat = location?.lat ?? Number.NaN;
    this.lon = location?.lon ?? Number.NaN;
    this.cos = location ? cosLatitude(location.lat) : Number.NaN;
    this.needWeight = client.needWeight;
    this.limit = options.limit;
    this.explain = options.explainExclusions;
    this.maxDistanceKm = raw.maxDistanceKm;
    this.defaultRadiusKm = options.defaultServiceRadiusKm;
  }

  /** How far a partner with this service radius (NaN: none) counts as within reach. */
  reachLimit(radiusKm: number): number {
    return reachLimitKm(Number.isNaN(radiusKm) ? undefined : radiusKm, this.maxDistanceKm, this.defaultRadiusKm);
  }

  /** The farthest any partner of a cell counts as within reach, from its largest radius. */
  cellLimit(maxRadius: number, anyDefault: boolean): number {
    const largest = Math.max(maxRadius, anyDefault ? this.defaultRadiusKm : Number.NEGATIVE_INFINITY);
    return largest === Number.NEGATIVE_INFINITY ? largest : reachLimitKm(largest, this.maxDistanceKm, this.defaultRadiusKm);
  }
}
