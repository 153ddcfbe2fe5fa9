import type { PreparedClient, ResolvedOptions } from '../context';
import { QueryScoring } from '../factors/columns';
import { boxLowerBoundKm } from '../geo';
import { withinLimit } from '../rules/reach';
import type { Exclusion } from '../schemas/result';
import type { PartnerIndex } from './build';
import { OfferingVerdicts, REACH, STAGE_REASONS, partnerVerdicts, reasonIndex } from './codes';
import { NeedScan, QueryFacts } from './facts';
import { Scorer, type Winner } from './scorer';
import { Tally } from './tally';
import { CODE_SHIFT, SERVICE_BIT, STAGE_MASK, WordList, remoteOf } from './words';

/** What a search finds: the best partners, best first, and why the others were left out. */
export interface SearchResult {
  /** The partners kept, best first, with what was computed for each. */
  readonly winners: readonly Winner[];
  /** The query's needed services as walked, each with the need rules' verdicts. */
  readonly needs: readonly NeedScan[];
  readonly excluded: Exclusion[];
}

const OUT_OF_RANGE = reasonIndex('out-of-range');
const NOT_OFFERING = reasonIndex('no-matching-service');

/**
 * Finds the same top `limit` partners as scoring every partner would, and the same exclusion
 * counts, while computing distances and scores for few of them:
 * 1. each needed service's offerings are walked once. A partner offering only one of the
 *    client's needs is settled on the spot; one offering several keeps, until all are walked,
 *    its furthest stage (see `offeringVerdicts`) and the priorities it meets remotely or would
 *    meet within reach, and is settled after;
 * 2. settling: one table lookup by partner profile and stage applies the partner-level rules and
 *    the mismatches; of the partners left, one whose grid cell lies beyond every reach of the
 *    cell's partners is out of range unless met remotely, and the others get an exact distance
 *    and score;
 * 3. partners met remotely from afar are scored only when an upper bound of their score, at
 *    their cell's nearest distance, could still enter the top `limit`.
 *
 * Scoring is the factors' own (`QueryScoring`) over the factors' columns; property tests
 * compare every answer with the plain scorer's, score for score, ties included.
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
  private readonly cellInReach: Uint8Array;
  // The nearest distance of any cell beyond reach in the query in hand, and step 3's bound over
  // any partner that far, by the priorities met (at most MAX_NEEDS * 3).
  private nearestFar = Number.POSITIVE_INFINITY;
  private readonly anyFar = new Float64Array(256);
  private query = 0;

  /**
   * `stat`: the partners' fixed words, when the caller has them; `hot`: another search's, of the
   * same size (see `edited`).
   */
  constructor(
    readonly index: PartnerIndex,
    stat?: Uint32Array,
    hot?: Uint32Array,
  ) {
    const size = index.partners.length;
    const cells = index.cells.count;
    if (index.profiles.length > 1 << (32 - CODE_SHIFT)) throw new Error('internal: too many partner profiles for the search words');
    if (stat) {
      this.stat = stat;
    } else {
      this.stat = Uint32Array.from(index.profile, (profile) => profile << CODE_SHIFT);
      for (const [service, list] of index.services) {
        const bit = SERVICE_BIT.get(service)!;
        for (const p of list.partner) this.stat[p] = this.stat[p]! | bit;
      }
    }
    this.hot = hot ?? new Uint32Array(size);
    this.cellQuery = new Uint32Array(cells);
    this.cellBound = new Float64Array(cells);
    this.cellInReach = new Uint8Array(cells);
  }

  /**
   * A search over `index`, an edit of this one's index in which only the partners at
   * `positions` changed (see `editPartnerIndex`): their fixed words are worked out again, the
   * others copied. This search keeps its own index and words.
   */
  edited(index: PartnerIndex, positions: Int32Array): PartnerSearch {
    const size = index.partners.length;
    const words = Array.from(positions, (p) => {
      let word = index.profile[p]! << CODE_SHIFT;
      for (const offering of index.partners.at(index.order[p]!).offerings) word |= SERVICE_BIT.get(offering.service)!;
      return word >>> 0;
    });
    const same = size === this.stat.length && words.every((word, at) => word === this.stat[positions[at]!]);
    const stat = same ? this.stat : new Uint32Array(size);
    if (!same) {
      stat.set(this.stat);
      words.forEach((word, at) => {
        stat[positions[at]!] = word;
      });
    }
    // A query leaves `hot` all 0 and runs to its end before another starts (nothing in it
    // awaits), so searches of one size can share it.
    return new PartnerSearch(index, stat, size === this.hot.length ? this.hot : undefined);
  }

  search(client: PreparedClient, options: ResolvedOptions): SearchResult {
    // Everything the scan reads of the client, read once into objects of one shape: the scan
    // then never sees the many shapes of validated clients (each would cost it a deopt).
    const needs = client.needs.flatMap((need) => {
      const list = this.index.services.get(need.service);
      if (!list) return [];
      const verdicts = new OfferingVerdicts(list.profiles, client, need, options);
      return [new NeedScan(list, verdicts, need.priority, SERVICE_BIT.get(need.service)!)];
    });
    const [settle, settleFar] = this.settlement(client);
    const facts = new QueryFacts(client, options, settle, settleFar);
    const scorer = new Scorer(this.index, facts, new QueryScoring(this.index.columns, client, options), client, options);
    try {
      return this.run(needs, facts, scorer);
    } catch (error) {
      this.hot.fill(0); // no stale scratch for the next query
      throw error;
    }
  }

  private run(needs: readonly NeedScan[], facts: QueryFacts, scorer: Scorer): SearchResult {
    const { index, stat, hot, touched, aside } = this;
    const size = index.partners.length;
    const { settle, settleFar } = facts;
    const tally = new Tally(facts.explain);
    this.nextQuery();
    this.lastCell = -2;
    this.nearestFar = Number.POSITIVE_INFINITY;
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

    // 3. Partners met remotely from afar, cut by bounds: over any partner at least as far as the
    //    nearest cell beyond reach that meets what this one meets (once per query and needs met),
    //    the same at its own cell's nearest distance, then with the partner's own columns. Each
    //    factor's value never increases with distance nor decreases with the needs met, so every
    //    bound is at least the exact score.
    const cellOf = index.cell;
    const anyFar = this.anyFar.fill(Number.NaN);
    for (let t = 0; t < aside.length; t++) {
      const p = aside.positions[t]!;
      const word = aside.words[t]!;
      const met = remoteOf(word);
      if (Number.isNaN(anyFar[met]!)) anyFar[met] = scorer.boundAny(this.nearestFar, met);
      if (!scorer.admits(anyFar[met]!, p)) continue;
      const near = this.cellBound[cellOf[p]!]!;
      if (scorer.admits(scorer.boundAny(near, met), p) && scorer.admits(scorer.boundOf(p, near, met), p)) scorer.offerExact(p, word);
    }

    return { winners: scorer.winners(), needs, excluded: tally.exclusions(index) };
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
   * it also keeps the cell's nearest distance, for step 3.
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
      const inReach = withinLimit(bound, facts.cellLimit(cells.maxRadius[cell]!, cells.defaultRadius[cell] === 1));
      this.cellInReach[cell] = inReach ? 1 : 0;
      if (!inReach && bound < this.nearestFar) this.nearestFar = bound;
    }
    return this.cellInReach[cell] === 1;
  }

  /**
   * For each partner profile and stage (`profile << 3 | stage`), the exclusion the rules give
   * without a distance (its index in `EXCLUSION_REASONS`), or 0: the partner-level rules first,
   * then a mismatch as the furthest stage; and the same for a partner beyond reach.
   */
  private settlement(client: PreparedClient): readonly [Uint8Array, Uint8Array] {
    const verdicts = partnerVerdicts(client, this.index.profiles);
    const near = new Uint8Array(verdicts.length << 3);
    const far = new Uint8Array(verdicts.length << 3);
    verdicts.forEach((verdict, profile) => {
      for (let stage = 0; stage < 8; stage++) {
        const settled = verdict !== 0 ? verdict : stage < REACH ? (STAGE_REASONS[stage] ?? 0) : 0;
        near[(profile << 3) | stage] = settled;
        far[(profile << 3) | stage] = settled === 0 && stage === REACH ? OUT_OF_RANGE : settled;
      }
    });
    return [near, far];
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
