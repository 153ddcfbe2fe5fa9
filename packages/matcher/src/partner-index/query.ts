import type { PreparedClient, ResolvedOptions } from '../context';
import { boxLowerBoundKm, cosLatitude, gaussDecay, haversineParts, type DecayParams } from '../geo';
import { reachLimitKm } from '../rules/reach';
import { EXCLUSION_REASONS, type Exclusion } from '../schemas/result';
import { regencyNumber, type PartnerIndex } from './build';
import { MET, REACH, STAGE_REASONS, offeringStages, partnerVerdicts, reasonIndex } from './codes';
import { ScoreHeap } from './heap';

/** What a search finds: the best partners, best first, and why the others were left out. */
export interface SearchResult {
  /** Positions in `index.partners`, best first. */
  readonly winners: readonly number[];
  readonly excluded: Exclusion[];
}

const OUT_OF_RANGE = reasonIndex('out-of-range');
const NOT_OFFERING = reasonIndex('no-matching-service');

// A partner's four bytes in `hot`: its furthest stage in this query, the priorities it meets
// remotely, those it meets within reach, and its partner code. Kept side by side so that a
// partner costs one cache line however many of them a query reads.
const STAGE = 0;
const REMOTE = 1;
const REACHED = 2;
const CODE = 3;

/**
 * Finds the same top `limit` partners as scoring every partner would, and the same exclusion
 * counts, while computing distances and scores for few of them:
 * 1. each needed service's offerings are walked once, each partner keeping its furthest stage
 *    (see `offeringStages`) and the priorities it meets remotely or would meet within reach;
 * 2. partner-level rules and stages settle most exclusions with one table lookup each, and a
 *    partner whose grid cell lies beyond every reach of the cell's partners is out of range
 *    unless met remotely; the others get an exact distance and score;
 * 3. partners met remotely from afar are scored only when an upper bound of their score, at
 *    their cell's nearest distance, could still enter the top `limit`.
 *
 * The scoring is the factors' arithmetic over typed arrays, in the factors' order; property
 * tests compare every answer with the plain scorer's, score for score, ties included.
 */
export class PartnerSearch {
  /** Four bytes per partner (see `STAGE`, `REMOTE`, `REACHED`, `CODE`); all but the code are 0 between queries. */
  private readonly hot: Uint8Array;
  private readonly touched: Int32Array;
  // What a query learns of a cell, valid while `cellQuery` holds that query's number.
  private readonly cellQuery: Uint32Array;
  private readonly cellBound: Float64Array;
  private readonly cellNear: Float64Array;
  private readonly cellInReach: Uint8Array;
  private query = 0;
  private readonly verdicts = new Map<string, Uint8Array>();

  constructor(readonly index: PartnerIndex) {
    const size = index.partners.length;
    const cells = index.cells.count;
    this.hot = new Uint8Array(4 * size);
    index.code.forEach((code, p) => {
      this.hot[4 * p + CODE] = code;
    });
    this.touched = new Int32Array(size);
    this.cellQuery = new Uint32Array(cells);
    this.cellBound = new Float64Array(cells);
    this.cellNear = new Float64Array(cells);
    this.cellInReach = new Uint8Array(cells);
  }

  search(client: PreparedClient, options: ResolvedOptions): SearchResult {
    // Everything the scan reads of the client, read once into objects of one shape: the scan
    // then never sees the many shapes of validated clients (each would cost it a deopt).
    const needs = client.needs.flatMap((need) => {
      const list = this.index.services.get(need.service);
      return list ? [new NeedScan(list.partner, list.profile, offeringStages(list.profiles, client, need, options), need.priority)] : [];
    });
    const facts = new QueryFacts(this.index, client, options, this.partnerVerdicts(client));
    try {
      return this.run(needs, facts);
    } catch (error) {
      // Leave no stale scratch behind for the next query.
      for (let at = 0; at < this.hot.length; at += 4) this.hot[at + STAGE] = this.hot[at + REMOTE] = this.hot[at + REACHED] = 0;
      throw error;
    }
  }

  private run(needs: readonly NeedScan[], facts: QueryFacts): SearchResult {
    const { index, hot, touched } = this;
    const size = index.partners.length;

    // 1. Walk each need's offerings once.
    let count = 0;
    for (const { partner, profile, stages, priority } of needs) {
      for (let o = 0; o < partner.length; o++) {
        const p = partner[o]!;
        const found = stages[profile[o]!]!;
        const at = 4 * p;
        const before = hot[at]!;
        if (before === 0) touched[count++] = p;
        if (found > before) hot[at] = found;
        if (found === MET) hot[at + REMOTE] = hot[at + REMOTE]! + priority;
        else if (found === REACH) hot[at + REACHED] = hot[at + REACHED]! + priority;
      }
    }

    const tally = new Tally(facts.explain);
    tally.count[NOT_OFFERING] = size - count;
    if (tally.ids) for (let p = 0; p < size; p++) if (hot[4 * p] === 0) tally.ids[NOT_OFFERING]!.push(p);

    // 2. Settle what needs no distance, and score the partners whose cell may be in their reach;
    //    the partners met remotely from beyond reach wait at the front of `touched`.
    const { verdicts } = facts;
    const scorer = new Scorer(index, facts, hot);
    this.nextQuery();
    const cellOf = index.cell;
    let far = 0;
    for (let t = 0; t < count; t++) {
      const p = touched[t]!;
      const at = 4 * p;
      const furthest = hot[at]!;
      const reason = verdicts[hot[at + CODE]!]!;
      if (reason !== 0 || furthest < REACH) {
        tally.add(reason !== 0 ? reason : STAGE_REASONS[furthest]!, p);
      } else {
        const cell = cellOf[p]!;
        if (!facts.located || cell < 0 || this.cellMayReach(cell, facts)) {
          if (!scorer.offerExact(p)) tally.add(OUT_OF_RANGE, p);
        } else if (hot[at + REMOTE] === 0) {
          tally.add(OUT_OF_RANGE, p);
        } else {
          touched[far++] = p;
          continue; // its scratch is cleared below
        }
      }
      hot[at] = hot[at + REMOTE] = hot[at + REACHED] = 0;
    }

    // 3. Partners met remotely from afar, cut by a bound that takes the cell's nearest distance
    //    and the best capacity and Bapas, then by one with the partner's own.
    for (let t = 0; t < far; t++) {
      const p = touched[t]!;
      const at = 4 * p;
      const coverage = hot[at + REMOTE]! / facts.needWeight;
      const near = this.cellNear[cellOf[p]!]!;
      if (scorer.admits(facts.total(coverage, near, 1, 1), p) && scorer.admits(scorer.totalOf(p, coverage, near), p)) scorer.offerExact(p);
      hot[at] = hot[at + REMOTE] = hot[at + REACHED] = 0;
    }

    return { winners: scorer.top.sorted(), excluded: tally.exclusions(index) };
  }

  private nextQuery(): void {
    this.query = (this.query + 1) >>> 0;
    if (this.query === 0) {
      this.cellQuery.fill(0);
      this.query = 1;
    }
  }

  /**
   * Whether the cell comes within the reach of any of its partners; once per cell and query,
   * it also keeps the cell's nearest distance and the proximity there, for step 3.
   */
  private cellMayReach(cell: number, facts: QueryFacts): boolean {
    if (this.cellQuery[cell] !== this.query) {
      const { cells } = this.index;
      const bound = boxLowerBoundKm(
        facts.lat,
        facts.lon,
        facts.cos,
        cells.latMin[cell]!,
        cells.latMax[cell]!,
        cells.lonMin[cell]!,
        cells.lonMax[cell]!,
        cells.minCos[cell]!,
      );
      this.cellQuery[cell] = this.query;
      this.cellBound[cell] = bound;
      this.cellNear[cell] = gaussDecay(bound, facts.decay);
      this.cellInReach[cell] = bound <= facts.cellLimit(cells.maxRadius[cell]!, cells.defaultRadius[cell] === 1) ? 1 : 0;
    }
    return this.cellInReach[cell] === 1;
  }

  private partnerVerdicts(client: PreparedClient): Uint8Array {
    const key = `${client.client.ageGroup}|${client.client.gender}`;
    let table = this.verdicts.get(key);
    if (!table) this.verdicts.set(key, (table = partnerVerdicts(client)));
    return table;
  }
}

/** Exclusion counts by reason, and the partners behind them when asked for. */
class Tally {
  readonly count = new Int32Array(EXCLUSION_REASONS.length);
  readonly ids: number[][] | undefined;

  constructor(explain: boolean) {
    this.ids = explain ? EXCLUSION_REASONS.map((): number[] => []) : undefined;
  }

  add(reason: number, partner: number): void {
    this.count[reason]!++;
    if (this.ids) this.ids[reason]!.push(partner);
  }

  exclusions(index: PartnerIndex): Exclusion[] {
    const excluded: Exclusion[] = [];
    EXCLUSION_REASONS.forEach((reason, r) => {
      const count = this.count[r]!;
      if (count === 0) return;
      const ids = this.ids?.[r];
      excluded.push(ids ? { reason, count, partnerIds: ids.map((p) => index.partners[p]!.id).sort() } : { reason, count });
    });
    return excluded;
  }
}

/** One needed service's offerings, and each distinct offering's stage for this client and need. */
class NeedScan {
  constructor(
    readonly partner: Int32Array,
    readonly profile: Uint16Array | Uint32Array,
    readonly stages: Uint8Array,
    readonly priority: number,
  ) {}
}

/**
 * What one query reads of the client and the options, as numbers, with the factors'
 * arithmetic over them: `total` adds the factors' values in the factors' order (coverage,
 * proximity, capacity, administrative), as `score` does, so that both give the same double.
 */
class QueryFacts {
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
    /** The partner-level verdict for each partner code (see `partnerVerdicts`). */
    readonly verdicts: Uint8Array,
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

/** One query's exact scoring of partners, into a bounded heap. */
class Scorer {
  readonly top: ScoreHeap;

  constructor(
    private readonly index: PartnerIndex,
    private readonly facts: QueryFacts,
    private readonly hot: Uint8Array,
  ) {
    this.top = new ScoreHeap(Math.min(facts.limit, index.partners.length));
  }

  /** Whether partner `p` with this score would enter the top now. */
  admits(score: number, p: number): boolean {
    return this.top.admits(score, this.index.idRank[p]!);
  }

  /** Scores partner `p` exactly and offers it to the top; false when it meets no need (out of range). */
  offerExact(p: number): boolean {
    const { index, hot, facts } = this;
    const located = facts.located && !Number.isNaN(index.lat[p]!);
    const distance = located ? haversineParts(facts.lat, facts.lon, facts.cos, index.lat[p]!, index.lon[p]!, index.cosLat[p]!) : 0;
    const within = located ? distance <= facts.reachLimit(index.radius[p]!) : facts.regency !== -1 && facts.regency === index.regency[p];
    const met = hot[4 * p + REMOTE]! + (within ? hot[4 * p + REACHED]! : 0);
    if (met === 0) return false;
    const near = located ? gaussDecay(distance, facts.decay) : facts.nearByCode(index.regency[p]!);
    this.top.offer(this.totalOf(p, met / facts.needWeight, near), index.idRank[p]!, p);
    return true;
  }

  totalOf(p: number, coverage: number, near: number): number {
    return this.facts.total(coverage, near, this.index.headroom[p]!, this.index.bapas[p] === this.facts.bapas ? 1 : 0);
  }
}
