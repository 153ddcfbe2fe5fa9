import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Tables } from '../tables';
import type { Backend } from './backend';
import { migrateToLatest } from './migrate';

/** The channel on which each committed registry write is announced. */
export const NOTIFY_CHANNEL = 'pokmas_registry';

/**
 * The session-level advisory lock held while migrating (an arbitrary constant, the same in
 * every instance). Kysely's migrator takes a lock of its own, but only after it has created its
 * bookkeeping tables; this one covers the whole run, so instances that start together wait in
 * line and the later ones find nothing left to do.
 */
export const MIGRATION_LOCK = 727_401_013;

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export interface PostgresOptions {
  /** Connections in the pool; at least 2 (one holds the migration lock while another migrates). */
  maxConnections?: number;
  /** Told when the notification connection fails; it reconnects by itself. */
  onError?: (error: Error) => void;
}

/** `postgres://host:port/database`: the URL without its user and password, for a start line. */
export function redactDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Backend {
  const pool = new pg.Pool({ connectionString: url, max: Math.max(2, options.maxConnections ?? 10) });
  // An idle client's error (the server restarted) must not crash the process; the next query
  // takes a fresh connection.
  pool.on('error', (error) => options.onError?.(error));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });

  async function migrate(): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrateToLatest(db, 'postgres');
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async function listen(onPayload: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    let delay = RECONNECT_MIN_MS;
    let timer: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (message) => {
        if (message.channel === NOTIFY_CHANNEL && message.payload !== undefined) onPayload(message.payload);
      });
      next.on('error', (error) => {
        options.onError?.(error);
        reconnect(next);
      });
      next.on('end', () => reconnect(next));
      try {
        await next.connect();
        await next.query(`LISTEN ${NOTIFY_CHANNEL}`);
      } catch (error) {
        next.removeAllListeners('end');
        next.end().catch(() => {});
        throw error;
      }
      client = next;
    };

    const reconnect = (failed: pg.Client): void => {
      if (stopped || client !== failed || timer) return;
      client = undefined;
      failed.end().catch(() => {});
      const attempt = (): void => {
        timer = undefined;
        if (stopped) return;
        connect().then(
          () => {
            delay = RECONNECT_MIN_MS;
            onGap();
          },
          (error: Error) => {
            options.onError?.(error);
            delay = Math.min(delay * 2, RECONNECT_MAX_MS);
            timer = setTimeout(attempt, delay);
          },
        );
      };
      timer = setTimeout(attempt, delay);
    };

    await connect();
    return async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const last = client;
      client = undefined;
      await last?.end().catch(() => {});
    };
  }

  return {
    dialect: 'postgres',
    db,
    location: redactDatabaseUrl(url),
    migrate,
    // pg_notify inside the transaction: PostgreSQL delivers it when, and only if, it commits.
    notify: async (trx, payload) => {
      await sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`.execute(trx);
    },
    listen,
    close: () => db.destroy(),
  };
}
