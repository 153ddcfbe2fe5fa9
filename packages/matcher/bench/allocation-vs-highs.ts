// Our solver against HiGHS on the same instances, in the same run:
//   npx tsx --conditions=@pokmas/source packages/matcher/bench/allocation-vs-highs.ts [--quick]
// For each size it builds a seeded cohort and registry, the eligible pairs (as allocate does)
// and the same problem as an LP for HiGHS. It times the solver alone and allocate() end to end
// (validation, rules and scoring included) against HiGHS's solve (its LP text parsing included:
// that is HiGHS's input), checks that the objectives are equal to the unit, and prints medians.
import highsLoader from 'highs';
import { certify } from '../src/allocation/certify';
import { networkSimplex } from '../src/allocation/network-simplex';
import { allocate } from '../src/index';
import { problemLp } from '../test/allocation-oracle';
import { benchInstance } from './allocation-instances';

const quick = process.argv.includes('--quick');
const SIZES = [
  { clients: 1_000, partners: 200, runs: quick ? 3 : 9, highsRuns: quick ? 1 : 5 },
  { clients: 10_000, partners: 1_000, runs: quick ? 1 : 5, highsRuns: quick ? 1 : 3 },
];

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
};

const highs = await highsLoader();
// Both sides get a warm-up on a small instance first, so that neither pays for JIT compilation.
{
  const warm = benchInstance(300, 60, 7);
  networkSimplex(warm.problem);
  allocate(warm.clients, warm.partners);
  highs.solve(problemLp(warm.problem), { output_flag: false });
}

const rows: string[][] = [];
for (const size of SIZES) {
  console.error(`${size.clients} x ${size.partners}: solving`);
  const { clients, partners, problem } = benchInstance(size.clients, size.partners);
  const lp = problemLp(problem);

  const solverTimes: number[] = [];
  let units = 0;
  let iterations = 0;
  for (let run = 0; run < size.runs; run++) {
    const [solution, ms] = time(() => networkSimplex(problem));
    const certificate = certify(problem, solution.arcOf, solution.partnerPrice);
    if (!certificate.optimal) throw new Error('certificate failed');
    units = certificate.primal;
    iterations = solution.iterations;
    solverTimes.push(ms);
  }
  const endToEnd: number[] = [];
  for (let run = 0; run < size.runs; run++) {
    const [allocation, ms] = time(() => allocate(clients, partners));
    if (allocation.stats.objectiveUnits !== units || !allocation.optimal) throw new Error('allocate disagrees with the solver');
    endToEnd.push(ms);
  }
  const highsTimes: number[] = [];
  let highsUnits = 0;
  for (let run = 0; run < size.highsRuns; run++) {
    const [result, ms] = time(() => highs.solve(lp, { output_flag: false }));
    if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
    highsUnits = Math.round(result.ObjectiveValue);
    highsTimes.push(ms);
  }
  const ours = median(solverTimes);
  const theirs = median(highsTimes);
  rows.push([
    `${size.clients} x ${size.partners}`,
    `${problem.items} / ${problem.arcPartner.length}`,
    `${ours.toFixed(0)} ms`,
    `${median(endToEnd).toFixed(0)} ms`,
    `${theirs.toFixed(0)} ms`,
    (ours / theirs).toFixed(3),
    (median(endToEnd) / theirs).toFixed(3),
    `${units}`,
    `${highsUnits}`,
    units === highsUnits ? 'yes' : 'NO',
    `${iterations}`,
  ]);
  if (units !== highsUnits) process.exitCode = 1;
}

const header = [
  'size',
  'needs / pairs',
  'ours: solver',
  'ours: allocate()',
  'HiGHS (LP)',
  'solver / HiGHS',
  'allocate / HiGHS',
  'objective (ours)',
  'objective (HiGHS)',
  'equal',
  'pivots',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
