import type { Assessment, PreparedClient, PreparedPartner, ResolvedOptions } from './context';
import { FACTORS } from './factors';
import { QueryScoring } from './factors/columns';
import { haversineKm } from './geo';
import { ScoreHeap } from './heap';
import { explainMatch, pairOf } from './match';
import { compareStrings } from './order';
import type { PreparedRegistry } from './prepare';
import { MISSING_STAGE, assessNeed } from './rules/reach';
import { partnerExclusion } from './rules/eligibility';
import type { CoveredNeed, Exclusion, ExclusionReason, MissingNeed, Recommendation } from './schemas/result';
import { EXCLUSION_REASONS } from './schemas/result';

/** One scored pair: what the rules found, each factor's value in the factors' order, the score. */
export interface Scored {
  readonly assessment: Assessment;
  readonly values: Float64Array;
  readonly score: number;
}

/** Applies the hard rules to one partner: either why it is excluded, or what it covers. */
export function assess(client: PreparedClient, prepared: PreparedPartner, options: ResolvedOptions): Assessment | ExclusionReason {
  const excluded = partnerExclusion(client, prepared);
  if (excluded) return excluded;

  const location = prepared.partner.location;
  const distanceKm = client.location && location ? haversineKm(client.location, location) : null;
  const covered: CoveredNeed[] = [];
  const missing: MissingNeed[] = [];
  let furthest: MissingNeed | undefined;
  for (const need of client.needs) {
    const verdict = assessNeed(client, prepared, need, distanceKm, options);
    if (verdict.met) {
      covered.push({ service: need.service, priority: need.priority, modes: verdict.modes });
    } else {
      const miss = { service: need.service, priority: need.priority, reason: verdict.reason };
      missing.push(miss);
      if (!furthest || MISSING_STAGE[miss.reason] > MISSING_STAGE[furthest.reason]) furthest = miss;
    }
  }
  if (covered.length === 0) {
    // A candidate offers at least one needed service, so the furthest reason is past 'not-offered'.
    return furthest!.reason as ExclusionReason;
  }
  return { prepared, distanceKm, covered, missing };
}

/**
 * The partner's score for the client (the `score` of its match), with each factor's value. The
 * partner must belong to the registry `scoring` was prepared over (its `row` there).
 */
export function score(scoring: QueryScoring, assessment: Assessment): Scored {
  const values = new Float64Array(FACTORS.length);
  return { assessment, values, score: scoring.score(assessment.prepared.row, pairOf(assessment), values) };
}

/** The partners offering at least one of the client's needs, each once, in the registry's order. */
function candidatesOf(client: PreparedClient, registry: PreparedRegistry): PreparedPartner[] {
  const rows = new Uint8Array(registry.partners.length);
  for (const need of client.needs) for (const partner of registry.byService.get(need.service) ?? []) rows[partner.row] = 1;
  return registry.partners.filter((partner) => rows[partner.row] === 1);
}

/**
 * The plain scorer, the reference the index is held to: the hard rules on every partner that
 * offers a needed service, a score for each that passes, the top `limit` by a bounded heap
 * (score, then partner id), then reasons for those alone; the others are counted by reason.
 */
export function rank(client: PreparedClient, registry: PreparedRegistry, options: ResolvedOptions): Recommendation {
  const candidates = candidatesOf(client, registry);
  const idRank = new Map([...candidates].sort((a, b) => compareStrings(a.partner.id, b.partner.id)).map((partner, at) => [partner, at]));
  const scoring = new QueryScoring(registry.columns, client, options);
  const top = new ScoreHeap(Math.max(1, Math.min(options.limit, candidates.length)));
  const scored: Scored[] = [];
  const excludedIds = new Map<ExclusionReason, string[]>();

  for (const prepared of candidates) {
    const found = assess(client, prepared, options);
    if (typeof found === 'string') {
      const ids = excludedIds.get(found);
      if (ids) ids.push(prepared.partner.id);
      else excludedIds.set(found, [prepared.partner.id]);
      continue;
    }
    const pair = score(scoring, found);
    top.offer(pair.score, idRank.get(prepared)!, scored.push(pair) - 1);
  }

  const excluded: Exclusion[] = [];
  const entry = (reason: ExclusionReason, ids: () => string[], count: number) =>
    excluded.push(options.explainExclusions ? { reason, count, partnerIds: ids().sort(compareStrings) } : { reason, count });
  for (const reason of EXCLUSION_REASONS) {
    if (reason === 'no-matching-service') {
      const count = registry.partners.length - candidates.length;
      const offering = new Set(candidates);
      if (count > 0)
        entry(reason, () => registry.partners.filter((partner) => !offering.has(partner)).map((partner) => partner.partner.id), count);
      continue;
    }
    const ids = excludedIds.get(reason);
    if (ids) entry(reason, () => ids, ids.length);
  }

  const matches = top.sorted().map((at) => {
    const { assessment, values, score: total } = scored[at]!;
    return explainMatch({ client, assessment, options }, values, 0, total);
  });
  return { matches, excluded };
}
