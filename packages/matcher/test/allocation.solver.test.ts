import { describe, expect, it } from 'vitest';
import { certify } from '../src/allocation/certify';
import { networkSimplex } from '../src/allocation/network-simplex';
import { UNLIMITED, type TransportationProblem } from '../src/allocation/problem';
import { solveProven, type Solver } from '../src/allocation/solve';
import { MatcherError } from '../src/index';
import { createRandom } from '../src/random';
import { problemLp } from '../src/test-support';
import { highsObjective } from './highs';

// The solver on its own, on problems harder for it than real cohorts: values from a handful of
// integers (so ties and degenerate pivots abound), zero values, full and unlimited partners.

function randomProblem(seed: number, maxItems: number, maxPartners: number, maxValue: number): TransportationProblem {
  const { next: random } = createRandom(seed);
  const below = (n: number) => Math.floor(random() * n);
  const items = below(maxItems + 1);
  const partners = 1 + below(maxPartners);
  const capacity = Int32Array.from({ length: partners }, () => (random() < 0.15 ? UNLIMITED : below(4)));
  const arcStart = [0];
  const arcPartner: number[] = [];
  const arcValue: number[] = [];
  for (let i = 0; i < items; i++) {
    for (let p = 0; p < partners; p++) {
      if (random() < 0.4 && capacity[p] !== 0) {
        arcPartner.push(p);
        arcValue.push(below(maxValue + 1));
      }
    }
    arcStart.push(arcPartner.length);
  }
  return {
    items,
    capacity,
    arcStart: Int32Array.from(arcStart),
    arcPartner: Int32Array.from(arcPartner),
    arcValue: Float64Array.from(arcValue),
  };
}

const cases = [
  ...Array.from({ length: 40 }, (_, index) => ({ seed: index, items: 12, partners: 4, values: 3 })),
  ...Array.from({ length: 20 }, (_, index) => ({ seed: 100 + index, items: 60, partners: 10, values: 5 })),
  ...Array.from({ length: 5 }, (_, index) => ({ seed: 200 + index, items: 400, partners: 30, values: 1_000_000 })),
];

describe('the network simplex', () => {
  it.each(cases)(
    'proves its optimum, and HiGHS agrees (seed $seed, up to $items items, values 0 to $values)',
    async ({ seed, items, partners, values }) => {
      const problem = randomProblem(seed, items, partners, values);
      const solution = networkSimplex(problem);
      const certificate = certify(problem, solution.arcOf, solution.partnerPrice);
      expect(certificate.feasible).toBe(true);
      expect(certificate.optimal).toBe(true);
      expect(certificate.primal).toBe(await highsObjective(problemLp(problem, true)));
    },
  );

  it('leaves every item unplaced when there are no arcs, and reports no work', () => {
    const problem = randomProblem(1, 5, 3, 0);
    const empty = { ...problem, arcStart: new Int32Array(problem.items + 1), arcPartner: new Int32Array(0), arcValue: new Float64Array(0) };
    const solution = networkSimplex(empty);
    expect([...solution.arcOf]).toEqual(new Array(problem.items).fill(-1));
    expect(solution.iterations).toBe(0);
  });
});

describe('the certificate', () => {
  const problem: TransportationProblem = {
    items: 2,
    capacity: Int32Array.from([1]),
    arcStart: Int32Array.from([0, 1, 2]),
    arcPartner: Int32Array.from([0, 0]),
    arcValue: Float64Array.from([5, 3]),
  };

  it('proves the better item in the one place optimal, with the place priced between the two values', () => {
    expect(certify(problem, Int32Array.from([0, -1]), Float64Array.from([3]))).toEqual({
      feasible: true,
      primal: 5,
      dual: 5,
      optimal: true,
    });
  });

  it('does not prove the worse item in the one place optimal, whatever the price', () => {
    for (const price of [0, 3, 5]) expect(certify(problem, Int32Array.from([-1, 1]), Float64Array.from([price])).optimal).toBe(false);
  });

  it('rejects two items in one place, and an item on an arc that is not its own', () => {
    expect(certify(problem, Int32Array.from([0, 1]), Float64Array.from([0])).feasible).toBe(false);
    expect(certify(problem, Int32Array.from([1, -1]), Float64Array.from([0])).feasible).toBe(false);
  });
});

describe('the proof around the solver', () => {
  // Two items, one place worth 5 to the first and 3 to the second; the second item also has a
  // partner without a limit, worth 0 to it.
  const problem: TransportationProblem = {
    items: 2,
    capacity: Int32Array.from([1, UNLIMITED]),
    arcStart: Int32Array.from([0, 1, 3]),
    arcPartner: Int32Array.from([0, 0, 1]),
    arcValue: Float64Array.from([5, 3, 0]),
  };
  const answering =
    (arcOf: number[], prices: number[]): Solver =>
    () => ({ arcOf: Int32Array.from(arcOf), partnerPrice: Float64Array.from(prices), iterations: 7 });
  const failure = (solver: Solver): MatcherError => {
    try {
      solveProven(problem, solver);
    } catch (error) {
      if (error instanceof MatcherError) return error;
      throw error;
    }
    throw new Error('expected a MatcherError');
  };

  it("returns the network simplex's answer with the free place filled, proven optimal", () => {
    const { arcOf, certificate } = solveProven(problem);
    expect([...arcOf]).toEqual([0, 2]);
    expect(certificate).toMatchObject({ feasible: true, optimal: true, primal: 5, dual: 5 });
  });

  it("keeps the solver's pivot count and leaves its answer as it was", () => {
    const solution = { arcOf: Int32Array.from([0, -1]), partnerPrice: Float64Array.from([3, 0]), iterations: 7 };
    const proven = solveProven(problem, () => solution);
    expect(proven.iterations).toBe(7);
    expect([...proven.arcOf]).toEqual([0, 2]);
    expect([...solution.arcOf]).toEqual([0, -1]);
  });

  it('throws ALLOCATION_UNPROVEN for a worse answer, whatever prices come with it', () => {
    for (const price of [0, 3, 5]) {
      const error = failure(answering([-1, 1], [price, 0]));
      expect(error.code).toBe('ALLOCATION_UNPROVEN');
      expect(error.issues).toEqual([{ path: [], code: 'certificate', message: expect.stringContaining('below the dual bound') }]);
    }
  });

  it('throws ALLOCATION_UNPROVEN for the best answer with prices that do not prove it', () => {
    // The value is optimal (5), but priced at 0 the place leaves the second item a dual of 3.
    expect(failure(answering([0, -1], [0, 0])).message).toContain('its value 5 is below the dual bound 8');
  });

  it('throws ALLOCATION_UNPROVEN, saying so, for an infeasible answer: two items in the one place', () => {
    const error = failure(answering([0, 1], [3, 0]));
    expect(error.message).toMatch(/^ALLOCATION_UNPROVEN: the solver's allocation failed its optimality certificate: it is not feasible/);
  });

  it('throws ALLOCATION_UNPROVEN when the answer has no arc for some item', () => {
    expect(failure(answering([0], [3, 0])).code).toBe('ALLOCATION_UNPROVEN');
  });
});
