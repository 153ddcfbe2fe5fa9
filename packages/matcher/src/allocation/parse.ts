import { parseWith } from '../errors';
import { assertDistinctIds, parseIdList } from '../prepare';
import { ClientSchema, type Client, type Priority } from '../schemas/client';
import { AllocateOptionsSchema, type AllocateOptions, type AllocationWeighting } from '../schemas/allocation';
import type { RecommendOptions } from '../schemas/options';

/** Allocation options with their defaults filled in; `scoring` goes to `resolveOptions`. */
export interface AllocationSettings {
  readonly scoring: RecommendOptions;
  readonly minPriority: Priority;
  readonly minScore: number;
  readonly weighting: AllocationWeighting;
}

/** Validates a client list, throwing `INVALID_CLIENTS` with every bad field and repeated id. */
export function parseClients(input: unknown): Client[] {
  return parseIdList(input, ClientSchema, 'clients', 'INVALID_CLIENTS');
}

/** Clients that `ClientSchema` accepted one by one, held to the rule no schema of one client can: distinct ids. */
export function distinctClients(clients: readonly Client[]): readonly Client[] {
  assertDistinctIds(clients, 'clients', 'INVALID_CLIENTS');
  return clients;
}

/** Validates allocation options (throwing `INVALID_OPTIONS`) and fills in their defaults. */
export function parseAllocateOptions(input: unknown): AllocationSettings {
  return allocationSettings(parseWith(AllocateOptionsSchema, input ?? {}, 'INVALID_OPTIONS', ['options']));
}

/** The settings of options that `AllocateOptionsSchema` accepted, their defaults filled in. */
export function allocationSettings(parsed: AllocateOptions): AllocationSettings {
  const { needs = 'all', minScore = 0, weighting = 'score', weights, proximity, defaultServiceRadiusKm } = parsed;
  // Only the keys given: resolveOptions lets a later layer's keys override an earlier one's,
  // so an explicit `undefined` would hide the matcher's own default.
  const scoring: RecommendOptions = {
    ...(weights && { weights }),
    ...(proximity && { proximity }),
    ...(defaultServiceRadiusKm !== undefined && { defaultServiceRadiusKm }),
  };
  const minPriority: Priority = needs === 'all' ? 1 : needs === 'priority-3' ? 3 : needs.minPriority;
  return { scoring, minPriority, minScore, weighting };
}
