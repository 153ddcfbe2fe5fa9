import type { PreparedClient, PreparedPartner } from './context';
import { MatcherError, type MatcherIssue } from './errors';
import { ClientSchema, type Client } from './schemas/client';
import { PartnerSchema, type Partner } from './schemas/partner';
import { MODE_IDS } from './taxonomy';

/** Validates a client, throwing `INVALID_CLIENT` with every bad field. */
export function parseClient(input: unknown): Client {
  const parsed = ClientSchema.safeParse(input);
  if (!parsed.success) throw MatcherError.fromZod('INVALID_CLIENT', parsed.error, ['client']);
  return parsed.data;
}

/** Validates a partner list, throwing `INVALID_PARTNERS` with every bad field and repeated id. */
export function parsePartners(input: unknown): Partner[] {
  if (!Array.isArray(input)) {
    throw new MatcherError('INVALID_PARTNERS', [{ path: ['partners'], code: 'invalid_type', message: 'expected an array of partners' }]);
  }
  const issues: MatcherIssue[] = [];
  const partners: Partner[] = [];
  const firstIndex = new Map<string, number>();
  input.forEach((item, index) => {
    const parsed = PartnerSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ path: ['partners', index, ...issue.path], code: issue.code, message: issue.message });
      }
      return;
    }
    const seen = firstIndex.get(parsed.data.id);
    if (seen !== undefined) {
      issues.push({ path: ['partners', index, 'id'], code: 'custom', message: `${parsed.data.id} is already the id of partners.${seen}` });
    } else {
      firstIndex.set(parsed.data.id, index);
    }
    partners.push(parsed.data);
  });
  if (issues.length > 0) throw new MatcherError('INVALID_PARTNERS', issues);
  return partners;
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
