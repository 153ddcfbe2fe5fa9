// Cohort allocation beside HiGHS (the LP solver, in WebAssembly) on the same seeded instances,
// in the same run. Times our network simplex alone, allocate() end to end (validation, rules and
// scoring included) and HiGHS's solve (its LP text parsing included: that is its input), and
// checks that the three objectives are equal to the unit.
import highsLoader from 'highs';
import { allocate } from '@pokmas/matcher';
import { certify, networkSimplex } from '@pokmas/matcher/internal';
import { problemLp } from '@pokmas/matcher/test-support';
import { benchInstance } from './allocation-instances';
import { formatNumber } from './report';
import type { Section, SectionOptions } from './section';
import { median, time } from './stats';

export interface AllocationSize {
  readonly clients: number;
  readonly partners: number;
  /** Timed runs of our solver and of allocate(), each. */
  readonly runs: number;
  readonly highsRuns: number;
}

export const ALLOCATION_SIZES: readonly AllocationSize[] = [
  { clients: 1_000, partners: 200, runs: 9, highsRuns: 5 },
  { clients: 10_000, partners: 1_000, runs: 5, highsRuns: 3 },
];
export const QUICK_ALLOCATION_SIZES: readonly AllocationSize[] = [{ clients: 1_000, partners: 200, runs: 3, highsRuns: 1 }];

export interface AllocationFigures extends AllocationSize {
  /** (client, need) items to place, and the eligible (item, partner) pairs. */
  readonly needs: number;
  readonly pairs: number;
  readonly solverMs: number;
  readonly allocateMs: number;
  readonly highsMs: number;
  readonly solverOverHighs: number;
  readonly allocateOverHighs: number;
  /** The optimum in score units (millionths), the same from all three. */
  readonly objectiveUnits: number;
  readonly pivots: number;
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;

function measureSize(size: AllocationSize, highs: Highs, options: SectionOptions): AllocationFigures {
  const label = `${size.clients} x ${size.partners}`;
  options.log(`allocation: ${label}: building the instance`);
  const { clients, partners, problem } = benchInstance(size.clients, size.partners);
  const lp = problemLp(problem);

  options.log(`allocation: ${label}: our solver and allocate(), ${size.runs} runs each`);
  const solverTimes: number[] = [];
  let units = 0;
  let pivots = 0;
  for (let run = 0; run < size.runs; run++) {
    const [solution, ms] = time(() => networkSimplex(problem));
    const certificate = certify(problem, solution.arcOf, solution.partnerPrice);
    if (!certificate.optimal) throw new Error(`allocation ${label}: the solver's answer failed its optimality certificate`);
    units = certificate.primal;
    pivots = solution.iterations;
    solverTimes.push(ms);
  }
  const allocateTimes: number[] = [];
  for (let run = 0; run < size.runs; run++) {
    const [allocation, ms] = time(() => allocate(clients, partners));
    if (!allocation.optimal || allocation.stats.objectiveUnits !== units) {
      throw new Error(`allocation ${label}: allocate() found ${allocation.stats.objectiveUnits} units, the solver alone ${units}`);
    }
    allocateTimes.push(ms);
  }

  options.log(`allocation: ${label}: HiGHS, ${size.highsRuns} runs`);
  const highsTimes: number[] = [];
  for (let run = 0; run < size.highsRuns; run++) {
    const [result, ms] = time(() => highs.solve(lp, { output_flag: false }));
    if (result.Status !== 'Optimal') throw new Error(`allocation ${label}: HiGHS ended ${result.Status}`);
    const highsUnits = Math.round(result.ObjectiveValue);
    if (highsUnits !== units) throw new Error(`allocation ${label}: HiGHS found ${highsUnits} units, our solver ${units}`);
    highsTimes.push(ms);
  }

  const highsMs = median(highsTimes);
  return {
    ...size,
    needs: problem.items,
    pairs: problem.arcPartner.length,
    solverMs: median(solverTimes),
    allocateMs: median(allocateTimes),
    highsMs,
    solverOverHighs: median(solverTimes) / highsMs,
    allocateOverHighs: median(allocateTimes) / highsMs,
    objectiveUnits: units,
    pivots,
  };
}

export async function allocationSection(options: SectionOptions): Promise<Section> {
  const highs = await highsLoader();
  // A warm-up on a small instance first, so that neither side pays for JIT compilation.
  {
    const warm = benchInstance(300, 60, 7);
    networkSimplex(warm.problem);
    allocate(warm.clients, warm.partners);
    highs.solve(problemLp(warm.problem), { output_flag: false });
  }
  const sizes = (options.quick ? QUICK_ALLOCATION_SIZES : ALLOCATION_SIZES).map((size) => measureSize(size, highs, options));
  const ms = (value: number) => `${formatNumber(value)} ms`;
  return {
    id: 'allocation',
    title: 'Allocation: network simplex and allocate() beside HiGHS on the same pairs (medians; objectives checked equal to the unit)',
    headers: [
      'clients x partners',
      'needs / pairs',
      'runs (ours / HiGHS)',
      'ours: solver',
      'ours: allocate()',
      'HiGHS (LP)',
      'solver / HiGHS',
      'allocate / HiGHS',
      'objective (units)',
      'pivots',
    ],
    rows: sizes.map((size) => [
      `${formatNumber(size.clients)} x ${formatNumber(size.partners)}`,
      `${formatNumber(size.needs)} / ${formatNumber(size.pairs)}`,
      `${size.runs} / ${size.highsRuns}`,
      ms(size.solverMs),
      ms(size.allocateMs),
      ms(size.highsMs),
      formatNumber(size.solverOverHighs, 3),
      formatNumber(size.allocateOverHighs, 3),
      formatNumber(size.objectiveUnits),
      formatNumber(size.pivots),
    ]),
    figures: { sizes },
    goals: [],
  };
}
