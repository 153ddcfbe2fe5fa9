import type { PreparedClient, PreparedPartner } from '../context';
import type { ExclusionReason } from '../schemas/result';

/**
 * The partner-level hard rules, in the order they are reported: a partner that breaks
 * several is counted under the first.
 * - an inactive partner, or one with no free place, is never recommended;
 * - a juvenile client is matched only with partners that explicitly accept juveniles
 *   (safeguarding); partners that list age groups without `adult` take no adults, and a
 *   client of unknown age is treated as an adult;
 * - a partner that serves only some genders takes no one else, nor a client whose gender is
 *   unknown (it cannot be checked).
 */
export function partnerExclusion(client: PreparedClient, prepared: PreparedPartner): ExclusionReason | null {
  const { partner } = prepared;
  if (partner.active === false) return 'inactive';
  if (prepared.freePlaces !== null && prepared.freePlaces <= 0) return 'at-capacity';

  const ageGroup = client.client.ageGroup ?? 'adult';
  const ageGroups = partner.eligibility?.ageGroups;
  const acceptsAge = ageGroup === 'juvenile' ? (ageGroups?.includes('juvenile') ?? false) : (ageGroups?.includes('adult') ?? true);
  if (!acceptsAge) return 'ineligible-age';

  const genders = partner.eligibility?.genders;
  if (genders && !(client.client.gender && genders.includes(client.client.gender))) return 'ineligible-gender';

  return null;
}
