import type { AllocateOptions, Allocation, Client, Coverage, CoveragePlace } from '@pokmas/matcher';
import { Piscina } from 'piscina';
import { ProblemError } from '../lib/problem';
import type { LoadedRegistry } from '../lib/types';
import type { Task, TaskAnswer } from './protocol';
import { snapshotOf } from './snapshot';
import { allocationOf, coverageOf, isRefusal, toMatcherError } from './tasks';

/**
 * Where allocations and coverage run. `createWorkerPool` runs them in worker threads, so that
 * the event loop keeps answering `/healthz` and recommendations meanwhile; `inlineWorkers` runs
 * the same functions on the calling thread (an app built without a pool, as in `app.request` tests).
 */
export interface Workers {
  /** The allocation of `clients` (validated and located) over `registry`. */
  allocate(registry: LoadedRegistry, clients: readonly Client[], options: AllocateOptions | undefined): Promise<Allocation>;
  /** The coverage of `registry`'s partners at `places`. */
  coverage(registry: LoadedRegistry, places: readonly CoveragePlace[]): Promise<Coverage>;
  /** Ends the threads; tasks still running are abandoned. */
  close(): Promise<void>;
}

export const inlineWorkers: Workers = {
  allocate: async (registry, clients, options) => allocationOf(registry.matcher, clients, options),
  coverage: async (registry, places) => coverageOf(registry.partners, places),
  close: async () => {},
};

export interface WorkerPoolOptions {
  /** Threads running tasks at once. */
  readonly threads: number;
  /** Tasks that may wait for a thread; one more is refused with 503 and `Retry-After`. */
  readonly queueLimit: number;
}

/** The most a `Retry-After` asks a client to wait, in seconds. */
const MAX_RETRY_AFTER_S = 60;

/**
 * A bounded pool of worker threads (Piscina). At most `threads + queueLimit` tasks are held at
 * once: past that a task is refused at once with a 503 problem whose `Retry-After` is the time
 * the held tasks should take (from the mean run time so far), rather than queued without bound.
 *
 * @example
 * const workers = createWorkerPool({ threads: 2, queueLimit: 8 });
 * const allocation = await workers.allocate(live.current(), clients, { minScore: 0.3 });
 */
export function createWorkerPool({ threads, queueLimit }: WorkerPoolOptions): Workers {
  const fromSources = import.meta.url.endsWith('.ts');
  const pool = new Piscina<Task, TaskAnswer>({
    // From the sources (tests, `npm run dev`) the worker is this folder's worker.ts; built, tsup
    // writes it beside dist/index.js, which holds this module, as dist/workers/worker.js.
    filename: new URL(fromSources ? './worker.ts' : './workers/worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    ...(fromSources ? { execArgv: sourceExecArgv(process.execArgv) } : {}),
  });
  let held = 0;

  const run = async (task: () => Promise<Task>): Promise<TaskAnswer> => {
    if (held >= threads + queueLimit) {
      throw new ProblemError('unavailable', `The server is busy with ${held} allocations or coverage measurements; try again shortly.`, {
        headers: { 'Retry-After': String(retryAfterSeconds(pool.histogram.runTime.mean, held, threads)) },
      });
    }
    held++;
    try {
      const answer = await pool.run(await task());
      if (isRefusal(answer)) throw toMatcherError(answer);
      return answer;
    } finally {
      held--;
    }
  };

  return {
    async allocate(registry, clients, options) {
      const answer = await run(async () => ({ kind: 'allocate', registry: await snapshotOf(registry), clients, options }));
      return (answer as { allocation: Allocation }).allocation;
    },
    async coverage(registry, places) {
      const answer = await run(async () => ({ kind: 'coverage', registry: await snapshotOf(registry), places }));
      return (answer as { coverage: Coverage }).coverage;
    },
    close: () => pool.destroy(),
  };
}

/** Seconds for the held tasks to run at the mean run time so far: at least 1, at most a minute. */
export function retryAfterSeconds(meanRunMs: number, held: number, threads: number): number {
  const seconds = Number.isFinite(meanRunMs) && meanRunMs > 0 ? Math.ceil((meanRunMs * held) / threads / 1000) : 1;
  return Math.min(MAX_RETRY_AFTER_S, Math.max(1, seconds));
}

/**
 * A worker started from the sources needs what the process was started with (`--import tsx`,
 * `--conditions=@pokmas/source`); vitest's own workers are not, so they are added when missing.
 */
function sourceExecArgv(execArgv: readonly string[]): string[] {
  const args = [...execArgv];
  if (!args.some((arg, index) => arg === 'tsx' && args[index - 1] === '--import') && !args.includes('--import=tsx')) {
    args.push('--import', 'tsx');
  }
  if (!args.some((arg) => arg === '--conditions=@pokmas/source')) args.push('--conditions=@pokmas/source');
  return args;
}
