// Run by memory.ts in a process of its own, started with --expose-gc, so that nothing else lives
// on its heap, and with its cwd in the worktree whose matcher it measures (this one, or a
// baseline's: BENCH_BASELINE):
//   node --expose-gc --import tsx --conditions=@pokmas/source <this file> <partners>
// Prints one JSON line: the heap with nothing, with the partner objects alone, and with a
// matcher over them once the caller's array is dropped. The partners are this tree's workload
// whichever matcher is measured.
import type { Partner } from '@pokmas/matcher';
import { importMatcher } from './matcher-at';
import { median } from './stats';
import { generatePartners, loadSeats } from './workload';

export interface HeapReading {
  readonly heapUsed: number;
  /** Typed arrays' backing stores live outside the JS heap: counted here, not in `heapUsed`. */
  readonly arrayBuffers: number;
}

export interface MemoryChildResult {
  readonly partners: number;
  readonly empty: HeapReading;
  readonly objects: HeapReading;
  readonly matcher: HeapReading;
}

const gc = globalThis.gc;
if (!gc) throw new Error('memory-child.ts needs node --expose-gc');
const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count <= 0)
  throw new Error(`memory-child.ts takes a partner count, not ${JSON.stringify(process.argv[2])}`);

/** The median of a few readings, each after a full collection. */
function reading(): HeapReading {
  const heap: number[] = [];
  const buffers: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc!();
    const usage = process.memoryUsage();
    heap.push(usage.heapUsed);
    buffers.push(usage.arrayBuffers);
  }
  return { heapUsed: median(heap), arrayBuffers: median(buffers) };
}

const { createMatcher } = await importMatcher(process.cwd());
const seats = await loadSeats();
// A small matcher first, so that what is allocated once per process (compiled schemas, code)
// is on the heap before the first reading rather than counted against the partners.
createMatcher(generatePartners(200, seats)).recommend({ id: 'K-warm', needs: [{ service: 'legal-aid' }] });

const empty = reading();
let partners: Partner[] | undefined = generatePartners(count, seats);
const objects = reading();
const matcher = createMatcher(partners);
partners = undefined; // the matcher keeps the partner objects themselves, and its index
const withMatcher = reading();

if (matcher.partners.length !== count) throw new Error(`the matcher holds ${matcher.partners.length} partners, not ${count}`);
const result: MemoryChildResult = { partners: count, empty, objects, matcher: withMatcher };
process.stdout.write(`${JSON.stringify(result)}\n`);
