import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PG_TEST_URL, runs } from '../../../../vitest.requirements';
import { type OpenStoreOptions, SQLITE_FILE } from '../../src/index';

/** A new, empty database for one test, and a way to look at it from outside the store. */
export interface FreshDatabase {
  /** What openStore needs to open it. */
  readonly options: Pick<OpenStoreOptions, 'databaseUrl' | 'dataDir'>;
  /** Runs one statement on a connection of its own, as an operator at a SQL prompt would. */
  sql(text: string, parameters?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Every row of every table, as text: for asserting what the database never holds. */
  dump(): Promise<string>;
  drop(): Promise<void>;
}

export interface TestDatabase {
  /** Named in describe blocks (`store on PostgreSQL`): vitest.requirements.ts matches the name. */
  readonly name: 'SQLite' | 'PostgreSQL';
  /** Whether the tests on it run here (see vitest.requirements.ts). */
  readonly runs: boolean;
  create(): Promise<FreshDatabase>;
}

const TABLES = ['registry_state', 'partners', 'pokmas', 'accounts', 'tokens', 'audit', 'referrals', 'referral_events'];

export const SQLITE: TestDatabase = {
  name: 'SQLite',
  runs: true,
  async create() {
    const dataDir = mkdtempSync(join(tmpdir(), 'pokmas-store-test-'));
    const file = join(dataDir, SQLITE_FILE);
    const sql = async (text: string, parameters: unknown[] = []) => {
      const database = new Database(file);
      try {
        const statement = database.prepare(text);
        return statement.reader ? (statement.all(...parameters) as Record<string, unknown>[]) : (statement.run(...parameters), []);
      } finally {
        database.close();
      }
    };
    return {
      options: { dataDir },
      sql,
      async dump() {
        const parts: string[] = [];
        for (const table of TABLES) parts.push(JSON.stringify(await sql(`select * from ${table}`)));
        return parts.join('\n');
      },
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const POSTGRES: TestDatabase = {
  name: 'PostgreSQL',
  runs: runs('PostgreSQL'),
  async create() {
    const server = PG_TEST_URL;
    if (!server) throw new Error('PG_TEST_URL is not set: start a cluster with packages/store/scripts/pg-test-cluster.sh start');
    const name = `pokmas_test_${randomBytes(6).toString('hex')}`;
    await onServer(server, `create database ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const sql = async (text: string, parameters: unknown[] = []) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(text, parameters)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    };
    return {
      options: { databaseUrl },
      sql,
      async dump() {
        const parts: string[] = [];
        for (const table of TABLES) parts.push(JSON.stringify(await sql(`select * from ${table}`)));
        return parts.join('\n');
      },
      async drop() {
        await onServer(server, `drop database if exists ${name} with (force)`);
      },
    };
  },
};

export const DATABASES: readonly TestDatabase[] = [SQLITE, POSTGRES];

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
