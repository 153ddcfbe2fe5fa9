import { describe, expect, it, vi } from 'vitest';
import { allocate, createMatcher, MATCHER_ERROR_CODES } from '../src/index';
import { catchMatcherError, client, partner } from './fixtures';

// The solver replaced, for this file only, by a broken one that hands back its starting tree:
// every need unplaced, every place priced 0. The certificate cannot prove that optimal when a
// pair is worth something, so allocate must refuse to answer rather than answer unproven.
vi.mock('../src/allocation/network-simplex', () => ({
  networkSimplex: (problem: { items: number; capacity: Int32Array }) => ({
    arcOf: new Int32Array(problem.items).fill(-1),
    partnerPrice: new Float64Array(problem.capacity.length),
    iterations: 0,
  }),
}));

describe('an allocation whose optimality certificate fails', () => {
  const cohort = [client({ id: 'K-1' }), client({ id: 'K-2' })];
  const partners = [partner('LBH', { capacity: { total: 1, used: 0 } })];

  it('is a MatcherError ALLOCATION_UNPROVEN naming the certificate, from allocate and from a matcher alike', () => {
    for (const run of [() => allocate(cohort, partners), () => createMatcher(partners).allocate(cohort)]) {
      const error = catchMatcherError(run);
      expect(error.code).toBe('ALLOCATION_UNPROVEN');
      expect(error.message).toMatch(/optimality certificate/);
      expect(error.issues).toEqual([{ path: [], code: 'certificate', message: expect.stringMatching(/^the solver's allocation/) }]);
    }
  });

  it('names no client: the message carries only counts and integer totals', () => {
    const error = catchMatcherError(() => allocate(cohort, partners));
    for (const id of ['K-1', 'K-2', 'LBH']) expect(error.message).not.toContain(id);
  });

  it('is one of the codes the library declares', () => {
    expect(MATCHER_ERROR_CODES).toContain('ALLOCATION_UNPROVEN');
  });

  it('is not raised when the answer is provably optimal: nothing placeable, or nothing to place', () => {
    const juvenile = client({ id: 'K-ANAK', ageGroup: 'juvenile' });
    expect(allocate([juvenile], partners)).toMatchObject({
      assignments: [],
      unassigned: [{ clientId: 'K-ANAK', service: 'legal-aid', reason: 'no-eligible-partner' }],
      optimal: true,
    });
    expect(allocate([], partners)).toMatchObject({ assignments: [], optimal: true });
  });
});
