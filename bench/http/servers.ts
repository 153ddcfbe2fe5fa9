/**
 * The servers the HTTP benchmark loads, each a child process on 127.0.0.1 so that the load
 * generator never shares its event loop: the project's API as it is deployed, and the bare
 * Hono + zod reference (`bare-server.ts`), which can also send the API's own answers back.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../report';

export const HOST = '127.0.0.1';

export interface Server {
  readonly name: 'bare' | 'api' | 'file' | 'baseline';
  readonly url: string;
  readonly child: ChildProcess;
  /** Lines the server wrote on stdout (the API's request log). */
  lines(): number;
  /** CPU seconds the server has used so far (user + system); NaN where there is no /proc. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Where the API's store is and what seeds it; by default SQLite in a new temporary folder, seeded from the demo registry. */
export interface ApiOptions {
  /** `DATABASE_URL`: a PostgreSQL database of the run's own, in place of SQLite. */
  readonly databaseUrl?: string;
  /** `REGISTRY_FILE`: the registry file that seeds the empty store, in place of the demo registry. */
  readonly registryFile?: string;
}

/**
 * The API on the demo registry, run as deployed: `LOG_LEVEL=info` (one JSON line per request on
 * stdout, piped here and drained, and counted), with an account, so that every `/v1` request
 * carries a bearer token the server looks up (the open demo mode would skip that cost).
 * `dataDir` is the SQLite store's folder (also made, and empty, with `databaseUrl`); the caller
 * may remove it once the server has stopped.
 */
export async function startApi(options: ApiOptions = {}): Promise<Server & { readonly token: string; readonly dataDir: string }> {
  // A store of its own, seeded from the demo registry at start, never the repository's ./data.
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'pokmas-bench-store-'));
  const store = { DATA_DIR, ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }) };
  const token = addBenchAccount(store);
  const server = await startServer('api', 'apps/api/src/index.ts', {
    LOG_LEVEL: 'info',
    ...store,
    ...(options.registryFile === undefined ? {} : { REGISTRY_FILE: options.registryFile }),
  });
  return Object.assign(server, { token, dataDir: DATA_DIR });
}

/** An admin account and a token for it in the store that `DATA_DIR` (or `DATABASE_URL`) names, made by `npm run accounts`. */
function addBenchAccount(store: { DATA_DIR: string; DATABASE_URL?: string }): string {
  const accounts = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@pokmas/source', 'apps/api/src/cli/accounts.ts', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...store },
      encoding: 'utf8',
    });
  accounts('add', '--login', 'bench', '--role', 'admin');
  // The token is the last line the command prints; it only ever goes to 127.0.0.1.
  return accounts('token', 'bench', '--label', 'bench').trim().split('\n').at(-1)!;
}

/**
 * The same registry held as a file: with `baseline`, that worktree's own API (a checkout from
 * before the store, serving the demo registry from its file, with the token as its API_KEYS),
 * else this tree's API over the file (`file-server.ts`) with an account and a token as `startApi`
 * has. Run as `startApi` runs the API, so that the two differ only in the registry.
 */
export async function startFileApi(baseline?: { root: string }): Promise<Server & { readonly token: string }> {
  const DATA_DIR = mkdtempSync(join(tmpdir(), 'pokmas-bench-store-'));
  if (baseline) {
    const token = `bench-${randomBytes(24).toString('hex')}`;
    const server = await startServer('baseline', 'apps/api/src/index.ts', { LOG_LEVEL: 'info', API_KEYS: token, DATA_DIR }, baseline.root);
    return Object.assign(server, { token });
  }
  const token = addBenchAccount({ DATA_DIR });
  const server = await startServer('file', 'bench/http/file-server.ts', { LOG_LEVEL: 'info', DATA_DIR });
  return Object.assign(server, { token });
}

/**
 * The bare reference. With `answersFile` (a JSON object from a client id to an answer) it also
 * serves `POST /echo-sized`, sending those answers back.
 */
export function startBare(answersFile: string): Promise<Server> {
  return startServer('bare', 'bench/http/bare-server.ts', { ANSWERS_FILE: answersFile });
}

/** Starts a server as a child process on a free port; resolves once `/healthz` answers 200. */
async function startServer(name: Server['name'], script: string, env: Record<string, string>, cwd = REPO_ROOT): Promise<Server> {
  // The child's environment says everything it reads: no REGISTRY_FILE, CORS_ORIGINS or limits inherited.
  const { REGISTRY_FILE, CORS_ORIGINS, MAX_BODY_BYTES, API_KEYS, LOG_LEVEL, DATABASE_URL, DATA_DIR, TRUST_PROXY, ...inherited } =
    process.env;
  void [REGISTRY_FILE, CORS_ORIGINS, MAX_BODY_BYTES, API_KEYS, LOG_LEVEL, DATABASE_URL, DATA_DIR, TRUST_PROXY];
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@pokmas/source', script], {
    cwd,
    env: { ...inherited, ...env, PORT: '0', HOST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines = 0;
  let stderr = '';
  let firstLine: ((line: string) => void) | undefined;
  let pending = '';
  // Drained all along: a full pipe would block the server's synchronous writes to stdout.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (firstLine) {
      pending += chunk;
      const end = pending.indexOf('\n');
      if (end >= 0) {
        firstLine(pending.slice(0, end));
        firstLine = undefined;
      }
    }
    for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) lines++;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should this process end without the finally blocks (an uncaught error), the server ends with it.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  const stop = async () => {
    process.off('exit', orphan);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const started = performance.now();
  try {
    const line = await Promise.race([
      new Promise<string>((resolve) => (firstLine = resolve)),
      exited.then(() => {
        throw new Error(`http: the ${name} server exited before listening: ${stderr.trim()}`);
      }),
      sleep(30_000).then(() => {
        throw new Error(`http: the ${name} server did not listen within 30 s: ${stderr.trim()}`);
      }),
    ]);
    const { url } = JSON.parse(line) as { url: string };
    await ready(`${url}/healthz`, started + 30_000);
    return { name, url, child, lines: () => lines, cpuSeconds: () => cpuSeconds(child.pid), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function ready(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not yet
    }
    if (performance.now() > deadline) throw new Error(`http: ${url} did not answer 200 in time`);
    await sleep(50);
  }
}

/** CPU seconds a process has used (user + system), from /proc; NaN where there is no /proc. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** `getconf CLK_TCK`: 100 on every Linux Node supports. */
const CLOCK_TICKS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
