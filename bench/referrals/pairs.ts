/**
 * What the referral benchmark refers: every partner of the demo registry that one simple client
 * can be referred to, each given a few free places the run knows (1 to 6), and that client. The
 * pairs are checked here with the matcher's own `recommend`, the check `POST /v1/referrals`
 * makes, so that the run measures places taken and refused, not 422s.
 */
import { recommend, type Client, type Partner } from '@pokmas/matcher';

/** The client a pair refers, without its id: each request sends a pseudonym of its own. */
export type ReferralClient = Omit<Client, 'id'>;

export interface ReferralPair {
  readonly partnerId: string;
  /** The capacity the bench registry gives the partner: `total - used` free places. */
  readonly capacity: { readonly total: number; readonly used: number };
  readonly free: number;
  readonly client: ReferralClient;
  readonly services: readonly [string];
}

/** The most free places a pair's partner has. */
export const MAX_FREE_PLACES = 6;

/**
 * The capacity of the `at`-th pair: 1 to `MAX_FREE_PLACES` free places, and 0 to 2 taken outside
 * the system (`capacity.used`), so that the free places are not always the total.
 */
export function placesOf(at: number): ReferralPair['capacity'] {
  const free = 1 + (at % MAX_FREE_PLACES);
  const used = at % 3;
  return { total: used + free, used };
}

/**
 * A client the partner takes: at its own place (so no distance rule can exclude it), of its
 * Bapas, in an age group and gender it serves, needing one service it offers.
 */
function clientFor(partner: Partner, service: string): ReferralClient {
  const { ageGroups, genders } = partner.eligibility ?? {};
  return {
    bapasId: partner.bapasId,
    ...(partner.location ? { location: partner.location } : {}),
    ageGroup: ageGroups === undefined || ageGroups.includes('adult') ? 'adult' : ageGroups[0]!,
    ...(genders === undefined ? {} : { gender: genders[0]! }),
    needs: [{ service: service as Client['needs'][number]['service'] }],
  };
}

/**
 * One pair for every active partner with a location that some offered service can be referred
 * for: the first service for which the matcher ranks the partner for its client and covers the
 * need. Partners are taken in the registry's order; the `at`-th pair gets `placesOf(at)`.
 *
 * @example
 * referralPairs(registry.partners)[0] // { partnerId: 'P-001-01', capacity: { total: 1, used: 0 }, free: 1, client: {...}, services: ['legal-aid'] }
 */
export function referralPairs(partners: readonly Partner[]): ReferralPair[] {
  const pairs: ReferralPair[] = [];
  for (const partner of partners) {
    if (partner.active === false || !partner.location) continue;
    const capacity = placesOf(pairs.length);
    const placed = { ...partner, capacity };
    for (const { service } of partner.offerings) {
      const client = clientFor(partner, service);
      const match = recommend({ id: 'K-BENCH-CHECK', ...client }, [placed], { limit: 1 }).matches[0];
      if (match?.covered.some((need) => need.service === service)) {
        pairs.push({ partnerId: partner.id, capacity, free: capacity.total - capacity.used, client, services: [service] });
        break;
      }
    }
  }
  return pairs;
}

/**
 * The registry file the run's stores are seeded from: the demo registry's file as it is, but
 * for the capacity of each paired partner. `file` is left unchanged.
 */
export function benchRegistry<File extends { readonly partners: readonly Partner[] }>(file: File, pairs: readonly ReferralPair[]): File {
  const capacities = new Map(pairs.map((pair) => [pair.partnerId, pair.capacity]));
  return {
    ...file,
    partners: file.partners.map((partner) => {
      const capacity = capacities.get(partner.id);
      return capacity ? { ...partner, capacity: { ...capacity } } : partner;
    }),
  };
}

/** The free places of the pairs' partners, in all. */
export const freePlaces = (pairs: readonly ReferralPair[]): number => pairs.reduce((sum, pair) => sum + pair.free, 0);

/** The body of `POST /v1/referrals` for a pair, the client under the pseudonym `clientId`. */
export function referralBody(pair: ReferralPair, clientId: string): string {
  return JSON.stringify({ client: { id: clientId, ...pair.client }, partnerId: pair.partnerId, services: pair.services });
}
