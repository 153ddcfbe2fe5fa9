import type { PreparedClient, PreparedPartner } from '../context';
import { DEFAULT_CLIENT_AGE_GROUP, DEFAULT_PARTNER_AGE_GROUPS } from '../defaults';
import type { ExclusionReason } from '../schemas/result';
import { listKey } from './reach';

/**
 * One partner-level hard rule: whether it turns the partner away for a client, and what it
 * reads of the partner, as a key. Partners with equal keys are judged alike for every client,
 * so the index asks the rule once per key, about one partner that has it, instead of once per
 * partner (a property test holds each rule to its key).
 */
export interface PartnerRule {
  readonly reason: ExclusionReason;
  key(partner: PreparedPartner): string;
  excludes(client: PreparedClient, partner: PreparedPartner): boolean;
}

/** An inactive partner is never recommended. */
const active: PartnerRule = {
  reason: 'inactive',
  key: ({ partner }) => (partner.active === false ? 'inactive' : 'active'),
  excludes: (_client, { partner }) => partner.active === false,
};

/** Nor one with no free place. */
const hasPlace: PartnerRule = {
  reason: 'at-capacity',
  key: ({ freePlaces }) => (freePlaces !== null && freePlaces <= 0 ? 'full' : 'free'),
  excludes: (_client, { freePlaces }) => freePlaces !== null && freePlaces <= 0,
};

/**
 * A juvenile client is matched only with partners that explicitly accept juveniles
 * (safeguarding); partners that list age groups without `adult` take no adults, and a client
 * of unknown age is treated as an adult.
 */
const ageGroup: PartnerRule = {
  reason: 'ineligible-age',
  key: ({ partner }) => listKey(partner.eligibility?.ageGroups),
  excludes: (client, { partner }) =>
    !(partner.eligibility?.ageGroups ?? DEFAULT_PARTNER_AGE_GROUPS).includes(client.client.ageGroup ?? DEFAULT_CLIENT_AGE_GROUP),
};

/** A partner that serves only some genders takes no one else, nor a client whose gender is unknown (it cannot be checked). */
const gender: PartnerRule = {
  reason: 'ineligible-gender',
  key: ({ partner }) => listKey(partner.eligibility?.genders),
  excludes(client, { partner }) {
    const genders = partner.eligibility?.genders;
    return genders !== undefined && !(client.client.gender !== undefined && genders.includes(client.client.gender));
  },
};

/** The partner-level rules, in the order they are reported: a partner that breaks several is counted under the first. */
export const PARTNER_RULES: readonly PartnerRule[] = [active, hasPlace, ageGroup, gender];

/** The first partner-level rule that turns the partner away for this client, or null. */
export function partnerExclusion(client: PreparedClient, prepared: PreparedPartner): ExclusionReason | null {
  for (const rule of PARTNER_RULES) if (rule.excludes(client, prepared)) return rule.reason;
  return null;
}

/** What every partner-level rule reads of the partner: partners with one profile are judged alike. */
export function partnerProfile(prepared: PreparedPartner): string {
  // Joined by hand, not map and join: a winner's profile is read again for each answer.
  let profile = PARTNER_RULES[0]!.key(prepared);
  for (let at = 1; at < PARTNER_RULES.length; at++) profile += `|${PARTNER_RULES[at]!.key(prepared)}`;
  return profile;
}
