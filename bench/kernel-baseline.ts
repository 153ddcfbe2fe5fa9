// The kernel beside a baseline worktree's (BENCH_BASELINE), in the same run: one child process
// per side (kernel-child.ts), each loading its own worktree's matcher sources, over the same
// partners and queries. The children live side by side and take turns: each round times every
// query on one side, then on the other, the side going first alternating, so that the machine's
// noise falls on both as in the in-process kernel (kernel.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './kernel-child';
import { SOURCE_ARGS } from './matcher-at';
import { sideFigures, type KernelSideFigures } from './query-timing';
import { formatNumber } from './report';
import { goal, notAsked, type Baseline, type Goal, type GoalSpec, type SectionOptions, type Table } from './section';
import { median } from './stats';

const CHILD = fileURLToPath(new URL('./kernel-child.ts', import.meta.url));

export interface BaselineRounds {
  /** At least this many rounds (even, so each side goes first as often), then more within `budgetMs`, up to `maxRounds`. */
  readonly minRounds: number;
  readonly maxRounds: number;
  readonly budgetMs: number;
}

export const BASELINE_ROUNDS: BaselineRounds = { minRounds: 10, maxRounds: 60, budgetMs: 30_000 };
export const QUICK_BASELINE_ROUNDS: BaselineRounds = { minRounds: 4, maxRounds: 10, budgetMs: 2_000 };

export interface BaselineSide extends KernelSideFigures {
  /** createMatcher over the partners in that side's process. */
  readonly buildMs: number;
}

export interface BaselineComparison {
  readonly baseline: Baseline;
  readonly partners: number;
  readonly queries: number;
  readonly rounds: number;
  /** This tree's matcher and the baseline's, over every query of every round. */
  readonly here: BaselineSide;
  readonly base: BaselineSide;
  /** This tree's median (and p90) over the baseline's: above 1 is slower. */
  readonly medianRatio: number;
  readonly p90Ratio: number;
  /** The same ratio of medians round by round: how much it moves. */
  readonly roundRatios: readonly number[];
  /** Queries whose top ids are the same, in order, on both sides: the scores may differ between versions. */
  readonly sameTop: number;
}

/** A child with its messages in a queue, so that a reply is never missed between two waits. */
class Side {
  private readonly queue: ChildMessage[] = [];
  private waiting: ((message: ChildMessage) => void) | undefined;
  private stderr = '';
  private readonly exited: Promise<never>;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: ChildMessage) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(message);
      } else {
        this.queue.push(message);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`kernel beside the baseline: the ${name} child ended (${signal ?? code}): ${this.stderr.trim()}`)),
      ),
    );
    this.exited.catch(() => {}); // observed by next(); a child that ends after `stop` is no fault
  }

  next<K extends ChildMessage['kind']>(kind: K): Promise<Extract<ChildMessage, { kind: K }>> {
    const queued = this.queue.shift();
    const message = queued ? Promise.resolve(queued) : new Promise<ChildMessage>((resolve) => (this.waiting = resolve));
    return Promise.race([message, this.exited]).then((found) => {
      if (found.kind !== kind) throw new Error(`kernel beside the baseline: the ${this.name} child sent ${found.kind}, not ${kind}`);
      return found as Extract<ChildMessage, { kind: K }>;
    });
  }

  async round(): Promise<Extract<ChildMessage, { kind: 'round' }>> {
    this.child.send({ kind: 'round' } satisfies ParentMessage);
    return this.next('round');
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
  }
}

function startSide(name: string, root: string, workload: string): Side {
  const child = fork(CHILD, [workload], { cwd: root, execArgv: [...SOURCE_ARGS], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  return new Side(name, child);
}

/**
 * Times the same queries on this tree's matcher (at `here`) and on the baseline's, each in a
 * child process of its own; `partners` and `clients` are written once to a file both read.
 */
export async function compareWithBaseline(
  here: string,
  baseline: Baseline,
  partners: readonly unknown[],
  clients: readonly unknown[],
  rounds: BaselineRounds,
  options: Pick<SectionOptions, 'log'>,
): Promise<BaselineComparison> {
  const scratch = await mkdtemp(join(tmpdir(), 'pokmas-bench-kernel-'));
  const sides: Side[] = [];
  try {
    const workload = join(scratch, 'workload.json');
    await writeFile(workload, JSON.stringify({ partners, clients }));
    options.log(`kernel: ${partners.length} partners beside ${baseline.label}: starting a child per side`);
    // One after the other: each builds its index and warms up without the other competing.
    const ours = startSide('this tree', here, workload);
    sides.push(ours);
    const oursReady = await ours.next('ready');
    const theirs = startSide(`baseline ${baseline.label}`, baseline.root, workload);
    sides.push(theirs);
    const theirsReady = await theirs.next('ready');
    for (const ready of [oursReady, theirsReady]) {
      if (ready.partners !== partners.length) {
        throw new Error(`kernel beside the baseline: a matcher holds ${ready.partners} partners, not ${partners.length}`);
      }
    }

    const ourSamples: number[] = [];
    const theirSamples: number[] = [];
    const roundRatios: number[] = [];
    const start = performance.now();
    let done = 0;
    while (done < rounds.minRounds || (done < rounds.maxRounds && performance.now() - start < rounds.budgetMs)) {
      const [first, second] = done % 2 === 0 ? [ours, theirs] : [theirs, ours];
      const a = await first.round();
      const b = await second.round();
      const [mine, base] = first === ours ? [a, b] : [b, a];
      ourSamples.push(...mine.samples);
      theirSamples.push(...base.samples);
      roundRatios.push(median(mine.samples) / median(base.samples));
      done++;
    }
    const sameTop = oursReady.top.filter((top, query) => top === theirsReady.top[query]).length;
    const ourFigures = { ...sideFigures(ourSamples, partners.length), buildMs: oursReady.buildMs };
    const theirFigures = { ...sideFigures(theirSamples, partners.length), buildMs: theirsReady.buildMs };
    const comparison: BaselineComparison = {
      baseline,
      partners: partners.length,
      queries: clients.length,
      rounds: done,
      here: ourFigures,
      base: theirFigures,
      medianRatio: ourFigures.medianUs / theirFigures.medianUs,
      p90Ratio: ourFigures.p90Us / theirFigures.p90Us,
      roundRatios,
      sameTop,
    };
    options.log(
      `kernel: beside ${baseline.label}: ${done} rounds, this tree ${formatNumber(ourFigures.medianUs, 1)} us, ` +
        `baseline ${formatNumber(theirFigures.medianUs, 1)} us per query (median)`,
    );
    return comparison;
  } finally {
    for (const side of sides) side.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The kernel's goals against a baseline: no slower at the median and at p90, within 5%. */
export const BASELINE_GOALS = {
  median: { id: 'kernel-baseline-median', unit: 'x baseline', kind: 'max', limit: 1.05 },
  p90: { id: 'kernel-baseline-p90', unit: 'x baseline', kind: 'max', limit: 1.05 },
} as const;

/**
 * The goals at `goalSize` partners: met or not from a comparison at that size, no verdict from a
 * smaller one, not asked without a baseline.
 */
export function baselineGoals(comparison: BaselineComparison | undefined, goalSize: number): Goal[] {
  const n = formatNumber(goalSize);
  const at = comparison && comparison.partners !== goalSize ? ` (measured at ${formatNumber(comparison.partners)}: a short run)` : '';
  const specs: Record<keyof typeof BASELINE_GOALS, GoalSpec> = {
    median: { ...BASELINE_GOALS.median, text: `kernel at ${n} partners: median time per query, no slower than the baseline's${at}` },
    p90: { ...BASELINE_GOALS.p90, text: `kernel at ${n} partners: p90 time per query, no slower than the baseline's${at}` },
  };
  if (!comparison) {
    const why = 'no baseline: set BENCH_BASELINE=<worktree>';
    return [notAsked(specs.median, why), notAsked(specs.p90, why)];
  }
  const shortRun = comparison.partners !== goalSize;
  const us = (value: number) => `${formatNumber(value, 1)} us`;
  const label = comparison.baseline.label;
  return [
    goal(specs.median, comparison.medianRatio, {
      shortRun,
      beside: `${label}: ${us(comparison.base.medianUs)}, this tree: ${us(comparison.here.medianUs)}`,
    }),
    goal(specs.p90, comparison.p90Ratio, {
      shortRun,
      beside: `${label}: ${us(comparison.base.p90Us)}, this tree: ${us(comparison.here.p90Us)}`,
    }),
  ];
}

/** The comparison as a table, printed after the kernel's own. */
export function baselineTable(comparison: BaselineComparison): Table {
  const { baseline } = comparison;
  const row = (name: string, side: BaselineSide, ratio: string) => [
    name,
    `${comparison.queries} x ${comparison.rounds}`,
    `${formatNumber(side.buildMs)} ms`,
    `${formatNumber(side.medianUs, 1)} us`,
    `${formatNumber(side.p90Us, 1)} us`,
    formatNumber(side.nsPerPartner, 1),
    ratio,
  ];
  const spread = comparison.roundRatios.map((ratio) => ratio.toFixed(2));
  return {
    title:
      `Kernel beside the baseline ${baseline.label} (${baseline.root}) at ${formatNumber(comparison.partners)} partners: ` +
      `a child process per side, rounds alternating; same top ids in ${comparison.sameTop} of ${comparison.queries} queries; ` +
      `median ratio by round ${Math.min(...comparison.roundRatios).toFixed(2)} to ${Math.max(...comparison.roundRatios).toFixed(2)}` +
      (spread.length <= 12 ? ` (${spread.join(' ')})` : ''),
    headers: ['matcher', 'queries x rounds', 'build', 'median', 'p90', 'ns/partner', 'median, p90 / baseline'],
    rows: [
      row(`baseline ${baseline.label}`, comparison.base, '1, 1'),
      row('this tree', comparison.here, `${comparison.medianRatio.toFixed(3)}, ${comparison.p90Ratio.toFixed(3)}`),
    ],
  };
}
