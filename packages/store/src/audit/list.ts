import type { Selectable } from 'kysely';
import type { Role } from '../accounts/account-schema';
import type { StoreContext } from '../context';
import { StoreError } from '../errors';
import type { AuditAction, AuditEntity, AuditEntry, AuditPage, AuditQuery, FieldChange, HistoryEntry } from '../store';
import type { AuditTable } from '../tables';

export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 500;

function toEntry(row: Selectable<AuditTable>): AuditEntry {
  return {
    id: row.id,
    time: row.at,
    account: row.account,
    role: row.role as Role | null,
    action: row.action as AuditAction,
    entity: row.entity as AuditEntity,
    entityId: row.entity_id,
    changes: row.changes === null ? [] : (JSON.parse(row.changes) as FieldChange[]),
  };
}

function queryIssue(field: string, message: string): StoreError {
  return new StoreError('INVALID_QUERY', 'audit query refused', [{ path: [field], code: 'invalid', message }]);
}

/** Newest first; the cursor is the id of the last entry of the page before, as text. */
export async function listAudit(context: StoreContext, query: AuditQuery = {}): Promise<AuditPage> {
  const limit = query.limit ?? DEFAULT_AUDIT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT)
    throw queryIssue('limit', `a whole number from 1 to ${MAX_AUDIT_LIMIT}`);
  if (query.cursor !== undefined && !/^[1-9][0-9]{0,15}$/.test(query.cursor)) {
    throw queryIssue('cursor', 'use the nextCursor of the page before');
  }
  const filters = query.filters ?? {};
  for (const field of ['since', 'until'] as const) {
    const value = filters[field];
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw queryIssue(field, 'an ISO 8601 time such as 2026-01-31T00:00:00Z');
  }

  let select = context.db.selectFrom('audit').selectAll();
  if (query.cursor !== undefined) select = select.where('id', '<', Number(query.cursor));
  if (filters.account !== undefined) select = select.where('account', '=', filters.account);
  if (filters.action !== undefined) select = select.where('action', '=', filters.action);
  if (filters.entity !== undefined) select = select.where('entity', '=', filters.entity);
  if (filters.entityId !== undefined) select = select.where('entity_id', '=', filters.entityId);
  // Stored times are all toISOString(): normalising the bounds the same way lets text compare as time.
  if (filters.since !== undefined) select = select.where('at', '>=', new Date(filters.since).toISOString());
  if (filters.until !== undefined) select = select.where('at', '<', new Date(filters.until).toISOString());
  const rows = await select
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();

  const entries = rows.slice(0, limit).map(toEntry);
  const last = entries.at(-1);
  return rows.length > limit && last ? { entries, nextCursor: String(last.id) } : { entries };
}

export async function partnerHistory(context: StoreContext, id: string): Promise<HistoryEntry[]> {
  const exists = await context.db.selectFrom('partners').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new StoreError('NOT_FOUND', 'no partner with this id');
  const rows = await context.db
    .selectFrom('audit')
    .selectAll()
    .where('entity', '=', 'partner')
    .where('entity_id', '=', id)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toEntry).map(({ time, account, role, action, changes }) => ({ time, account, role, action, changes }));
}
