import { type Client, type Partner, recommend } from '@pokmas/matcher';
import type { PartnerRecord } from '@pokmas/store';
import { ProblemError, toIssues } from './problem';

/**
 * The partner as the matcher sees it: the places its open referrals hold count as used, so
 * that its free places are `capacity.total - capacity.used - held`, never below zero.
 */
export function servedPartner(record: Pick<PartnerRecord, 'partner' | 'held'>): Partner {
  const { partner, held } = record;
  if (held === 0 || !partner.capacity) return partner;
  return { ...partner, capacity: { ...partner.capacity, used: Math.min(partner.capacity.total, partner.capacity.used + held) } };
}

/** What a referral keeps of the check: the match as it was scored, no client detail. */
export interface ReferralMatch {
  readonly score: number;
  readonly distanceKm: number | null;
  readonly covered: readonly unknown[];
  readonly factors: readonly unknown[];
  readonly reasons: readonly unknown[];
}

/**
 * Checks a referral with the matcher's own rules, the ones a recommendation applies: the
 * client against this one partner. A rule that excludes it answers 422 with the rule's code
 * (`ineligible-age`, `religion-mismatch`, `out-of-range`, `inactive`, ...), no free place 409
 * (`no-capacity`), a listed service the partner does not meet for this client 422
 * (`service-not-met`, each service with the reason).
 */
export function checkReferral(client: Client, record: Pick<PartnerRecord, 'partner' | 'held'>, services: readonly string[]): ReferralMatch {
  const needed = new Set(client.needs.map((need) => need.service));
  const notNeeded = services.map((service, index) => ({ service, index })).filter(({ service }) => !needed.has(service as never));
  if (notNeeded.length > 0) {
    throw new ProblemError('validation', "Each service referred for must be one of the client's needs.", {
      code: 'service-not-needed',
      issues: toIssues(
        notNeeded.map(({ index }) => ({
          path: ['services', index],
          code: 'not_a_need',
          message: "is not among client.needs: add it to the client's needs or leave it out",
        })),
      ),
    });
  }
  const { matches, excluded } = recommend(client, [servedPartner(record)], { limit: 1 });
  const match = matches[0];
  if (!match) {
    const reason = excluded[0]?.reason ?? 'no-matching-service';
    if (reason === 'at-capacity') throw new ProblemError('conflict', 'The partner has no free place left.', { code: 'no-capacity' });
    throw new ProblemError('validation', `The matcher's rules exclude this partner for this client: ${reason}.`, { code: reason });
  }
  const covered = new Set(match.covered.map((need) => need.service));
  const unmet = services.map((service, index) => ({ service, index })).filter(({ service }) => !covered.has(service as never));
  if (unmet.length > 0) {
    throw new ProblemError('validation', `The partner does not meet ${unmet.map(({ service }) => service).join(', ')} for this client.`, {
      code: 'service-not-met',
      issues: toIssues(
        unmet.map(({ service, index }) => ({
          path: ['services', index],
          code: match.missing.find((need) => need.service === service)?.reason ?? 'not-offered',
          message: 'the partner does not meet this service for this client',
        })),
      ),
    });
  }
  return { score: match.score, distanceKm: match.distanceKm, covered: match.covered, factors: match.factors, reasons: match.reasons };
}
