import { allocatePrepared } from './allocation/allocate';
import { parseAllocateOptions, parseClients } from './allocation/parse';
import { indexByService } from './candidates';
import type { PreparedPartner } from './context';
import { parseOptions, resolveOptions } from './options';
import { parseClient, parsePartners, prepareClient, preparePartner } from './prepare';
import { rank } from './rank';
import type { Client } from './schemas/client';
import type { RecommendOptions } from './schemas/options';
import type { Partner } from './schemas/partner';
import type { Recommendation } from './schemas/result';
import type { AllocateOptions, Allocation } from './schemas/allocation';

/** A matcher over a fixed set of partners, validated and indexed once. */
export interface Matcher {
  /** The same answer as `recommend(client, partners, { ...matcherOptions, ...options })`. */
  recommend(client: Client, options?: RecommendOptions): Recommendation;
  /**
   * The same answer as `allocate(clients, partners, options)` with the matcher's weights,
   * proximity and service radius as defaults, overridden key by key.
   */
  allocate(clients: readonly Client[], options?: AllocateOptions): Allocation;
  /** The validated partners, in the order given. */
  readonly partners: readonly Partner[];
}

/**
 * Validates the partners once and indexes them by service, so that each query looks only at
 * the partners that offer one of the client's needs. Options given here are the defaults of
 * every query; a query's own options override them key by key.
 *
 * @example
 * const matcher = createMatcher(partners, { lang: 'en' });
 * const first = matcher.recommend(clientA);
 * const second = matcher.recommend(clientB, { limit: 3 });
 */
export function createMatcher(partners: readonly Partner[], options?: RecommendOptions): Matcher {
  const base = parseOptions(options);
  resolveOptions(base); // fail now, not at the first query, on weights that add up to 0
  const valid = parsePartners(partners);
  const prepared = valid.map(preparePartner);
  const byService = indexByService(prepared);

  return {
    partners: valid,
    recommend(client, callOptions) {
      const resolved = resolveOptions(base, parseOptions(callOptions));
      const preparedClient = prepareClient(parseClient(client));
      const candidates = new Set<PreparedPartner>();
      for (const need of preparedClient.needs) {
        for (const partner of byService.get(need.service) ?? []) candidates.add(partner);
      }
      const others = () => prepared.filter((partner) => !candidates.has(partner)).map((partner) => partner.partner.id);
      return rank(preparedClient, candidates, { count: prepared.length - candidates.size, ids: others }, resolved);
    },
    allocate(clients, callOptions) {
      const allocation = parseAllocateOptions(callOptions);
      const resolved = resolveOptions(base, allocation.scoring);
      return allocatePrepared(parseClients(clients), prepared, byService, resolved, allocation);
    },
  };
}
