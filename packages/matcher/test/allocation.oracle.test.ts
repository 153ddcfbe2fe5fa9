import { describe, expect, it } from 'vitest';
import { allocate, type AllocateOptions } from '../src/index';
import { eligiblePairs, lpText, seededInstance, violations } from '../src/test-support';
import { highsObjective } from './highs';

// Seeded instances from 5 to 200 clients; the variety (inactive, juvenile-only, one-gender and
// remote partners) exercises every hard rule. Each is solved by allocate and, from pairs found
// through recommend, by HiGHS as a 0-1 program: the objectives must be equal, to the unit.
const cases = Array.from({ length: 36 }, (_, index) => {
  const clients = [5, 20, 60, 120, 200, 200][index % 6]!;
  const partners = Math.max(3, Math.round(clients / [3, 5, 8][index % 3]!));
  const variants: AllocateOptions[] = [{}, { minScore: 0.5 }, { weighting: 'priority' }, { needs: 'priority-3' }];
  const options = variants[index % 4]!;
  return { seed: 1000 + index, clients, partners, options };
});

describe('allocate against HiGHS', () => {
  it.each(cases)('seed $seed: $clients clients, $partners partners, options $options', async ({ seed, clients, partners, options }) => {
    const instance = seededInstance(seed, { clients, partners, candidatesPerNeed: 6, varied: true });
    const allocation = allocate(instance.clients, instance.partners, options);
    const pairs = eligiblePairs(instance.clients, instance.partners, options);

    expect(violations(allocation, pairs, instance.partners)).toEqual([]);
    expect(allocation.optimal).toBe(true);
    expect(allocation.stats.eligiblePairs).toBe(pairs.length);
    expect(allocation.stats.objectiveUnits).toBe(await highsObjective(lpText(pairs, instance.partners)));
  });

  it('the instances are not trivial: capacity binds and needs go unplaced for want of places', () => {
    const instance = seededInstance(cases[4]!.seed, { clients: 200, partners: 40, candidatesPerNeed: 6, varied: true });
    const { unassigned, assignments } = allocate(instance.clients, instance.partners);
    expect(assignments.length).toBeGreaterThan(100);
    expect(unassigned.filter((item) => item.reason === 'capacity-exhausted').length).toBeGreaterThan(10);
  });
});
