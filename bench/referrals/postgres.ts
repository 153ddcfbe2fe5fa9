/**
 * A PostgreSQL database for one run, made and dropped as the store's tests do theirs: on the
 * server `PG_TEST_URL` names (CI's), else on a throwaway cluster that
 * `packages/store/scripts/pg-test-cluster.sh` starts and this run stops; else none, and the run
 * says how to get one. URLs carry a password: no message here repeats one.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from '../report';

const CLUSTER_SCRIPT = join(REPO_ROOT, 'packages/store/scripts/pg-test-cluster.sh');

/** How to get PostgreSQL measured, for a skipped row. */
export const POSTGRES_HOW =
  'set PG_TEST_URL to a postgres:// server where databases may be created (or install postgresql for pg-test-cluster.sh)';

export interface PostgresServer {
  /** A server where databases may be created. */
  readonly url: string;
  /** Where it came from, for the table: `PG_TEST_URL` or the cluster started. */
  readonly origin: string;
  /** Stops what this run started (nothing for PG_TEST_URL). */
  stop(): Promise<void>;
}

/** The server to measure on, or why there is none. */
export async function findPostgres(
  pgTestUrl: string | undefined,
  log: (line: string) => void,
): Promise<PostgresServer | { skipped: string }> {
  if (pgTestUrl) return { url: pgTestUrl, origin: `PG_TEST_URL (${hostOf(pgTestUrl)})`, stop: async () => {} };
  log(`referrals: PG_TEST_URL is unset; starting a throwaway cluster with ${CLUSTER_SCRIPT} start`);
  const started = await run(CLUSTER_SCRIPT, ['start']);
  const url = started.stdout.trim().split('\n').at(-1) ?? '';
  // The script names the cluster's folder on stderr; stopping by folder leaves any other cluster alone.
  const folder = /\bin (\/\S+?);/.exec(started.stderr)?.[1];
  if (started.code !== 0 || !/^postgres(ql)?:\/\//.test(url) || folder === undefined) {
    const why = started.stderr.trim().split('\n').at(-1) ?? `exit ${started.code}`;
    if (folder !== undefined) await run(CLUSTER_SCRIPT, ['stop', folder]);
    return { skipped: `no PostgreSQL: PG_TEST_URL is unset and pg-test-cluster.sh could not start one (${why})` };
  }
  return {
    url,
    origin: `a throwaway cluster (${hostOf(url)}, pg-test-cluster.sh)`,
    stop: async () => {
      const stopped = await run(CLUSTER_SCRIPT, ['stop', folder]);
      log(
        stopped.code === 0
          ? `referrals: stopped the cluster in ${folder}`
          : `referrals: stopping the cluster in ${folder} failed: ${stopped.stderr.trim()}`,
      );
    },
  };
}

/** A new, empty database on `server`, named at random; `drop` removes it, connections and all. */
export async function createDatabase(server: string): Promise<{ readonly url: string; drop(): Promise<void> }> {
  const name = `pokmas_bench_${randomBytes(6).toString('hex')}`;
  await onServer(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(server, `drop database if exists ${name} with (force)`) };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** `host:port` of a URL, never its password. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an unreadable URL';
  }
}

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: stderr || (error && code !== 0 ? error.message : '') });
    });
  });
}
