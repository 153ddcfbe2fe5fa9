import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The real server as a child process, from the sources (tests need no build): tsx compiles them
// and the `@pokmas/source` condition resolves the workspace packages to theirs.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ENTRY = 'apps/api/src/index.ts';

export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every line it printed on stdout so far. */
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export interface RunningServer extends ServerProcess {
  readonly url: string;
  /** Where its SQLite store is (when it has no DATABASE_URL). */
  readonly dataDir: string;
}

const folders: string[] = [];
/** Removes the data folders the servers of a test file were given (test/setup.ts calls it). */
export function removeServerFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** Starts the server with exactly `env` (and PATH, HOME); a fresh DATA_DIR unless `env` names one. */
export function spawnServer(env: Record<string, string>): ServerProcess & { dataDir: string } {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'pokmas-api-server-'));
  if (env.DATA_DIR === undefined) folders.push(dataDir);
  const child = spawn(process.execPath, ['--conditions=@pokmas/source', '--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
  });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, exited, stderr: () => stderr, dataDir };
}

/** Starts the server and resolves once it prints its listening line. */
export async function startServer(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningServer> {
  const server = spawnServer(env);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = server.lines.find((each) => each.includes('"msg":"listening on '));
    if (line) return { ...server, url: (JSON.parse(line) as { url: string }).url };
    if (server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode}: ${server.stderr()}`);
    if (Date.now() > deadline) throw new Error(`the server did not listen within ${timeoutMs} ms: ${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
