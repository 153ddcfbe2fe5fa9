import { MatcherError, type MatcherIssue } from '../errors';
import { ClientSchema, type Client, type Priority } from '../schemas/client';
import { AllocateOptionsSchema, type AllocationWeighting } from '../schemas/allocation';
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
  if (!Array.isArray(input)) {
    throw new MatcherError('INVALID_CLIENTS', [{ path: ['clients'], code: 'invalid_type', message: 'expected an array of clients' }]);
  }
  const issues: MatcherIssue[] = [];
  const clients: Client[] = [];
  const firstIndex = new Map<string, number>();
  input.forEach((item, index) => {
    const parsed = ClientSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ path: ['clients', index, ...issue.path], code: issue.code, message: issue.message });
      }
      return;
    }
    const seen = firstIndex.get(parsed.data.id);
    if (seen !== undefined) {
      issues.push({ path: ['clients', index, 'id'], code: 'custom', message: `${parsed.data.id} is already the id of clients.${seen}` });
    } else {
      firstIndex.set(parsed.data.id, index);
    }
    clients.push(parsed.data);
  });
  if (issues.length > 0) throw new MatcherError('INVALID_CLIENTS', issues);
  return clients;
}

/** Validates allocation options (throwing `INVALID_OPTIONS`) and fills in their defaults. */
export function parseAllocateOptions(input: unknown): AllocationSettings {
  const parsed = AllocateOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) throw MatcherError.fromZod('INVALID_OPTIONS', parsed.error, ['options']);
  const { needs = 'all', minScore = 0, weighting = 'score', weights, proximity, defaultServiceRadiusKm } = parsed.data;
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
