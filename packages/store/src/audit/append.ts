import type { Kysely, Transaction } from 'kysely';
import { now } from '../context';
import type { Actor, AuditAction, AuditEntity, FieldChange } from '../store';
import type { Tables } from '../tables';

export interface AuditRecord {
  readonly action: AuditAction;
  readonly entity: AuditEntity;
  readonly entityId: string | null;
  readonly changes: readonly FieldChange[];
}

/** Rows a statement inserts at most: far below SQLite's and PostgreSQL's parameter limits. */
export const INSERT_BATCH = 500;

/** Appends entries inside the caller's transaction, so that they commit or vanish with the write. */
export async function appendAudit(trx: Transaction<Tables> | Kysely<Tables>, actor: Actor, records: readonly AuditRecord[]): Promise<void> {
  const at = now();
  for (let start = 0; start < records.length; start += INSERT_BATCH) {
    await trx
      .insertInto('audit')
      .values(
        records.slice(start, start + INSERT_BATCH).map((record) => ({
          at,
          account: actor.login,
          role: actor.role,
          action: record.action,
          entity: record.entity,
          entity_id: record.entityId,
          changes: JSON.stringify(record.changes),
        })),
      )
      .execute();
  }
}
