import type { PreparedClient, ResolvedOptions } from '../context';
import { boxLowerBoundKm, cosLatitude, gaussDecay, haversineParts, type DecayParams } from '../geo';
import { reachLimitKm } from '../rules/reach';
import { MAX_NEEDS } from '../schemas/client';
import { EXCLUSION_REASONS, type Exclusion } from '../schemas/result';
import { SERVICE_IDS, type ServiceId } from '../taxonomy';
import { regencyNumber, type PartnerIndex, type ServiceList } from './build';
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

// A partner's word, for the partners offering several of a query's needs (kept in `hot`) and
// for those set aside: its furthest stage (bits 0-7), the priorities it meets remotely (8-15)
// and those it would meet within reach (16-23).
const STAGE_MASK = 0xff;
const REMOTE_SHIFT = 8;
const REACHED_SHIFT = 16;
const remoteOf = (word: number) => (word >>> REMOTE_SHIFT) & 0xff;
const reachedOf = (word: number) => (word >>> REACHED_SHIFT) & 0xff;
// A partner's fixed word in `stat`: its code above bit 16, below it one bit per service offered.
const CODE_SHIFT = 16;
const SERVICE_BIT: ReadonlyMap<ServiceId, number> = new Map(SERVICE_IDS.map((service, index) => [service, 1 << index]));
// The service bits must stay below the code; priorities summed over every need (at most
// MAX_NEEDS of 3 each) must fit their byte.
if (SERVICE_IDS.length > CODE_SHIFT || MAX_NEEDS * 3 > 0xff) throw new Error('internal: the partner words cannot hold the taxonomy');

/**
 * Finds the same top `limit` partners as scoring every partner would, and the same exclusion
 * counts, while computing distances and scores for few of them:
 * 1. each needed service's offerings are walked once. A partner offering only one of the
 *    client's needs is settled on the spot; one offering several keeps, until all are walked,
 *    its furthest stage (see `offeringStages`) and the priorities it meets remotely or would
 *    meet within reach, and is settled after;
 * 2. settling: one table lookup by partner code and stage applies the partner-level rules and
 *    the mismatches; of the partners left, one whose grid cell lies beyond every reach of the
 *    cell's partners is out of range unless met remotely, and the others get an exact distance
 *    and score;
 * 3. partners met remotely from afar are scored only when an upper bound of their score, at
 *    their cell's nearest distance, could still enter the top `limit`.
 *
 * The scoring is the factors' arithmetic over typed arrays, in the factors' order; property
 * tests compare every answer with the plain scorer's, score for score, ties included.
 */
export class PartnerSearch {
  /** One fixed word per partner position (see `CODE_SHIFT`). */
  private readonly stat: Uint32Array;
  /** One word per partner position for the query in hand; all 0 between queries. */
  private readonly hot: Uint32Array;
  /** The partners offering several of the query's needs. */
  private readonly touched = new WordList();
  /** The partners met remotely from beyond reach, for step 3. */
  private readonly aside = new WordList();
  // What a query learns of a cell, valid while `cellQuery` holds that query's number.
  private readonly cellQuery: Uint32Array;
  private readonly cellBound: Float64Array;
  private readonly cellNear: Float64Array;
  private readonly cellInReach: Uint8Array;
  private query = 0;
  private readonly settlements = new Map<string, readonly [Uint8Array, Uint8Array]>();

  constructor(readonly index: PartnerIndex) {
    const size = index.partners.length;
    const cells = index.cells.count;
    this.stat = Uint32Array.from(index.code, (code) => code << CODE_SHIFT);
    for (const [service, list] of index.services) {
      const bit = SERVICE_BIT.get(service)!;
      for (const p of list.partner) this.stat[p] = this.stat[p]! | bit;
    }
    this.hot = new Uint32Array(size);
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
      if (!list) return [];
      const stages = offeringStages(list.profiles, client, need, options);
      return [new NeedScan(list, stages, need.priority, SERVICE_BIT.get(need.service)!)];
    });
    const [settle, settleFar] = this.settlement(client);
    const facts = new QueryFacts(this.index, client, options, settle, settleFar);
    try {
      return this.run(needs, facts);
    } catch (error) {
      this.hot.fill(0); // no stale scratch for the next query
      throw error;
    }
  }

  private run(needs: readonly NeedScan[], facts: QueryFacts): SearchResult {
    const { index, stat, hot, touched, aside } = this;
    const size = index.partners.length;
    const { settle } = facts;
    const tally = new Tally(facts.explain);
    const { count: counts, ids } = tally;
    const scorer = new Scorer(index, facts);
    this.nextQuery();
    this.lastCell = -2;
    aside.length = 0;
    touched.length = 0;
    let needMask = 0;
    for (const need of needs) needMask |= need.bit;

    // 1. Walk each need's offerings once, cell by cell; settle a partner offering only this
    //    need at once. Out of every reach of the cell, a partner left in by the rules without
    //    distance is out of range, unless met remotely: then it is set aside for step 3.
    const { settleFar } = facts;
    let single = 0;
    for (const { partner, profile, stages, adds, bit, runStart, runCell } of needs) {
      for (let run = 0; run < runCell.length; run++) {
        const cell = runCell[run]!;
        const inReach = !facts.located || cell < 0 || this.cellMayReach(cell, facts);
        const table = inReach ? settle : settleFar;
        const end = runStart[run + 1]!;
        for (let o = runStart[run]!; o < end; o++) {
          const p = partner[o]!;
          const fixed = stat[p]!;
          const found = stages[profile[o]!]!;
          if ((fixed & needMask) === bit) {
            single++;
            const reason = table[((fixed >>> CODE_SHIFT) << 3) | found]!;
            // Reason 0 leaves the partner in; its count is a sink, overwritten below.
            counts[reason]!++;
            if (reason !== 0) {
              if (ids) ids[reason]!.push(p);
            } else if (inReach) {
              if (!scorer.offerExact(p, adds[found]!)) tally.add(OUT_OF_RANGE, p);
            } else {
              aside.push(p, adds[found]!);
            }
          } else {
            const word = hot[p]!;
            const before = word & STAGE_MASK;
            if (before === 0) touched.push(p, 0);
            hot[p] = word - before + Math.max(found, before) + adds[found]!;
          }
        }
      }
    }

    // 2. Settle the partners offering several needs, by their furthest stage.
    const several = touched.length;
    for (let t = 0; t < several; t++) {
      const p = touched.positions[t]!;
      const word = hot[p]!;
      hot[p] = 0;
      const reason = settle[((stat[p]! >>> CODE_SHIFT) << 3) | (word & STAGE_MASK)]!;
      if (reason === 0) this.place(p, word, facts, scorer, tally);
      else tally.add(reason, p);
    }
    counts[NOT_OFFERING] = size - single - several;
    if (ids) ids[NOT_OFFERING] = notOffering(size, needs);

    // 3. Partners met remotely from afar, cut by a bound that takes the cell's nearest distance
    //    and the best capacity and Bapas, then by one with the partner's own.
    const cellOf = index.cell;
    for (let t = 0; t < aside.length; t++) {
      const p = aside.positions[t]!;
      const word = aside.words[t]!;
      const coverage = remoteOf(word) / facts.needWeight;
      const near = this.cellNear[cellOf[p]!]!;
      if (scorer.admits(facts.total(coverage, near, 1, 1), p) && scorer.admits(scorer.totalOf(p, coverage, near), p)) {
        scorer.offerExact(p, word);
      }
    }

    const order = index.order;
    return { winners: scorer.top.sorted().map((p) => order[p]!), excluded: tally.exclusions(index) };
  }

  // The last cell `place` looked at, and its verdict: partners sit cell by cell, so a walk meets
  // them in runs of one cell.
  private lastCell = -2;
  private lastInReach = true;

  /**
   * A partner that the rules without distance leave in: out of every reach of its cell, it is
   * out of range unless met remotely (then set aside for step 3); else it is scored exactly.
   */
  private place(p: number, word: number, facts: QueryFacts, scorer: Scorer, tally: Tally): void {
    const cell = this.index.cell[p]!;
    if (cell !== this.lastCell) {
      this.lastCell = cell;
      this.lastInReach = !facts.located || cell < 0 || this.cellMayReach(cell, facts);
    }
    if (this.lastInReach) {
      if (!scorer.offerExact(p, word)) tally.add(OUT_OF_RANGE, p);
    } else if (remoteOf(word) === 0) {
      tally.add(OUT_OF_RANGE, p);
    } else {
      this.aside.push(p, word);
    }
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

  /**
   * For each partner code and stage (`code << 3 | stage`), the exclusion the rules give without a
   * distance (its index in `EXCLUSION_REASONS`), or 0: the partner-level rules first, then a
   * mismatch as the furthest stage; and the same for a partner beyond reach. Two tables per kind
   * of client (age group and gender).
   */
  private settlement(client: PreparedClient): readonly [Uint8Array, Uint8Array] {
    const key = `${client.client.ageGroup}|${client.client.gender}`;
    let tables = this.settlements.get(key);
    if (!tables) {
      const verdicts = partnerVerdicts(client);
      const near = new Uint8Array(verdicts.length << 3);
      const far = new Uint8Array(verdicts.length << 3);
      verdicts.forEach((verdict, code) => {
        for (let stage = 0; stage < 8; stage++) {
          const settled = verdict !== 0 ? verdict : stage < REACH ? (STAGE_REASONS[stage] ?? 0) : 0;
          near[(code << 3) | stage] = settled;
          far[(code << 3) | stage] = settled === 0 && stage === REACH ? OUT_OF_RANGE : settled;
        }
      });
      this.settlements.set(key, (tables = [near, far]));
    }
    return tables;
  }
}

/** The positions of the partners offering none of the needs (asked for with `explainExclusions`). */
function notOffering(size: number, needs: readonly NeedScan[]): number[] {
  const offering = new Uint8Array(size);
  for (const { partner } of needs) for (const p of partner) offering[p] = 1;
  const positions: number[] = [];
  offering.forEach((offers, p) => {
    if (!offers) positions.push(p);
  });
  return positions;
}

/** Positions with their words, growing as needed and reused from query to query (a few thousand, not one per partner). */
class WordList {
  positions = new Int32Array(256);
  words = new Uint32Array(256);
  length = 0;

  push(position: number, word: number): void {
    if (this.length === this.positions.length) {
      const positions = new Int32Array(this.length * 2);
      const words = new Uint32Array(this.length * 2);
      positions.set(this.positions);
      words.set(this.words);
      this.positions = positions;
      this.words = words;
    }
    this.positions[this.length] = position;
    this.words[this.length++] = word;
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
      excluded.push(ids ? { reason, count, partnerIds: ids.map((p) => index.partners[index.order[p]!]!.id).sort() } : { reason, count });
    });
    return excluded;
  }
}

/**
 * One needed service's offerings, each distinct offering's stage for this client and need, and
 * what each stage adds to a partner's word: the need's priority, as met remotely or within reach.
 */
class NeedScan {
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

/** One query's exact scoring of partners, into a bounded heap. */
class Scorer {
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
