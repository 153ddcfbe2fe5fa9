import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, createMatcher, type AllocateOptions, type Partner } from '../src/index';
import { clientsArb, instanceArb, partnersArb, shuffledArb } from './allocation-arbitraries';
import { eligiblePairs, violations } from '../src/test-support';

// Replay a failure with fc.assert(..., { seed, path }) from the report.
const runs = { numRuns: 150 };

const optionsArb: fc.Arbitrary<AllocateOptions> = fc.record(
  {
    needs: fc.constantFrom<AllocateOptions['needs']>('all', 'priority-3', { minPriority: 2 }),
    minScore: fc.constantFrom(0, 0.3, 0.6),
    weighting: fc.constantFrom('score', 'priority'),
  },
  { requiredKeys: [] },
);

const free = (partner: Partner) => (partner.capacity ? partner.capacity.total - partner.capacity.used : Number.POSITIVE_INFINITY);

describe('allocate properties', () => {
  it('never gives a partner more placements than its free places', () => {
    fc.assert(
      fc.property(instanceArb, optionsArb, ({ clients, partners }, options) => {
        const { assignments } = allocate(clients, partners, options);
        for (const partner of partners) {
          expect(assignments.filter((assignment) => assignment.partnerId === partner.id).length).toBeLessThanOrEqual(free(partner));
        }
      }),
      runs,
    );
  });

  it('places each (client, need) at most once, and reports every need it does not place', () => {
    fc.assert(
      fc.property(instanceArb, ({ clients, partners }) => {
        const { assignments, unassigned, stats } = allocate(clients, partners);
        const keys = [...assignments, ...unassigned].map((item) => `${item.clientId} ${item.service}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBe(clients.reduce((sum, client) => sum + client.needs.length, 0));
        expect(stats.needs).toBe(keys.length);
      }),
      runs,
    );
  });

  it('never assigns a pair that recommend would not match, and scores it as recommend does', () => {
    fc.assert(
      fc.property(instanceArb, optionsArb, ({ clients, partners }, options) => {
        const allocation = allocate(clients, partners, options);
        expect(violations(allocation, eligiblePairs(clients, partners, options), partners)).toEqual([]);
        expect(allocation.optimal).toBe(true);
      }),
      runs,
    );
  });

  it('never lowers the objective when a partner gets more places', () => {
    fc.assert(
      fc.property(
        fc.record({ clients: clientsArb(), partners: partnersArb(8, 1) }),
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('more-total', 'fewer-used', 'unlimited'),
        ({ clients, partners }, pick, extra, how) => {
          const index = pick % partners.length;
          const before = partners[index]!;
          const capacity = before.capacity;
          const after: Partner =
            !capacity || how === 'unlimited'
              ? { ...before, capacity: undefined }
              : how === 'more-total'
                ? { ...before, capacity: { total: capacity.total + extra, used: capacity.used } }
                : { ...before, capacity: { total: capacity.total, used: Math.max(0, capacity.used - extra) } };
          const more = partners.map((partner, at) => (at === index ? after : partner));
          expect(allocate(clients, more).stats.objectiveUnits).toBeGreaterThanOrEqual(allocate(clients, partners).stats.objectiveUnits);
        },
      ),
      runs,
    );
  });

  it('gives the same allocation whatever the order of clients, needs, partners and offerings', () => {
    const permutedArb = instanceArb.chain((instance) =>
      fc.record({
        instance: fc.constant(instance),
        clients: shuffledArb(instance.clients).chain((clients) =>
          fc.tuple(...clients.map((client) => shuffledArb(client.needs).map((needs) => ({ ...client, needs })))),
        ),
        partners: shuffledArb(instance.partners).chain((partners) =>
          fc.tuple(...partners.map((partner) => shuffledArb(partner.offerings).map((offerings) => ({ ...partner, offerings })))),
        ),
      }),
    );
    fc.assert(
      fc.property(permutedArb, ({ instance, clients, partners }) => {
        const original = allocate(instance.clients, instance.partners);
        const permuted = allocate(clients, partners);
        expect(permuted.objective).toBe(original.objective);
        expect(permuted).toEqual(original);
      }),
      runs,
    );
  });

  it('leaves a need for want of places only when every partner that could take it is full', () => {
    fc.assert(
      fc.property(instanceArb, optionsArb, ({ clients, partners }, options) => {
        const { assignments, unassigned } = allocate(clients, partners, options);
        const pairs = eligiblePairs(clients, partners, { ...options, minScore: 0 });
        const load = new Map<string, number>();
        for (const assignment of assignments) load.set(assignment.partnerId, (load.get(assignment.partnerId) ?? 0) + 1);
        for (const item of unassigned) {
          const mine = pairs.filter((pair) => pair.clientId === item.clientId && pair.service === item.service);
          const above = mine.filter((pair) => pair.score >= (options.minScore ?? 0));
          if (item.reason === 'no-eligible-partner') expect(mine).toEqual([]);
          if (item.reason === 'below-min-score') expect(mine.length > 0 && above.length === 0).toBe(true);
          if (item.reason === 'capacity-exhausted') {
            expect(above.length).toBeGreaterThan(0);
            for (const pair of above) {
              expect(load.get(pair.partnerId) ?? 0).toBe(free(partners.find((partner) => partner.id === pair.partnerId)!));
            }
          }
        }
      }),
      runs,
    );
  });

  it('gives from a matcher the same answer as the free function', () => {
    fc.assert(
      fc.property(instanceArb, optionsArb, ({ clients, partners }, options) => {
        expect(createMatcher(partners).allocate(clients, options)).toEqual(allocate(clients, partners, options));
      }),
      runs,
    );
  });

  it('never changes its inputs', () => {
    fc.assert(
      fc.property(instanceArb, optionsArb, ({ clients, partners }, options) => {
        const copies = structuredClone({ clients, partners, options });
        allocate(clients, partners, options);
        expect({ clients, partners, options }).toEqual(copies);
      }),
      runs,
    );
  });
});
