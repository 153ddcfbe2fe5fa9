import type { PreparedClient, PreparedPartner } from './context';
import { FactorColumns } from './factors/columns';
import type { ServiceId } from './taxonomy';
import type { z } from 'zod';
import { MatcherError, parseWith, type MatcherErrorCode, type MatcherIssue } from './errors';
import { ClientSchema, type Client } from './schemas/client';
import { PartnerSchema, type Partner } from './schemas/partner';
import { DEFAULT_CLIENT_MODES, DEFAULT_PRIORITY, freePlaces } from './defaults';

/** Validates a client, throwing `INVALID_CLIENT` with every bad field. */
export function parseClient(input: unknown): Client {
  return parseWith(ClientSchema, input, 'INVALID_CLIENT', ['client']);
}

/**
 * Validates a list of records with ids, throwing `code` with every bad field (its path under
 * `field`) and every repeated id, naming where the id was first used.
 */
export function parseIdList<T extends { id: string }>(input: unknown, schema: z.ZodType<T>, field: string, code: MatcherErrorCode): T[] {
  if (!Array.isArray(input)) {
    throw new MatcherError(code, [{ path: [field], code: 'invalid_type', message: `expected an array of ${field}` }]);
  }
  const issues: MatcherIssue[] = [];
  const items: (T | undefined)[] = [];
  // A plain loop, not forEach: forEach skips the holes of a sparse array, which must be
  // reported like any other missing item.
  for (let index = 0; index < input.length; index++) {
    const parsed = schema.safeParse(input[index]);
    if (parsed.success) {
      items.push(parsed.data);
      continue;
    }
    items.push(undefined);
    for (const issue of parsed.error.issues) {
      issues.push({ path: [field, index, ...issue.path], code: issue.code, message: issue.message });
    }
  }
  for (const issue of repeatedIds(items, field)) issues.push(issue);
  if (issues.length > 0) throw new MatcherError(code, issues);
  return items as T[];
}

/** Every record (undefined: one refused already) whose id an earlier record has, naming where it was first used. */
function repeatedIds(items: readonly ({ readonly id: string } | undefined)[], field: string): MatcherIssue[] {
  const issues: MatcherIssue[] = [];
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    if (!item) return;
    const seen = firstIndex.get(item.id);
    if (seen === undefined) firstIndex.set(item.id, index);
    else
      issues.push({
        path: [field, index, 'id'],
        code: 'custom',
        message: `repeats the id of ${field}.${seen}; give each an id of its own`,
      });
  });
  return issues;
}

/** Throws `code` naming every repeated id of records validated one by one already. */
export function assertDistinctIds(items: readonly { readonly id: string }[], field: string, code: MatcherErrorCode): void {
  const issues = repeatedIds(items, field);
  if (issues.length > 0) throw new MatcherError(code, issues);
}

/** Validates a partner list, throwing `INVALID_PARTNERS` with every bad field and repeated id. */
export function parsePartners(input: unknown): Partner[] {
  return parseIdList(input, PartnerSchema, 'partners', 'INVALID_PARTNERS');
}

export function prepareClient(client: Client): PreparedClient {
  const needs = client.needs.map((need) => ({ service: need.service, priority: need.priority ?? DEFAULT_PRIORITY }));
  return {
    client,
    location: client.location,
    needs,
    needWeight: needs.reduce((sum, need) => sum + need.priority, 0),
    modes: new Set(client.modes ?? DEFAULT_CLIENT_MODES),
  };
}

/** A partner with what every query needs looked up once; `row` is its place in a prepared registry. */
export function preparePartner(partner: Partner, row = -1): PreparedPartner {
  return {
    partner,
    row,
    offerings: new Map(partner.offerings.map((offering) => [offering.service, offering])),
    freePlaces: freePlaces(partner),
  };
}

/** Validated partners prepared once for many queries: the plain scorer's, allocation's and coverage's registry. */
export interface PreparedRegistry {
  /** In the order given; each partner's `row` is its index here. */
  readonly partners: readonly PreparedPartner[];
  /** The partners offering each service, in the order given. */
  readonly byService: ReadonlyMap<ServiceId, readonly PreparedPartner[]>;
  /** Every factor's column over `partners`. */
  readonly columns: FactorColumns;
}

/** Prepares validated partners: the one "partners by service" index, and the factors' columns. */
export function prepareRegistry(partners: readonly Partner[]): PreparedRegistry {
  const prepared = partners.map((partner, row) => preparePartner(partner, row));
  const byService = new Map<ServiceId, PreparedPartner[]>();
  for (const partner of prepared) {
    for (const offering of partner.partner.offerings) {
      const list = byService.get(offering.service);
      if (list) list.push(partner);
      else byService.set(offering.service, [partner]);
    }
  }
  return { partners: prepared, byService, columns: new FactorColumns(prepared.length, (row) => prepared[row]!) };
}
