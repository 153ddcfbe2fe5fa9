import { parseOptions, resolveOptions } from './options';
import { parseClient, parsePartners, prepareClient, prepareRegistry } from './prepare';
import { rank } from './rank';
import type { RecommendOptions } from './schemas/options';
import type { Recommendation } from './schemas/result';
import type { Client } from './schemas/client';
import type { Partner } from './schemas/partner';

/**
 * Ranks the partners for one client: the best `limit` matches with their factors and reasons,
 * and a count of the partners left out by each rule. Validates everything first and throws a
 * `MatcherError` naming every bad field; never returns a partial answer.
 *
 * For repeated queries over the same partners, `createMatcher` gives the same answers faster.
 *
 * @example
 * const { matches } = recommend(
 *   { id: 'K-001', ageGroup: 'juvenile', location: { lat: -6.91, lon: 107.61 }, needs: [{ service: 'legal-aid', priority: 3 }] },
 *   partners,
 *   { limit: 5, lang: 'en' },
 * );
 */
export function recommend(client: Client, partners: readonly Partner[], options?: RecommendOptions): Recommendation {
  const resolved = resolveOptions(parseOptions(options));
  const prepared = prepareClient(parseClient(client));
  return rank(prepared, prepareRegistry(parsePartners(partners)), resolved);
}
