// vitest bench --run --project matcher
// The solver alone and allocate() end to end at both sizes, beside HiGHS at the smaller one
// (HiGHS takes 10 to 55 s per solve at 10,000 x 1,000 here; bench/allocation-vs-highs.ts
// times it at both sizes in one run and checks that the objectives agree).
import highsLoader from 'highs';
import { bench, describe } from 'vitest';
import { networkSimplex } from '../src/allocation/network-simplex';
import { allocate } from '../src/index';
import { problemLp } from '../test/allocation-oracle';
import { benchInstance } from './allocation-instances';

const highs = await highsLoader();

describe('allocation, 1,000 clients x 200 partners', () => {
  const { clients, partners, problem } = benchInstance(1_000, 200);
  const lp = problemLp(problem);
  bench('network simplex (solver alone)', () => {
    networkSimplex(problem);
  });
  bench('allocate() end to end', () => {
    allocate(clients, partners);
  });
  bench(
    'HiGHS LP on the same pairs',
    () => {
      highs.solve(lp, { output_flag: false });
    },
    { iterations: 3, time: 0 },
  );
});

describe('allocation, 10,000 clients x 1,000 partners', () => {
  const { clients, partners, problem } = benchInstance(10_000, 1_000);
  bench(
    'network simplex (solver alone)',
    () => {
      networkSimplex(problem);
    },
    { iterations: 3, time: 0 },
  );
  bench(
    'allocate() end to end',
    () => {
      allocate(clients, partners);
    },
    { iterations: 2, time: 0 },
  );
});
