// Heap taken by a matcher over the synthetic registry, beside the partner objects alone, and
// the bytes one `recommend` on the demo registry allocates. Each reading runs in a fresh process
// (memory-child.ts, recommend-allocated-child.ts), so that the suite's other sections leave
// nothing on the heap measured; with BENCH_BASELINE, the same children run the baseline
// worktree's matcher too.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SEMI_SPACE_MB, allocationFlags } from './heap-allocated';
import { SOURCE_ARGS } from './matcher-at';
import type { HeapReading, MemoryChildResult } from './memory-child';
import type { RecommendAllocatedResult } from './recommend-allocated-child';
import { REPO_ROOT, formatNumber } from './report';
import { goal, notAsked, type Baseline, type Goal, type GoalSpec, type Section, type SectionOptions, type Table } from './section';

export const MEMORY_PARTNERS = 100_000;
export const QUICK_MEMORY_PARTNERS = 20_000;

const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
const ALLOCATED_CHILD = fileURLToPath(new URL('./recommend-allocated-child.ts', import.meta.url));

export interface MemoryFigures {
  readonly partners: number;
  /** Heap over the empty process, per partner, with the caller's partner objects alone. */
  readonly objectsBytesPerPartner: number;
  /** The same with only a matcher over them (it keeps the partner objects, not copies, and its index). */
  readonly matcherBytesPerPartner: number;
  /** What the matcher holds beyond the partner objects themselves. */
  readonly indexBytesPerPartner: number;
  readonly readings: MemoryChildResult;
}

/** Runs a child script in the worktree at `root` and parses the JSON line it prints. */
async function runChild<T>(root: string, flags: readonly string[], script: string, args: readonly string[] = []): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, ...SOURCE_ARGS, script, ...args], {
    cwd: root,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as T;
}

/** Starts memory-child.ts in a process of its own, over the matcher of the worktree at `root`, and returns what it measured. */
export function measureHeap(partners: number, root = REPO_ROOT): Promise<MemoryChildResult> {
  return runChild(root, ['--expose-gc'], CHILD, [String(partners)]);
}

/** Starts recommend-allocated-child.ts over the matcher of the worktree at `root` and returns what it measured. */
export function measureRecommendAllocated(root = REPO_ROOT): Promise<RecommendAllocatedResult> {
  return runChild(root, allocationFlags(SEMI_SPACE_MB), ALLOCATED_CHILD);
}

const total = (reading: HeapReading) => reading.heapUsed + reading.arrayBuffers;

export function memoryFigures(readings: MemoryChildResult): MemoryFigures {
  const perPartner = (reading: HeapReading) => (total(reading) - total(readings.empty)) / readings.partners;
  const objects = perPartner(readings.objects);
  const matcher = perPartner(readings.matcher);
  return {
    partners: readings.partners,
    objectsBytesPerPartner: objects,
    matcherBytesPerPartner: matcher,
    indexBytesPerPartner: matcher - objects,
    readings,
  };
}

/** One recommend on the demo registry allocates at most this many KB (of 1,000 bytes). */
const ALLOCATED_LIMIT_KB = 20;

export interface MemoryGoalInput {
  readonly here: MemoryFigures;
  /** The same over the baseline's matcher, when the run has one. */
  readonly base: MemoryFigures | undefined;
  readonly baseline: Baseline | undefined;
  readonly allocated: RecommendAllocatedResult;
  readonly baseAllocated: RecommendAllocatedResult | undefined;
}

/**
 * The index adds at most 100 bytes a partner, and no more than the baseline's index (not asked
 * without a baseline); one recommend on the demo registry allocates at most 20 KB (of 1,000 bytes).
 * The index goals at a size short of 100,000 partners give no verdict.
 */
export function memoryGoals({ here, base, baseline, allocated, baseAllocated }: MemoryGoalInput): Goal[] {
  const shortRun = here.partners !== MEMORY_PARTNERS;
  const at = shortRun ? ` (measured at ${formatNumber(here.partners)}: a short run)` : '';
  const n = formatNumber(MEMORY_PARTNERS);
  const bytes = (value: number) => `${formatNumber(value, 1)} B`;
  const kb = (value: number) => `${formatNumber(value / 1_000, 1)} KB`;
  // Heap readings move by a few KB from one process to the next: half a byte a partner is below what they resolve.
  const vsBaseline: GoalSpec = {
    id: 'memory-index-baseline',
    text: `memory: the index per partner over ${n} partners, no larger than the baseline's (to half a byte)${at}`,
    unit: 'B/partner more',
    kind: 'max',
    limit: 0.5,
  };
  return [
    goal(
      {
        id: 'memory-index',
        text: `memory: the index adds at most 100 bytes per partner over ${n} partners${at}`,
        unit: 'B/partner',
        kind: 'max',
        limit: 100,
      },
      here.indexBytesPerPartner,
      { shortRun, beside: base && baseline ? `${baseline.label}: ${bytes(base.indexBytesPerPartner)}` : '' },
    ),
    base && baseline
      ? goal(vsBaseline, here.indexBytesPerPartner - base.indexBytesPerPartner, {
          shortRun,
          beside: `${baseline.label}: ${bytes(base.indexBytesPerPartner)}, this tree: ${bytes(here.indexBytesPerPartner)}`,
        })
      : notAsked(vsBaseline, 'no baseline: set BENCH_BASELINE=<worktree>'),
    goal(
      {
        id: 'recommend-allocated',
        text: `allocations of one recommend on the demo registry (validate, search, explain the matches): at most ${ALLOCATED_LIMIT_KB} KB`,
        unit: 'KB',
        kind: 'max',
        limit: ALLOCATED_LIMIT_KB,
      },
      allocated.recommend.bytesPerCall / 1_000,
      { beside: baseAllocated && baseline ? `${baseline.label}: ${kb(baseAllocated.recommend.bytesPerCall)}` : '' },
    ),
  ];
}

function allocatedTable(
  allocated: RecommendAllocatedResult,
  base: RecommendAllocatedResult | undefined,
  baseline: Baseline | undefined,
): Table {
  const { calibration } = allocated;
  const row = (name: string, result: RecommendAllocatedResult) => [
    name,
    `${formatNumber(result.recommend.bytesPerCall / 1_000, 1)} KB`,
    `${formatNumber(Math.min(...result.recommend.samples) / 1_000, 1)} to ${formatNumber(Math.max(...result.recommend.samples) / 1_000, 1)} KB`,
    `${result.recommend.samples.length} x ${result.recommend.calls}`,
    result.matches.join(', '),
  ];
  return {
    title:
      `Allocations of one recommend on the demo registry (${formatNumber(allocated.partners)} partners), the bench's three requests in turn: ` +
      `heap and array buffers grown per call with no collection running. Checked first on known sizes: ` +
      `${calibration.bytesPerSlot.toFixed(3)} bytes per array slot (expected ${calibration.expectedBytesPerSlot}), ` +
      `${calibration.bytesPerFloat.toFixed(3)} per double of a typed array (expected 8), ${calibration.nothing.toFixed(1)} per empty call`,
    headers: ['matcher', 'per recommend (median)', 'samples range', 'samples x calls', 'matches per request'],
    rows: [...(base && baseline ? [row(`baseline ${baseline.label}`, base)] : []), row('this tree', allocated)],
  };
}

function baselineTable(here: MemoryFigures, base: MemoryFigures, baseline: Baseline): Table {
  const bytes = (value: number) => `${formatNumber(value)} B`;
  const row = (name: string, of: (figures: MemoryFigures) => number) => [
    name,
    bytes(of(base)),
    bytes(of(here)),
    `${formatNumber(of(here) / of(base), 3)}x`,
  ];
  return {
    title: `Memory beside the baseline ${baseline.label} (${baseline.root}), per partner over ${formatNumber(here.partners)} partners, each in a process of its own`,
    headers: ['held', `baseline ${baseline.label}`, 'this tree', 'this tree / baseline'],
    rows: [
      row('the partner objects alone', (figures) => figures.objectsBytesPerPartner),
      row('a matcher over them', (figures) => figures.matcherBytesPerPartner),
      row('the index adds', (figures) => figures.indexBytesPerPartner),
    ],
  };
}

export async function memorySection(options: SectionOptions): Promise<Section> {
  const partners = options.quick ? QUICK_MEMORY_PARTNERS : MEMORY_PARTNERS;
  const { baseline } = options;
  options.log(`memory: ${partners} partners, in a child process`);
  const figures = memoryFigures(await measureHeap(partners));
  let base: MemoryFigures | undefined;
  if (baseline) {
    options.log(`memory: ${partners} partners over the matcher of ${baseline.label}, in a child process`);
    base = memoryFigures(await measureHeap(partners, baseline.root));
  }
  options.log('memory: allocations of one recommend on the demo registry, in a child process');
  const allocated = await measureRecommendAllocated();
  const baseAllocated = baseline ? await measureRecommendAllocated(baseline.root) : undefined;
  const bytes = (value: number) => `${formatNumber(value)} B`;
  return {
    id: 'memory',
    title: `Memory: JS heap and array buffers over ${formatNumber(partners)} partners, per partner (median of 5 readings after a full GC)`,
    headers: ['held', 'per partner', 'total'],
    rows: [
      ['the partner objects alone', bytes(figures.objectsBytesPerPartner), bytes(figures.objectsBytesPerPartner * partners)],
      [
        'a matcher over them (caller array dropped)',
        bytes(figures.matcherBytesPerPartner),
        bytes(figures.matcherBytesPerPartner * partners),
      ],
      ['the index adds', bytes(figures.indexBytesPerPartner), bytes(figures.indexBytesPerPartner * partners)],
    ],
    figures: { ...figures, baseline: base ?? null, recommendAllocated: allocated, baselineRecommendAllocated: baseAllocated ?? null },
    goals: memoryGoals({ here: figures, base, baseline, allocated, baseAllocated }),
    tables: [...(base && baseline ? [baselineTable(figures, base, baseline)] : []), allocatedTable(allocated, baseAllocated, baseline)],
  };
}
