import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { OpenStoreOptions } from '../../src/index';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const WORKER = fileURLToPath(new URL('../fixtures/store-worker.ts', import.meta.url));

export interface Worker {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every line it printed so far. */
  readonly lines: string[];
  /** Resolves with the first line (from now on, or already printed) that `match` accepts. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when it has exited, with its exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts the store worker in a process of its own: one node process, TypeScript through tsx. */
export function startWorker(
  mode: 'stream' | 'race' | 'open',
  options: Pick<OpenStoreOptions, 'databaseUrl' | 'dataDir'>,
  ...args: string[]
): Worker {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@pokmas/source', WORKER, mode, JSON.stringify(options), ...args],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiting) wake();
  });
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      ended = true;
      resolve({ code, signal });
      for (const wake of waiting) wake();
    }),
  );

  const waitFor = (match: (line: string) => boolean, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no such line within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      const check = () => {
        const found = lines.find(match);
        if (found !== undefined) finish(undefined, found);
        else if (ended) finish(new Error(`the worker exited first; stderr: ${stderr}`));
      };
      const finish = (error?: Error, line?: string) => {
        clearTimeout(timer);
        waiting.delete(check);
        if (error) reject(error);
        else resolve(line!);
      };
      waiting.add(check);
      check();
    });

  return { child, lines, waitFor, exited, stderr: () => stderr };
}
