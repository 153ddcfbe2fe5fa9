import { allocatePrepared } from './allocation/allocate';
import { allocationSettings, distinctClients, parseAllocateOptions, parseClients, type AllocationSettings } from './allocation/parse';
import { parseOptions, resolveOptions } from './options';
import { parseClient, parsePartners, prepareClient, prepareRegistry, type PreparedRegistry } from './prepare';
import { answer } from './partner-index/answer';
import { assertUnchanged, buildPartnerIndex } from './partner-index/build';
import { PartnerSearch } from './partner-index/search';
import { SERVICE_IDS } from './taxonomy';
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
   * `recommend` without validating again: for callers that have already validated the client
   * with `ClientSchema` and the options with `RecommendOptionsSchema` (the API does, once per
   * request). Given anything else, its answer is undefined.
   */
  recommendValidated(client: Client, options?: RecommendOptions): Recommendation;
  /**
   * The same answer as `allocate(clients, partners, options)` with the matcher's weights,
   * proximity and service radius as defaults, overridden key by key.
   */
  allocate(clients: readonly Client[], options?: AllocateOptions): Allocation;
  /**
   * `allocate` without validating again: for callers that have validated each client with
   * `ClientSchema` and the options with `AllocateOptionsSchema`. Repeated client ids are still
   * refused (`INVALID_CLIENTS`), as no schema of one client can see them.
   */
  allocateValidated(clients: readonly Client[], options?: AllocateOptions): Allocation;
  /** The partners, in the order given: the same objects, once validated. */
  readonly partners: readonly Partner[];
}

/**
 * Validates the partners once and indexes them (see `PartnerSearch`), so that each query reads
 * each needed service's offerings once and computes distances and scores only where they can
 * change the answer: the same answer as `recommend`, match for match. Options given here are
 * the defaults of every query; a query's own options override them key by key.
 *
 * The matcher keeps the partner objects it is given, not copies, so that it adds only its index
 * (under 100 bytes a partner) to what the caller holds: treat them as read-only afterwards, and
 * build a new matcher for a changed registry. A partner changed anyway is an error where it is
 * met: `recommend` checks the partners it answers with, and `allocate` every partner, against
 * what was indexed, and throws a `MatcherError` `PARTNERS_CHANGED` naming the partner's place.
 *
 * @example
 * const matcher = createMatcher(partners, { lang: 'en' });
 * const first = matcher.recommend(clientA);
 * const second = matcher.recommend(clientB, { limit: 3 });
 */
export function createMatcher(partners: readonly Partner[], options?: RecommendOptions): Matcher {
  const base = parseOptions(options);
  const defaults = resolveOptions(base); // fails now, not at the first query, on weights that add up to 0
  // Validation copies every object; the copies are dropped and the caller's objects kept, as
  // they are equal (the schemas have no defaults or transforms) and already in memory.
  parsePartners(partners);
  const valid: readonly Partner[] = [...partners];
  const index = buildPartnerIndex(valid);
  const search = new PartnerSearch(index);
  // Allocation reads partners as objects; they are prepared at the first allocation only.
  let forAllocation: PreparedRegistry | undefined;
  // The clients are checked last, as `allocate` always has: an error in the options or a changed
  // partner is reported before one in the clients.
  const allocateWith = (settings: AllocationSettings, checkedClients: () => readonly Client[]): Allocation => {
    const resolved = resolveOptions(base, settings.scoring);
    forAllocation ??= prepareRegistry(valid);
    const { order } = index;
    for (let position = 0; position < order.length; position++) {
      assertUnchanged(index, position, forAllocation.partners[order[position]!]!, SERVICE_IDS);
    }
    return allocatePrepared(checkedClients(), forAllocation, resolved, settings);
  };

  return {
    partners: valid,
    recommend(client, callOptions) {
      const resolved = callOptions === undefined ? defaults : resolveOptions(base, parseOptions(callOptions));
      return answer(search, prepareClient(parseClient(client)), resolved);
    },
    recommendValidated(client, callOptions) {
      const resolved = callOptions === undefined ? defaults : resolveOptions(base, callOptions);
      return answer(search, prepareClient(client), resolved);
    },
    allocate(clients, callOptions) {
      return allocateWith(parseAllocateOptions(callOptions), () => parseClients(clients));
    },
    allocateValidated(clients, callOptions) {
      return allocateWith(allocationSettings(callOptions ?? {}), () => distinctClients(clients));
    },
  };
}
