import { allocatePrepared } from './allocation/allocate';
import { allocationSettings, distinctClients, parseAllocateOptions, parseClients, type AllocationSettings } from './allocation/parse';
import { parseOptions, resolveOptions } from './options';
import { parseClient, parsePartners, prepareClient, prepareRegistry, type PreparedRegistry } from './prepare';
import { answer } from './partner-index/answer';
import { assertUnchanged, buildPartnerIndex, type PartnerIndex } from './partner-index/build';
import { editPartnerIndex } from './partner-index/edit';
import { PartnerSearch } from './partner-index/search';
import { SERVICE_IDS } from './taxonomy';
import type { ResolvedOptions } from './context';
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
  /**
   * A new matcher over these partners with each of `changed` replacing the partner with its id,
   * or added after the last when its id is new: it answers every query as
   * `createMatcher(thosePartners, sameOptions)` would, and its `partners` are those, in that
   * order. This matcher is left as it is, so that a request in flight keeps the partners it
   * started with. Only `changed` is validated (`INVALID_PARTNERS`, paths under `partners` by
   * the place in `changed`, a repeated id refused); a partner is retired by changing it to
   * `active: false`, as none is ever removed.
   *
   * No index is built again: what the changed partners touch is copied and the rest shared,
   * a few milliseconds at 100,000 partners. The copy is laid out less tightly than a fresh
   * build (see `editsSinceBuild`); its `partners` array is put together at its first read, and
   * its first allocation prepares the partners for allocation again.
   *
   * @example
   * const matcher = createMatcher(partners);
   * const next = matcher.withPartners([{ ...partners[0], active: false }, newPartner]);
   * next.recommend(client); // as createMatcher([retired, ...partners.slice(1), newPartner])
   * matcher.recommend(client); // unchanged
   */
  withPartners(changed: readonly Partner[]): Matcher;
  /**
   * How many partners `withPartners` has changed or added, summed over the chain of matchers
   * since `createMatcher` built the index this one shares: each edit weakens the index's cuts a
   * little (a changed partner is walked in a run of its own, a cell it left keeps its box), so
   * a caller may build a matcher afresh, off the request path, once this grows past a few
   * thousand, and swap it in.
   */
  readonly editsSinceBuild: number;
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
 * derive a matcher with `withPartners` for changed ones. A partner changed anyway is an error
 * where it is met: `recommend` checks the partners it answers with, and `allocate` every
 * partner, against what was indexed, and throws a `MatcherError` `PARTNERS_CHANGED` naming the partner's place.
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
  const valid = [...partners];
  const index = buildPartnerIndex(valid);
  return matcherOver(index, new PartnerSearch(index), base, defaults, 0, valid);
}

/** The matcher answering from `index` and its search, with the options parsed already. */
function matcherOver(
  index: PartnerIndex,
  search: PartnerSearch,
  base: RecommendOptions,
  defaults: ResolvedOptions,
  editsSinceBuild: number,
  given?: readonly Partner[],
): Matcher {
  // An edited matcher's partners are listed only when asked for: the index holds them in chunks.
  let valid = given;
  const partners = () => (valid ??= index.partners.toArray());
  // Allocation reads partners as objects; they are prepared at the first allocation only.
  let forAllocation: PreparedRegistry | undefined;
  // The clients are checked last, as `allocate` always has: an error in the options or a changed
  // partner is reported before one in the clients.
  const allocateWith = (settings: AllocationSettings, checkedClients: () => readonly Client[]): Allocation => {
    const resolved = resolveOptions(base, settings.scoring);
    forAllocation ??= prepareRegistry(partners());
    const { order } = index;
    for (let position = 0; position < order.length; position++) {
      assertUnchanged(index, position, forAllocation.partners[order[position]!]!, SERVICE_IDS);
    }
    return allocatePrepared(checkedClients(), forAllocation, resolved, settings);
  };

  return {
    get partners() {
      return partners();
    },
    editsSinceBuild,
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
    withPartners(changed) {
      // Validation copies every object; as in createMatcher, the caller's objects are kept.
      parsePartners(changed);
      const edit = editPartnerIndex(index, changed);
      return matcherOver(edit.index, search.edited(edit.index, edit.positions), base, defaults, editsSinceBuild + changed.length);
    },
  };
}
