import { parseOptions, resolveOptions } from './options';
import { parseClient, parsePartners, prepareClient, preparePartner } from './prepare';
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
  const all = parsePartners(partners).map(preparePartner);

  const needed = new Set(prepared.needs.map((need) => need.service));
  const candidates = all.filter((partner) => partner.partner.offerings.some((offering) => needed.has(offering.service)));
  const offering = new Set(candidates);
  const others = () => all.filter((partner) => !offering.has(partner)).map((partner) => partner.partner.id);
  return rank(prepared, candidates, { count: all.length - candidates.length, ids: others }, resolved);
}
