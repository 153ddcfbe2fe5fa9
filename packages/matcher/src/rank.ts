import type { Assessment, PreparedClient, PreparedPartner, ResolvedOptions } from './context';
import { describe, pairReasons, type ReasonDraft } from './explain';
import { FACTORS, type FactorInput } from './factors';
import { haversineKm } from './geo';
import { MISSING_STAGE, assessNeed } from './rules/reach';
import { partnerExclusion } from './rules/eligibility';
import type { CoveredNeed, Exclusion, ExclusionReason, Match, MissingNeed, Recommendation } from './schemas/result';
import { EXCLUSION_REASONS } from './schemas/result';
import { TopK } from './topk';

export interface Scored {
  readonly input: FactorInput;
  readonly values: readonly number[];
  readonly score: number;
}

const better = (a: Scored, b: Scored): boolean =>
  a.score > b.score || (a.score === b.score && a.input.assessment.prepared.partner.id < b.input.assessment.prepared.partner.id);

/** The partners that offer none of the client's needed services, counted and named lazily. */
export interface NotOffering {
  readonly count: number;
  ids(): readonly string[];
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

/** The partner's score for the client (the `score` of its match), with each factor's value. */
export function score(input: FactorInput): Scored {
  const values = FACTORS.map((factor) => factor.score(input));
  let total = 0;
  FACTORS.forEach((factor, index) => {
    total += values[index]! * input.options.weights[factor.id];
  });
  return { input, values, score: Math.min(1, Math.max(0, total)) };
}

/**
 * The match of one partner that passes the hard rules: its factors, score and reasons. The
 * matcher's search picks the partners; this gives each of them the plain scorer's answer.
 */
export function matchOf(client: PreparedClient, prepared: PreparedPartner, options: ResolvedOptions): Match {
  const found = assess(client, prepared, options);
  if (typeof found === 'string') throw new Error(`internal: partner ${prepared.partner.id} was picked but is excluded (${found})`);
  return toMatch(score({ client, assessment: found, options }));
}

function toMatch({ input, values, score: total }: Scored): Match {
  const { assessment, client, options } = input;
  // A loop, not flatMap: this runs for every match an answer carries, and flatMap is slow in V8.
  const drafts: ReasonDraft[] = [];
  FACTORS.forEach((factor, index) => drafts.push(...factor.explain(input, values[index]!)));
  drafts.push(...pairReasons(client.client, assessment.prepared.partner));
  return {
    partnerId: assessment.prepared.partner.id,
    score: total,
    distanceKm: assessment.distanceKm === null ? null : Math.round(assessment.distanceKm * 100) / 100,
    covered: [...assessment.covered],
    missing: [...assessment.missing],
    factors: FACTORS.map((factor, index) => {
      const weight = options.weights[factor.id];
      return { id: factor.id, value: values[index]!, weight, contribution: values[index]! * weight };
    }),
    reasons: drafts.map((draft) => describe(draft, options.lang)),
  };
}

/**
 * The pipeline: hard rules, then scoring, then the top `limit` by a bounded heap (score, then
 * partner id), then reasons for those alone. `candidates` are the partners that offer at least
 * one needed service, in any order; the rest are reported as `no-matching-service`.
 */
export function rank(
  client: PreparedClient,
  candidates: Iterable<PreparedPartner>,
  notOffering: NotOffering,
  options: ResolvedOptions,
): Recommendation {
  const top = new TopK<Scored>(options.limit, better);
  const excludedIds = new Map<ExclusionReason, string[]>();
  const exclude = (reason: ExclusionReason, id: string) => {
    const ids = excludedIds.get(reason);
    if (ids) ids.push(id);
    else excludedIds.set(reason, [id]);
  };

  for (const prepared of candidates) {
    const found = assess(client, prepared, options);
    if (typeof found === 'string') exclude(found, prepared.partner.id);
    else top.offer(score({ client, assessment: found, options }));
  }

  const excluded: Exclusion[] = [];
  for (const reason of EXCLUSION_REASONS) {
    if (reason === 'no-matching-service') {
      if (notOffering.count === 0) continue;
      const entry: Exclusion = { reason, count: notOffering.count };
      excluded.push(options.explainExclusions ? { ...entry, partnerIds: [...notOffering.ids()].sort() } : entry);
      continue;
    }
    const ids = excludedIds.get(reason);
    if (!ids) continue;
    excluded.push(options.explainExclusions ? { reason, count: ids.length, partnerIds: ids.sort() } : { reason, count: ids.length });
  }

  return { matches: top.sorted().map(toMatch), excluded };
}
