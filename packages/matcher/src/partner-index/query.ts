import type { PreparedClient, ResolvedOptions } from '../context';
import { boxLowerBoundKm, cosLatitude, gaussDecay, haversineParts } from '../geo';
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

/**
 * Finds the same top `limit` partners as scoring every partner would, and the same exclusion
 * counts, while computing distances and scores for few of them:
 * 1. each needed service's offerings are walked once, each partner keeping its furthest stage
 *    (see `offeringStages`) and the priorities it meets remotely or would meet within reach;
 * 2. partner-level rules and stages settle most exclusions with one table lookup each;
 * 3. the rest get an exact distance only when their grid cell could be within their reach,
 *    else they are out of range, or met remotely from afar: those are scored only when an upper
 *    bound of their score (the cell's nearest distance) could still enter the top `limit`.
 *
 * The scoring here is the factors' arithmetic over typed arrays, in the factors' order; the
 * property tests compare every answer with the plain scorer's, score for score.
 */
export class PartnerSearch {
  // Per-partner scratch, zero between queries.
  private readonly stage: Uint8Array;
  private readonly remote: Uint8Array;
  private readonly reach: Uint8Array;
  private readonly touched: Int32Array;
  // Per-cell lower bounds, valid for the query whose number is in `cellQuery`.
  private readonly cellBound: Float64Array;
  private readonly cellQuery: Uint32Array;
  private query = 0;
  private readonly verdicts = new Map<string, Uint8Array>();

  constructor(readonly index: PartnerIndex) {
    const size = index.partners.length;
    this.stage = new Uint8Array(size);
    this.remote = new Uint8Array(size);
    this.reach = new Uint8Array(size);
    this.touched = new Int32Array(size);
    this.cellBound = new Float64Array(index.cells.count);
    this.cellQuery = new Uint32Array(index.cells.count);
  }

  search(client: PreparedClient, options: ResolvedOptions): SearchResult {
    try {
      return this.run(client, options);
    } catch (error) {
      // Leave no stale scratch behind for the next query.
      this.stage.fill(0);
      this.remote.fill(0);
      this.reach.fill(0);
      throw error;
    }
  }

  private run(client: PreparedClient, options: ResolvedOptions): SearchResult {
    const { index, stage, remote, reach, touched } = this;
    const size = index.partners.length;

    // 1. Walk each need's offerings once.
    let count = 0;
    for (const need of client.needs) {
      const list = index.services.get(need.service);
      if (!list) continue;
      const stages = offeringStages(list.profiles, client, need, options);
      const { partner, profile } = list;
      for (let o = 0; o < partner.length; o++) {
        const p = partner[o]!;
        const found = stages[profile[o]!]!;
        const before = stage[p]!;
        if (before === 0) touched[count++] = p;
        if (found > before) stage[p] = found;
        if (found === MET) remote[p] = remote[p]! + need.priority;
        else if (found === REACH) reach[p] = reach[p]! + need.priority;
      }
    }

    const counts = new Int32Array(EXCLUSION_REASONS.length);
    counts[NOT_OFFERING] = size - count;
    const ids = options.explainExclusions ? EXCLUSION_REASONS.map((): number[] => []) : undefined;
    if (ids) for (let p = 0; p < size; p++) if (stage[p] === 0) ids[NOT_OFFERING]!.push(p);
    const exclude = (reason: number, p: number) => {
      counts[reason]!++;
      ids?.[reason]!.push(p);
    };

    // 2. Settle what the rules settle without a distance; keep the rest at the front of `touched`.
    const verdicts = this.partnerVerdicts(client);
    let kept = 0;
    for (let t = 0; t < count; t++) {
      const p = touched[t]!;
      const furthest = stage[p]!;
      const reason = verdicts[index.code[p]!]!;
      if (reason !== 0 || furthest < REACH) {
        exclude(reason !== 0 ? reason : STAGE_REASONS[furthest]!, p);
        stage[p] = remote[p] = reach[p] = 0;
      } else {
        touched[kept++] = p;
      }
    }

    // 3. Distances and scores where they can matter.
    const top = new ScoreHeap(Math.min(options.limit, kept));
    const { weights, proximity } = options;
    const located = client.location !== undefined;
    const cLat = client.location?.lat ?? Number.NaN;
    const cLon = client.location?.lon ?? Number.NaN;
    const cCos = located ? cosLatitude(cLat) : Number.NaN;
    const cRegency = regencyNumber(client.client.regencyCode);
    const cBapas = client.client.bapasId === undefined ? -2 : (index.bapasIds.get(client.client.bapasId) ?? -2);
    const defaultLimit = reachLimitKm(client, undefined, options);
    const limitOf = (p: number) => {
      const radius = index.radius[p]!;
      return Number.isNaN(radius) ? defaultLimit : reachLimitKm(client, radius, options);
    };
    const cellBoundOf = (cell: number) => {
      if (this.cellQuery[cell] !== this.query) {
        this.cellQuery[cell] = this.query;
        this.cellBound[cell] = boxLowerBoundKm(cLat, cLon, cCos, {
          latMin: index.cells.latMin[cell]!,
          latMax: index.cells.latMax[cell]!,
          lonMin: index.cells.lonMin[cell]!,
          lonMax: index.cells.lonMax[cell]!,
          minCos: index.cells.minCos[cell]!,
        });
      }
      return this.cellBound[cell]!;
    };
    // The sum in the factors' order (coverage, proximity, capacity, administrative), as `score` adds them.
    const total = (coverage: number, near: number, p: number) => {
      let sum = 0;
      sum += coverage * weights.coverage;
      sum += near * weights.proximity;
      sum += index.headroom[p]! * weights.capacity;
      sum += (index.bapas[p] === cBapas ? 1 : 0) * weights.administrative;
      return Math.min(1, Math.max(0, sum));
    };
    // Scores one partner exactly; false when nothing is met (out of range).
    const offerExact = (p: number): boolean => {
      const distance =
        located && !Number.isNaN(index.lat[p]!) ? haversineParts(cLat, cLon, cCos, index.lat[p]!, index.lon[p]!, index.cosLat[p]!) : null;
      const within = distance === null ? cRegency !== -1 && cRegency === index.regency[p] : distance <= limitOf(p);
      const met = remote[p]! + (within ? reach[p]! : 0);
      if (met === 0) return false;
      let near = 0;
      if (distance !== null) near = gaussDecay(distance, proximity);
      else if (cRegency !== -1 && index.regency[p] !== -1) {
        const other = index.regency[p]!;
        near =
          other === cRegency ? proximity.sameRegency : Math.floor(other / 100) === Math.floor(cRegency / 100) ? proximity.sameProvince : 0;
      }
      top.offer(total(met / client.needWeight, near, p), index.idRank[p]!, p);
      return true;
    };

    this.query = (this.query + 1) >>> 0;
    if (this.query === 0) {
      this.cellQuery.fill(0);
      this.query = 1;
    }
    let far = 0;
    for (let t = 0; t < kept; t++) {
      const p = touched[t]!;
      const cell = index.cell[p]!;
      if (!located || cell < 0 || cellBoundOf(cell) <= limitOf(p)) {
        if (!offerExact(p)) exclude(OUT_OF_RANGE, p);
        stage[p] = remote[p] = reach[p] = 0;
      } else if (remote[p] === 0) {
        exclude(OUT_OF_RANGE, p);
        stage[p] = reach[p] = 0;
      } else {
        touched[far++] = p; // met remotely, beyond reach: scored below only if it could rank
      }
    }
    for (let t = 0; t < far; t++) {
      const p = touched[t]!;
      const bound = total(remote[p]! / client.needWeight, gaussDecay(this.cellBound[index.cell[p]!]!, proximity), p);
      if (top.admits(bound, index.idRank[p]!)) offerExact(p);
      stage[p] = remote[p] = reach[p] = 0;
    }

    const excluded: Exclusion[] = [];
    EXCLUSION_REASONS.forEach((reason, r) => {
      if (counts[r] === 0) return;
      const entry: Exclusion = { reason, count: counts[r]! };
      excluded.push(ids ? { ...entry, partnerIds: ids[r]!.map((p) => index.partners[p]!.id).sort() } : entry);
    });
    return { winners: top.sorted(), excluded };
  }

  private partnerVerdicts(client: PreparedClient): Uint8Array {
    const key = `${client.client.ageGroup}|${client.client.gender}`;
    let table = this.verdicts.get(key);
    if (!table) this.verdicts.set(key, (table = partnerVerdicts(client)));
    return table;
  }
}
