import type { PreparedClient, ResolvedOptions } from '../context';
import { cosLatitude, type DecayParams } from '../geo';
import { reachLimitKm } from '../rules/reach';
import { regencyNumber, type PartnerIndex, type ServiceList } from './build';
import { MET, REACH } from './codes';
import { REACHED_SHIFT, REMOTE_SHIFT } from './words';

/**
 * One needed service's offerings, each distinct offering's stage for this client and need, and
 * what each stage adds to a partner's word: the need's priority, as met remotely or within reach.
 */
export class NeedScan {
  readonly adds: Int32Array;
  readonly partner: Int32Array;
  readonly profile: Uint16Array | Uint32Array;
  readonly runStart: Int32Array;
  readonly runCell: Int32Array;

  constructor(
    list: ServiceList,
    readonly stages: Uint8Array,
    priority: number,
    /** The service's bit in a partner's fixed word. */
    readonly bit: number,
  ) {
    ({ partner: this.partner, profile: this.profile, runStart: this.runStart, runCell: this.runCell } = list);
    this.adds = new Int32Array(8);
    this.adds[MET] = priority << REMOTE_SHIFT;
    this.adds[REACH] = priority << REACHED_SHIFT;
  }
}

/**
 * What one query reads of the client and the options, as numbers, with the factors'
 * arithmetic over them: `total` adds the factors' values in the factors' order (coverage,
 * proximity, capacity, administrative), as `score` does, so that both give the same double.
 */
export class QueryFacts {
  readonly located: boolean;
  readonly lat: number;
  readonly lon: number;
  readonly cos: number;
  readonly regency: number;
  readonly bapas: number;
  readonly needWeight: number;
  readonly limit: number;
  readonly explain: boolean;
  readonly decay: DecayParams;
  private readonly maxDistanceKm: number | undefined;
  private readonly defaultRadiusKm: number;
  private readonly sameRegency: number;
  private readonly sameProvince: number;
  private readonly wCoverage: number;
  private readonly wProximity: number;
  private readonly wCapacity: number;
  private readonly wAdministrative: number;

  constructor(
    index: PartnerIndex,
    client: PreparedClient,
    options: ResolvedOptions,
    /** The exclusion each partner code and stage gets without a distance (see `settlement`). */
    readonly settle: Uint8Array,
    /** The same beyond every reach: where only a remote mode fits, out of range. */
    readonly settleFar: Uint8Array,
  ) {
    const { location, client: raw } = client;
    this.located = location !== undefined;
    this.lat = location?.lat ?? Number.NaN;
    this.lon = location?.lon ?? Number.NaN;
    this.cos = location ? cosLatitude(location.lat) : Number.NaN;
    this.regency = regencyNumber(raw.regencyCode);
    this.bapas = raw.bapasId === undefined ? -2 : (index.bapasIds.get(raw.bapasId) ?? -2);
    this.needWeight = client.needWeight;
    this.limit = options.limit;
    this.explain = options.explainExclusions;
    const { scaleKm, offsetKm, decay, sameRegency, sameProvince } = options.proximity;
    this.decay = { scaleKm, offsetKm, decay };
    this.sameRegency = sameRegency;
    this.sameProvince = sameProvince;
    this.maxDistanceKm = raw.maxDistanceKm;
    this.defaultRadiusKm = options.defaultServiceRadiusKm;
    this.wCoverage = options.weights.coverage;
    this.wProximity = options.weights.proximity;
    this.wCapacity = options.weights.capacity;
    this.wAdministrative = options.weights.administrative;
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

  /** Proximity without coordinates: by regency, then province; 0 when either code is missing. */
  nearByCode(other: number): number {
    if (this.regency === -1 || other === -1) return 0;
    if (other === this.regency) return this.sameRegency;
    return Math.floor(other / 100) === Math.floor(this.regency / 100) ? this.sameProvince : 0;
  }

  /** The score from the factors' values; monotone in each, so it also gives upper bounds. */
  total(coverage: number, near: number, headroom: number, sameBapas: number): number {
    let sum = 0;
    sum += coverage * this.wCoverage;
    sum += near * this.wProximity;
    sum += headroom * this.wCapacity;
    sum += sameBapas * this.wAdministrative;
    return Math.min(1, Math.max(0, sum));
  }
}
