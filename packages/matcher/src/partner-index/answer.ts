import type { PreparedClient, ResolvedOptions } from '../context';
import { preparePartner } from '../prepare';
import { matchOf } from '../rank';
import type { Recommendation } from '../schemas/result';
import type { PartnerSearch } from './search';

/**
 * The recommendation a search gives: the partners it picks, each explained by the plain
 * scorer's own functions, and its exclusion counts.
 */
export function answer(search: PartnerSearch, client: PreparedClient, options: ResolvedOptions): Recommendation {
  const { partners } = search.index;
  const { winners, excluded } = search.search(client, options);
  return { matches: winners.map((place) => matchOf(client, preparePartner(partners[place]!), options)), excluded };
}
