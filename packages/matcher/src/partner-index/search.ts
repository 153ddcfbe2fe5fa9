import type { PreparedClient, ResolvedOptions } from '../context';
import { boxLowerBoundKm, gaussDecay } from '../geo';
import type { Exclusion } from '../schemas/result';
import type { PartnerIndex } from './build';
import { REACH, STAGE_REASONS, offeringStages, partnerVerdicts, reasonIndex } from './codes';
import { NeedScan, QueryFacts } from './facts';
import { Scorer } from './scorer';
import { Tally } from './tally';
import { CODE_SHIFT, SERVICE_BIT, STAGE_MASK, WordList, remoteOf } from './words';

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
    const { settle, settleFar } = facts;
    const tally = new Tally(facts.explain);
    const scorer = new Scorer(index, facts);
    this.nextQuery();
    this.lastCell = -2;
    aside.length = 0;
    touched.length = 0;
    let needMask = 0;
    for (const need of needs) needMask |= need.bit;

    // 1. Walk each need's offerings once, cell by cell; settle a partner offering only this
    //    need at once. Beyond a cell's reach, `settleFar` also counts a partner met only in person
    //    as out of range: the same verdict `leftIn` would give, without a call per partner.
    let single = 0;
    for (const { partner, profile, stages, adds, bit, runStart, runCell } of needs) {
      for (let run = 0; run < runCell.length; run++) {
        const inReach = this.cellMayReach(runCell[run]!, facts);
        const table = inReach ? settle : settleFar;
        const end = runStart[run + 1]!;
        for (let o = runStart[run]!; o < end; o++) {
          const p = partner[o]!;
          const fixed = stat[p]!;
          const found = stages[profile[o]!]!;
          if ((fixed & needMask) === bit) {
            single++;
            const reason = table[((fixed >>> CODE_SHIFT) << 3) | found]!;
            if (reason !== 0) tally.add(reason, p);
            else this.leftIn(p, adds[found]!, inReach, scorer, tally);
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
      if (reason === 0) this.leftIn(p, word, this.partnerCellMayReach(p, facts), scorer, tally);
      else tally.add(reason, p);
    }
    tally.count[NOT_OFFERING] = size - single - several;
    if (tally.ids) tally.ids[NOT_OFFERING] = notOffering(size, needs);

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

  // The last cell `partnerCellMayReach` looked at, and its verdict: partners sit cell by cell,
  // so step 2 meets them in runs of one cell.
  private lastCell = -2;
  private lastInReach = true;

  private partnerCellMayReach(p: number, facts: QueryFacts): boolean {
    const cell = this.index.cell[p]!;
    if (cell !== this.lastCell) {
      this.lastCell = cell;
      this.lastInReach = this.cellMayReach(cell, facts);
    }
    return this.lastInReach;
  }

  /**
   * A partner that the rules without distance leave in: within its cell's reach it is scored
   * exactly (out of range if it meets no need there); beyond it, out of range unless met
   * remotely, then set aside for step 3.
   */
  private leftIn(p: number, word: number, inReach: boolean, scorer: Scorer, tally: Tally): void {
    if (inReach) {
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
    if (!facts.located || cell < 0) return true; // distances unknown: each partner decides
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
