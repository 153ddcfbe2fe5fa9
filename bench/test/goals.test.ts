import { describe, expect, it } from 'vitest';
import { allocatingGoals, httpGoals, storeGoal, type Medians } from '../http';
import { AllocationRequestSchema } from '../../apps/api/src/routes/allocations/allocations.routes';
import { maximalAllocationBody } from '../http/allocating';
import { baselineGoals, baselineTable, type BaselineComparison, type BaselineSide } from '../kernel-baseline';
import { MEMORY_PARTNERS, memoryGoals, type MemoryFigures } from '../memory';
import type { RecommendAllocatedResult } from '../recommend-allocated-child';
import type { Baseline, Goal } from '../section';

const baseline: Baseline = { root: '/work/wt/base', commit: 'e2297d7'.padEnd(40, '0'), dirty: false, label: 'e2297d7' };
const byId = (goals: readonly Goal[]) => Object.fromEntries(goals.map((entry) => [entry.id, entry]));

const side = (medianUs: number, p90Us: number, partners = 100_000): BaselineSide => ({
  medianUs,
  p90Us,
  nsPerPartner: (medianUs * 1_000) / partners,
  buildMs: 900,
});

function comparison(here: BaselineSide, base: BaselineSide, partners = 100_000): BaselineComparison {
  return {
    baseline,
    partners,
    queries: 200,
    rounds: 10,
    here,
    base,
    medianRatio: here.medianUs / base.medianUs,
    p90Ratio: here.p90Us / base.p90Us,
    roundRatios: [0.98, 1.02],
    sameTop: 187,
  };
}

describe('the kernel beside a baseline', () => {
  it('is met at the median and at p90 within 5% of the baseline, at the goal size', () => {
    const goals = byId(baselineGoals(comparison(side(735, 1_300), side(710, 1_250)), 100_000));
    expect(goals['kernel-baseline-median']).toMatchObject({ verdict: 'met', limit: 1.05 });
    expect(goals['kernel-baseline-median']!.measured).toBeCloseTo(735 / 710, 10);
    expect(goals['kernel-baseline-median']!.beside).toBe('e2297d7: 710.0 us, this tree: 735.0 us');
    expect(goals['kernel-baseline-p90']).toMatchObject({ verdict: 'met' });
    expect(goals['kernel-baseline-p90']!.text).not.toMatch(/short run/);
  });

  it('is not met when either the median or p90 is more than 5% slower', () => {
    const slowTail = byId(baselineGoals(comparison(side(700, 1_400), side(700, 1_300)), 100_000));
    expect(slowTail['kernel-baseline-median']!.verdict).toBe('met');
    expect(slowTail['kernel-baseline-p90']!.verdict).toBe('not-met');
    const slow = byId(baselineGoals(comparison(side(760, 1_300), side(720, 1_300)), 100_000));
    expect(slow['kernel-baseline-median']).toMatchObject({ verdict: 'not-met', met: false });
  });

  it('is not asked without a baseline', () => {
    const goals = baselineGoals(undefined, 100_000);
    expect(goals.map((entry) => [entry.id, entry.verdict, entry.measured])).toEqual([
      ['kernel-baseline-median', 'not-asked', null],
      ['kernel-baseline-p90', 'not-asked', null],
    ]);
    for (const entry of goals) expect(entry.beside).toMatch(/BENCH_BASELINE/);
  });

  it('gives no verdict when measured short of the goal size, however it did', () => {
    const goals = baselineGoals(comparison(side(200, 300, 10_000), side(100, 300, 10_000), 10_000), 100_000);
    for (const entry of goals) {
      expect(entry.verdict).toBe('short-run');
      expect(entry.text).toMatch(/measured at 10,000: a short run/);
    }
    expect(goals[0]!.met).toBe(false);
  });

  it('prints both sides and the ratios in a table of its own', () => {
    const table = baselineTable(comparison(side(735, 1_300), side(700, 1_300)));
    expect(table.title).toMatch(/e2297d7 .*same top ids in 187 of 200 queries/);
    expect(table.rows).toEqual([
      ['baseline e2297d7', '200 x 10', '900 ms', '700.0 us', '1,300.0 us', '7.0', '1, 1'],
      ['this tree', '200 x 10', '900 ms', '735.0 us', '1,300.0 us', '7.4', '1.050, 1.000'],
    ]);
  });
});

const memory = (indexBytesPerPartner: number, partners = MEMORY_PARTNERS): MemoryFigures => ({
  partners,
  objectsBytesPerPartner: 600,
  matcherBytesPerPartner: 600 + indexBytesPerPartner,
  indexBytesPerPartner,
  readings: {
    partners,
    empty: { heapUsed: 0, arrayBuffers: 0 },
    objects: { heapUsed: 0, arrayBuffers: 0 },
    matcher: { heapUsed: 0, arrayBuffers: 0 },
  },
});

const allocated = (bytesPerCall: number): RecommendAllocatedResult => ({
  partners: 851,
  matches: [4, 10, 10],
  calibration: { nothing: 0.3, bytesPerSlot: 8, expectedBytesPerSlot: 8, bytesPerFloat: 8 },
  recommend: { bytesPerCall, samples: [bytesPerCall], calls: 300 },
});

describe('the memory goals', () => {
  it('meet the index beside the baseline when it is no larger, to half a byte a partner', () => {
    const goals = byId(
      memoryGoals({ here: memory(79.3), base: memory(79), baseline, allocated: allocated(18_000), baseAllocated: undefined }),
    );
    expect(goals['memory-index-baseline']).toMatchObject({ verdict: 'met', limit: 0.5 });
    expect(goals['memory-index-baseline']!.measured).toBeCloseTo(0.3, 10);
    expect(goals['memory-index-baseline']!.beside).toBe('e2297d7: 79.0 B, this tree: 79.3 B');
    expect(goals['memory-index']).toMatchObject({ verdict: 'met', beside: 'e2297d7: 79.0 B' });
  });

  it('miss the index beside the baseline when it grew by a byte a partner or more', () => {
    const goals = byId(
      memoryGoals({ here: memory(80), base: memory(79), baseline, allocated: allocated(18_000), baseAllocated: undefined }),
    );
    expect(goals['memory-index-baseline']).toMatchObject({ verdict: 'not-met', measured: 1 });
    expect(goals['memory-index']!.verdict).toBe('met');
  });

  it('do not ask for the index beside a baseline without one, and still measure the rest', () => {
    const goals = byId(
      memoryGoals({ here: memory(120), base: undefined, baseline: undefined, allocated: allocated(18_000), baseAllocated: undefined }),
    );
    expect(goals['memory-index-baseline']).toMatchObject({ verdict: 'not-asked', measured: null });
    expect(goals['memory-index']).toMatchObject({ verdict: 'not-met', beside: '' });
    expect(goals['recommend-allocated']).toMatchObject({ verdict: 'met', beside: '' });
  });

  it('meet the allocations of one recommend at 20 KB or less, beside the baseline when there is one', () => {
    const goal = (bytes: number) =>
      byId(memoryGoals({ here: memory(79), base: memory(79), baseline, allocated: allocated(bytes), baseAllocated: allocated(71_800) }))[
        'recommend-allocated'
      ]!;
    expect(goal(20_000)).toMatchObject({ verdict: 'met', measured: 20, unit: 'KB', beside: 'e2297d7: 71.8 KB' });
    expect(goal(20_001).verdict).toBe('not-met');
    expect(goal(95_800)).toMatchObject({ verdict: 'not-met', measured: 95.8 });
  });

  it('give the index goals no verdict short of 100,000 partners, but the allocations one a verdict', () => {
    const goals = byId(
      memoryGoals({ here: memory(79, 20_000), base: memory(79, 20_000), baseline, allocated: allocated(95_800), baseAllocated: undefined }),
    );
    expect(goals['memory-index']!.verdict).toBe('short-run');
    expect(goals['memory-index-baseline']!.verdict).toBe('short-run');
    expect(goals['recommend-allocated']!.verdict).toBe('not-met');
  });
});

describe('the HTTP goals', () => {
  const bare: Medians = { rps: 28_000, p99Ms: 0.9, cpuUsPerRequest: 35 };
  const reference: Medians = { rps: 9_000, p99Ms: 2.8, cpuUsPerRequest: 108 };

  it("meet the issue's goals when the API costs at most 1.25x the reference's CPU, with 0.8x its req/s and 2x its p99", () => {
    const goals = byId(httpGoals({ rps: 7_500, p99Ms: 5, cpuUsPerRequest: 130 }, bare, reference));
    expect(goals['http-cpu-reference']).toMatchObject({ verdict: 'met', limit: 1.25 });
    expect(goals['http-cpu-reference']!.measured).toBeCloseTo(130 / 108, 10);
    expect(goals['http-cpu-reference']!.beside).toBe('reference: 108 µs, API: 130 µs');
    expect(goals['http-rps-reference']!.verdict).toBe('met');
    expect(goals['http-p99-reference']!.verdict).toBe('met');
    // The README's goals stay against the plain bare server, which sends far smaller answers.
    expect(goals['http-rps']).toMatchObject({ verdict: 'not-met', beside: 'bare: 28000 req/s, API: 7500 req/s' });
    expect(goals['http-p99']!.verdict).toBe('not-met');
  });

  it('miss each goal on its own figure', () => {
    const goals = byId(httpGoals({ rps: 2_600, p99Ms: 8.2, cpuUsPerRequest: 393 }, bare, reference));
    expect(goals['http-cpu-reference']!.measured).toBeCloseTo(393 / 108, 10);
    for (const id of ['http-cpu-reference', 'http-rps-reference', 'http-p99-reference', 'http-rps', 'http-p99']) {
      expect(goals[id]!.verdict, id).toBe('not-met');
    }
    const cpuOnly = byId(httpGoals({ rps: 9_000, p99Ms: 2.8, cpuUsPerRequest: 136 }, bare, reference));
    expect(cpuOnly['http-cpu-reference']!.verdict).toBe('not-met');
    expect(cpuOnly['http-rps-reference']!.verdict).toBe('met');
  });
});

describe('nothing blocks, and the store costs no throughput', () => {
  it('holds /healthz and a recommendation to a p99 under 100 ms while allocations run, each on its own', () => {
    const goals = byId(allocatingGoals(34.8, 100.5));
    expect(goals['http-healthz-p99-allocating']).toMatchObject({ verdict: 'met', limit: 100, unit: 'ms', measured: 34.8 });
    expect(goals['http-recommend-p99-allocating']).toMatchObject({ verdict: 'not-met', measured: 100.5 });
  });

  it('asks the store for at least 0.95x the file-held requests per second, naming what the file side was', () => {
    expect(storeGoal(950, 1000, 'e2297d7')).toMatchObject({
      verdict: 'met',
      measured: 0.95,
      beside: 'file (e2297d7): 1000 req/s, store: 950 req/s',
    });
    expect(storeGoal(940, 1000, 'e2297d7').verdict).toBe('not-met');
  });

  it('sends the largest allocation a request may ask: 1,000 clients with 16 needs each, every id distinct', () => {
    const body: unknown = JSON.parse(maximalAllocationBody());
    expect(AllocationRequestSchema.safeParse(body).success).toBe(true);
    const { clients } = body as { clients: { id: string; needs: unknown[] }[] };
    expect(clients).toHaveLength(1000);
    expect(new Set(clients.map((client) => client.id)).size).toBe(1000);
    expect(clients.every((client) => client.needs.length === 16)).toBe(true);
  });
});
