// Heap taken by a matcher over the synthetic registry, beside the partner objects alone. Each
// reading runs in a fresh process (memory-child.ts), so that the suite's other sections leave
// nothing on the heap measured.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { HeapReading, MemoryChildResult } from './memory-child';
import { REPO_ROOT, formatNumber } from './report';
import { goal, type Section, type SectionOptions } from './section';

export const MEMORY_PARTNERS = 100_000;
export const QUICK_MEMORY_PARTNERS = 20_000;

const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));

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

/** Starts memory-child.ts in a process of its own and returns what it measured. */
export async function measureHeap(partners: number): Promise<MemoryChildResult> {
  const args = ['--expose-gc', '--import', 'tsx', '--conditions=@pokmas/source', CHILD, String(partners)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as MemoryChildResult;
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

export async function memorySection(options: SectionOptions): Promise<Section> {
  const partners = options.quick ? QUICK_MEMORY_PARTNERS : MEMORY_PARTNERS;
  options.log(`memory: ${partners} partners, in a child process`);
  const figures = memoryFigures(await measureHeap(partners));
  const at = partners === MEMORY_PARTNERS ? '' : ` (measured at ${formatNumber(partners)}: a short run)`;
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
    figures,
    goals: [
      goal(
        'memory-index',
        `memory: the index adds at most 100 bytes per partner over ${formatNumber(MEMORY_PARTNERS)} partners${at}`,
        figures.indexBytesPerPartner,
        'B/partner',
        'max',
        100,
        partners !== MEMORY_PARTNERS,
      ),
    ],
  };
}
