import type { Kysely } from 'kysely';
import type { StoreContext } from '../context';
import { StoreError } from '../errors';
import type { EventPage, EventQuery, Referral, ReferralPage, ReferralQuery } from '../store';
import type { Tables } from '../tables';
import { REFERRAL_STATUSES } from './lifecycle';
import { toEvent, toReferral } from './rows';

export const DEFAULT_REFERRAL_LIMIT = 50;
export const MAX_REFERRAL_LIMIT = 500;
export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 1000;

function queryIssue(field: string, message: string): StoreError {
  return new StoreError('INVALID_QUERY', 'referral query refused', [{ path: [field], code: 'invalid', message }]);
}

export async function readReferral(db: Kysely<Tables>, id: string): Promise<Referral | undefined> {
  const row = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const events = await db.selectFrom('referral_events').selectAll().where('referral_id', '=', id).orderBy('id').execute();
  return toReferral(row, events);
}

export const getReferral = (context: StoreContext, id: string) => readReferral(context.db, id);

/** Newest first; the cursor is the `seq` of the last referral of the page before, as text. */
export async function listReferrals(context: StoreContext, query: ReferralQuery = {}): Promise<ReferralPage> {
  const limit = query.limit ?? DEFAULT_REFERRAL_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REFERRAL_LIMIT)
    throw queryIssue('limit', `a whole number from 1 to ${MAX_REFERRAL_LIMIT}`);
  if (query.cursor !== undefined && !/^[1-9][0-9]{0,15}$/.test(query.cursor))
    throw queryIssue('cursor', 'use the nextCursor of the page before');
  const filters = query.filters ?? {};
  if (filters.status !== undefined && !(REFERRAL_STATUSES as readonly string[]).includes(filters.status)) {
    throw queryIssue('status', `one of ${REFERRAL_STATUSES.join(', ')}`);
  }
  if (filters.updatedAfter !== undefined && Number.isNaN(Date.parse(filters.updatedAfter))) {
    throw queryIssue('updatedAfter', 'an ISO 8601 time such as 2026-01-31T00:00:00Z');
  }
  let select = context.db.selectFrom('referrals').selectAll();
  if (query.cursor !== undefined) select = select.where('seq', '<', Number(query.cursor));
  if (filters.status !== undefined) select = select.where('status', '=', filters.status);
  if (filters.partnerId !== undefined) select = select.where('partner_id', '=', filters.partnerId);
  if (filters.bapasId !== undefined) select = select.where('bapas_id', '=', filters.bapasId);
  if (filters.clientRef !== undefined) select = select.where('client_ref', '=', filters.clientRef);
  if (filters.updatedAfter !== undefined) select = select.where('updated_at', '>', new Date(filters.updatedAfter).toISOString());
  const rows = await select
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const events =
    page.length === 0
      ? []
      : await context.db
          .selectFrom('referral_events')
          .selectAll()
          .where(
            'referral_id',
            'in',
            page.map((row) => row.id),
          )
          .orderBy('id')
          .execute();
  const referrals = page.map((row) =>
    toReferral(
      row,
      events.filter((event) => event.referral_id === row.id),
    ),
  );
  const last = page.at(-1);
  return rows.length > limit && last ? { referrals, nextCursor: String(last.seq) } : { referrals };
}

/** In commit order: every referral write holds the registry's row lock, so ids are given in commit order. */
export async function referralEvents(context: StoreContext, query: EventQuery = {}): Promise<EventPage> {
  const after = query.after ?? 0;
  const limit = query.limit ?? DEFAULT_EVENT_LIMIT;
  if (!Number.isSafeInteger(after) || after < 0) throw queryIssue('after', 'the cursor of the answer before: a whole number, 0 or more');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EVENT_LIMIT)
    throw queryIssue('limit', `a whole number from 1 to ${MAX_EVENT_LIMIT}`);
  let select = context.db
    .selectFrom('referral_events')
    .select(['id', 'at', 'referral_id', 'partner_id', 'bapas_id', 'to_status'])
    .where('id', '>', after);
  if (query.bapasId !== undefined) select = select.where('bapas_id', '=', query.bapasId);
  if (query.partnerId !== undefined) select = select.where('partner_id', '=', query.partnerId);
  const rows = await select.orderBy('id').limit(limit).execute();
  const events = rows.map(toEvent);
  return { events, cursor: events.at(-1)?.id ?? after };
}
