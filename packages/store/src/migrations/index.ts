import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../dialects/backend';

/**
 * The store's migrations, one list for both databases. They are written with Kysely's schema
 * builder in types both dialects share (text, integer); the only dialect-specific lines are
 * an identity column's clause and the triggers that keep the audit log append-only, each
 * beside its twin. Append new migrations; never change one that has shipped.
 */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-registry-accounts-audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('registry_state')
          .addColumn('id', 'integer', (column) => column.primaryKey())
          .addColumn('version', 'integer', (column) => column.notNull())
          .execute();
        await db
          .insertInto('registry_state' as never)
          .values({ id: 1, version: 0 } as never)
          .execute();

        await db.schema
          .createTable('pokmas')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('bapas_id', 'text', (column) => column.notNull())
          .addColumn('changed_in', 'integer', (column) => column.notNull())
          .addColumn('data', 'text', (column) => column.notNull())
          .execute();

        await db.schema
          .createTable('partners')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('bapas_id', 'text', (column) => column.notNull())
          .addColumn('active', 'integer', (column) => column.notNull().check(sql`active in (0, 1)`))
          .addColumn('version', 'integer', (column) => column.notNull().check(sql`version >= 1`))
          .addColumn('changed_in', 'integer', (column) => column.notNull())
          .addColumn('updated_at', 'text', (column) => column.notNull())
          .addColumn('data', 'text', (column) => column.notNull())
          .execute();
        await db.schema.createIndex('partners_bapas').on('partners').columns(['bapas_id', 'active']).execute();
        await db.schema.createIndex('partners_changed_in').on('partners').column('changed_in').execute();
        await db.schema.createIndex('pokmas_changed_in').on('pokmas').column('changed_in').execute();

        await db.schema
          .createTable('accounts')
          .addColumn('login', 'text', (column) => column.primaryKey())
          .addColumn('role', 'text', (column) => column.notNull())
          .addColumn('bapas_id', 'text')
          .addColumn('partner_id', 'text', (column) => column.references('partners.id'))
          .addColumn('password_hash', 'text')
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();

        await db.schema
          .createTable('tokens')
          .addColumn('id', 'integer', (column) => identity(dialect, column.primaryKey()))
          .addColumn('login', 'text', (column) => column.notNull().references('accounts.login'))
          .addColumn('hash', 'text', (column) => column.notNull().unique())
          .addColumn('label', 'text')
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema.createIndex('tokens_login').on('tokens').column('login').execute();

        await db.schema
          .createTable('audit')
          .addColumn('id', 'integer', (column) => identity(dialect, column.primaryKey()))
          .addColumn('at', 'text', (column) => column.notNull())
          .addColumn('account', 'text')
          .addColumn('role', 'text')
          .addColumn('action', 'text', (column) => column.notNull())
          .addColumn('entity', 'text', (column) => column.notNull())
          .addColumn('entity_id', 'text')
          .addColumn('changes', 'text')
          .execute();
        await db.schema.createIndex('audit_entity').on('audit').columns(['entity', 'entity_id', 'id']).execute();
        await db.schema.createIndex('audit_account').on('audit').columns(['account', 'id']).execute();

        // The audit log is append-only below the store too: a stray UPDATE or DELETE fails.
        if (dialect === 'sqlite') {
          for (const event of ['UPDATE', 'DELETE']) {
            await sql
              .raw(
                `CREATE TRIGGER audit_no_${event.toLowerCase()} BEFORE ${event} ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
              )
              .execute(db);
          }
        } else {
          await sql
            .raw(
              `CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$`,
            )
            .execute(db);
          await sql
            .raw(
              `CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`,
            )
            .execute(db);
          // TRUNCATE skips row and statement triggers of UPDATE/DELETE; it has its own.
          await sql
            .raw(`CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`)
            .execute(db);
        }
      },
    },
    '0002-referrals': {
      async up(db: Kysely<unknown>) {
        // The places a partner's open referrals hold, kept in the partner's row so that a
        // referral's check of free places and its hold are one conditional statement.
        await db.schema
          .alterTable('partners')
          .addColumn('held', 'integer', (column) =>
            column
              .notNull()
              .defaultTo(0)
              .check(sql`held >= 0`),
          )
          .execute();

        await db.schema
          .createTable('referrals')
          .addColumn('id', 'text', (column) => column.primaryKey())
          .addColumn('seq', 'integer', (column) => column.notNull().unique())
          .addColumn('number', 'text', (column) => column.notNull().unique())
          .addColumn('status', 'text', (column) => column.notNull())
          .addColumn('partner_id', 'text', (column) => column.notNull().references('partners.id'))
          .addColumn('bapas_id', 'text', (column) => column.notNull())
          // The client's pseudonym; null once erased (retention, or an admin's erasure).
          .addColumn('client_ref', 'text')
          .addColumn('services', 'text', (column) => column.notNull())
          .addColumn('match', 'text', (column) => column.notNull())
          .addColumn('outcome', 'text')
          .addColumn('version', 'integer', (column) => column.notNull().check(sql`version >= 1`))
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('updated_at', 'text', (column) => column.notNull())
          .addColumn('expires_at', 'text', (column) => column.notNull())
          .addColumn('ended_at', 'text')
          .addColumn('erased_at', 'text')
          .execute();
        await db.schema.createIndex('referrals_partner').on('referrals').columns(['partner_id', 'status']).execute();
        await db.schema.createIndex('referrals_bapas').on('referrals').columns(['bapas_id', 'seq']).execute();
        await db.schema.createIndex('referrals_client').on('referrals').column('client_ref').execute();
        await db.schema.createIndex('referrals_expiry').on('referrals').columns(['status', 'expires_at']).execute();

        // One row per move, in commit order (every referral write holds the registry's row
        // lock): the referral's history and the event feed that case systems poll.
        await db.schema
          .createTable('referral_events')
          .addColumn('id', 'integer', (column) => identity(dialect, column.primaryKey()))
          .addColumn('referral_id', 'text', (column) => column.notNull().references('referrals.id'))
          .addColumn('at', 'text', (column) => column.notNull())
          .addColumn('account', 'text')
          .addColumn('role', 'text')
          .addColumn('from_status', 'text')
          .addColumn('to_status', 'text', (column) => column.notNull())
          .addColumn('reason', 'text')
          .addColumn('note', 'text')
          .addColumn('partner_id', 'text', (column) => column.notNull())
          .addColumn('bapas_id', 'text', (column) => column.notNull())
          .execute();
        await db.schema.createIndex('referral_events_referral').on('referral_events').columns(['referral_id', 'id']).execute();
      },
    },
  };
}

/** An integer key the database assigns: SQLite's rowid alias, PostgreSQL's identity column. */
function identity<T extends { generatedAlwaysAsIdentity(): T }>(dialect: DialectName, column: T): T {
  return dialect === 'sqlite' ? column : column.generatedAlwaysAsIdentity();
}
