import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver } from 'kysely';
import type { Tables } from '../tables';
import type { Backend } from './backend';
import { migrateToLatest } from './migrate';

/** The file inside the data folder. */
export const SQLITE_FILE = 'pokmas.sqlite';

/** How long a connection waits for another process's write lock before it gives up. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Every transaction begins IMMEDIATE, taking the write lock at once: a deferred one that reads
 * first and writes later can meet another process's commit in between and fail with
 * SQLITE_BUSY without waiting. The store opens transactions only to write.
 */
class ImmediateDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite's DDL is transactional; Kysely's adapter says otherwise to stay on the safe side. With
 * it said, each migration runs inside one IMMEDIATE transaction: a second process that opens the
 * same file meanwhile waits for it, then finds the migration applied.
 */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class StoreSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }
  override createDriver(): SqliteDriver {
    return new ImmediateDriver({ database: this.database });
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlAdapter();
  }
}

/** How often a SQLite store looks for commits of other processes on its file. */
export const SQLITE_POLL_MS = 500;

export function openSqlite(dataDir: string): Backend {
  const directory = resolve(dataDir);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, SQLITE_FILE);
  const database = new Database(file);
  try {
    // WAL: readers never wait for the writer. synchronous FULL (WAL's default, said here so it
    // stays): a commit is on disk before the write returns, so an answered write survives a
    // crash of the machine too, not only of the process.
    const mode = database.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`SQLite would not switch ${file} to WAL mode (it is in ${String(mode)} mode)`);
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<Tables>({ dialect: new StoreSqliteDialect(database) });
  return {
    dialect: 'sqlite',
    db,
    location: file,
    migrate: () => migrateToLatest(db, 'sqlite'),
    // The store tells its own listeners after commit; another process writing the same file (the
    // registry command, a second server) is heard by polling PRAGMA data_version, which changes
    // when another connection commits.
    notify: async () => {},
    listen: async (_onPayload, onGap) => {
      let seen = database.pragma('data_version', { simple: true });
      const timer = setInterval(() => {
        const now = database.pragma('data_version', { simple: true });
        if (now !== seen) {
          seen = now;
          onGap();
        }
      }, SQLITE_POLL_MS).unref();
      return async () => clearInterval(timer);
    },
    close: () => db.destroy(),
  };
}
