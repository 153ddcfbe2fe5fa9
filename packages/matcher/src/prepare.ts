import type { PreparedClient, PreparedPartner } from './context';
import type { z } from 'zod';
import { MatcherError, parseWith, type MatcherErrorCode, type MatcherIssue } from './errors';
import { ClientSchema, type Client } from './schemas/client';
import { PartnerSchema, type Partner } from './schemas/partner';
import { MODE_IDS } from './taxonomy';

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
  const items: T[] = [];
  const firstIndex = new Map<string, number>();
  input.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ path: [field, index, ...issue.path], code: issue.code, message: issue.message });
      }
      return;
    }
    const seen = firstIndex.get(parsed.data.id);
    if (seen !== undefined) {
      issues.push({
        path: [field, index, 'id'],
        code: 'custom',
        message: `repeats the id of ${field}.${seen}; give each an id of its own`,
      });
    } else {
      firstIndex.set(parsed.data.id, index);
    }
    items.push(parsed.data);
  });
  if (issues.length > 0) throw new MatcherError(code, issues);
  return items;
}

/** Validates a partner list, throwing `INVALID_PARTNERS` with every bad field and repeated id. */
export function parsePartners(input: unknown): Partner[] {
  return parseIdList(input, PartnerSchema, 'partners', 'INVALID_PARTNERS');
}

export function prepareClient(client: Client): PreparedClient {
  const needs = client.needs.map((need) => ({ service: need.service, priority: need.priority ?? 2 }));
  return {
    client,
    location: client.location,
    needs,
    needWeight: needs.reduce((sum, need) => sum + need.priority, 0),
    modes: new Set(client.modes ?? MODE_IDS),
  };
}

export function preparePartner(partner: Partner): PreparedPartner {
  return {
    partner,
    offerings: new Map(partner.offerings.map((offering) => [offering.service, offering])),
    freePlaces: partner.capacity ? partner.capacity.total - partner.capacity.used : null,
  };
}
