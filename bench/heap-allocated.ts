// Bytes a function allocates per call. Node 20's V8 has no allocation counter
// (`v8.getHeapStatistics()` has no `total_allocated_bytes` before Node 24), and the heap's size
// alone is noisy because collections free memory while the function runs. So: collect fully,
// read the heap (JS heap plus array buffers' backing stores, which typed arrays allocate outside
// it), call the function many times while no collection runs, read the heap again, and divide.
// The process runs with a young generation large enough for every call of a sample
// (`--min-semi-space-size` = `--max-semi-space-size`) and `--expose-gc`; a sample during which
// a collection ran (seen by a `gc` PerformanceObserver) is refused, not averaged in. It also
// runs with `--no-concurrent-recompilation`: optimising compiler jobs finished on another thread
// allocate into the same heap at moments of their own, which moved samples by 15% either way;
// on the main thread they agree within 1%. The code measured is the same optimised code.
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { median } from './stats';

/** MB per semi-space of a process that measures allocations: 64 MB holds, say, 300 calls of 200 KB. */
export const SEMI_SPACE_MB = 64;

/** Node's flags for a process that measures allocations: a young generation of `mb` MB per semi-space. */
export const allocationFlags = (mb: number): string[] => [
  '--expose-gc',
  `--min-semi-space-size=${mb}`,
  `--max-semi-space-size=${mb}`,
  '--no-concurrent-recompilation',
];

export interface AllocationPlan {
  /** Calls before any sample, so the code measured is compiled as it runs in steady state. */
  readonly warmup: number;
  /** Calls per sample: their allocations together must fit in the young generation. */
  readonly calls: number;
  /** Samples kept, after a few dropped (see `DISCARDED_SAMPLES`). */
  readonly samples: number;
}

export interface AllocationReading {
  /** The median over the samples of the bytes allocated per call. */
  readonly bytesPerCall: number;
  readonly samples: readonly number[];
  readonly calls: number;
}

/**
 * Samples taken and dropped before those kept: over its first few collections V8 still tracks
 * where objects are allocated (to decide which to allocate old), which costs bytes of its own;
 * `new Array(1000)` measured 250 bytes more a call in the first three samples than after.
 */
const DISCARDED_SAMPLES = 3;

const collections: number[] = [];
let observer: PerformanceObserver | undefined;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
const heapBytes = () => {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};
// Where each call's result goes, so that no allocation is dead code the compiler may drop.
let sink: unknown;

/**
 * Collects until the heap stops shrinking. One collection is not enough: the backing stores of
 * dead array buffers are freed by a sweeper that runs after it, and would be freed during the
 * window measured, counting less than was allocated.
 */
function settle(gc: () => void): void {
  let last = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 10; round++) {
    gc();
    const now = heapBytes();
    if (round >= 2 && now >= last) return;
    last = now;
  }
}

/** Measures `run`'s allocations per call; throws when the process cannot measure them exactly. */
export async function bytesAllocated(run: () => unknown, plan: AllocationPlan): Promise<AllocationReading> {
  const gc = globalThis.gc;
  if (!gc) throw new Error('measuring allocations needs node --expose-gc');
  observer ??= new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < plan.warmup; i++) sink = run();
  const samples: number[] = [];
  for (let sample = -DISCARDED_SAMPLES; sample < plan.samples; sample++) {
    settle(gc);
    await nextTick(); // the forced collections' entries arrive before the window opens
    const start = performance.now();
    const before = heapBytes();
    for (let i = 0; i < plan.calls; i++) sink = run();
    const after = heapBytes();
    const end = performance.now();
    await nextTick(); // and any collection of the window is reported by now
    await nextTick();
    const during = collections.filter((at) => at >= start && at <= end).length;
    if (during > 0) {
      throw new Error(
        `a collection ran while measuring ${plan.calls} calls (${Math.round((after - before) / 1024)} KiB): ` +
          'give the process a larger young generation or measure fewer calls',
      );
    }
    if (sample >= 0) samples.push((after - before) / plan.calls);
  }
  if (sink === Symbol.for('never')) throw new Error('unreachable'); // reads the sink, so its stores stay
  return { bytesPerCall: median(samples), samples, calls: plan.calls };
}

/** What the method measures for allocations of a known size, checked before it measures anything else. */
export interface Calibration {
  /** Bytes per call of a function that allocates nothing: the method's own noise. */
  readonly nothing: number;
  /** Bytes per array slot: (`new Array(200)` - `new Array(10)`) / 190; 8 on 64-bit V8 (4 with pointer compression). */
  readonly bytesPerSlot: number;
  readonly expectedBytesPerSlot: number;
  /** Bytes per element of a typed array's backing store, allocated outside the JS heap: (`new Float64Array(2000)` - `new Float64Array(1000)`) / 1000; 8. */
  readonly bytesPerFloat: number;
}

/**
 * Measures allocations whose size is known: nothing; JS arrays of 10 and 200 holes, 190 slots
 * apart; typed arrays of 1,000 and 2,000 doubles, 8,000 bytes of backing store apart. Throws
 * unless the method finds each slot's and each double's size within 1%, and nothing within 16
 * bytes a call: then it can be trusted with the allocations of a call. The arrays are small, as
 * most of a call's objects are: the heap counts the unused end of each young-generation page as
 * used, which for objects of kilobytes is a share of their size (arrays of 1,000 slots counted
 * 0.1% more on Node 20 and 1.8% more on Node 24), and for objects of a few hundred bytes is
 * negligible.
 */
export async function calibrate(plan: AllocationPlan): Promise<Calibration> {
  const pointerCompression = (process.config.variables as Record<string, unknown>).v8_enable_pointer_compression;
  const expectedBytesPerSlot = pointerCompression === 1 || pointerCompression === true ? 4 : 8;
  const perCall = async (run: () => unknown) => (await bytesAllocated(run, plan)).bytesPerCall;
  const nothing = await perCall(() => undefined);
  const bytesPerSlot = ((await perCall(() => new Array(200))) - (await perCall(() => new Array(10)))) / 190;
  const bytesPerFloat = ((await perCall(() => new Float64Array(2_000))) - (await perCall(() => new Float64Array(1_000)))) / 1_000;
  const off = (found: number, expected: number) => Math.abs(found - expected) > expected * 0.01;
  if (off(bytesPerSlot, expectedBytesPerSlot) || off(bytesPerFloat, 8) || Math.abs(nothing) > 16) {
    throw new Error(
      `the allocation measure is off: ${bytesPerSlot.toFixed(3)} bytes per array slot (expected ${expectedBytesPerSlot}), ` +
        `${bytesPerFloat.toFixed(3)} per double of a typed array (expected 8), ${nothing.toFixed(1)} per call of a function that allocates nothing`,
    );
  }
  return { nothing, bytesPerSlot, expectedBytesPerSlot, bytesPerFloat };
}
