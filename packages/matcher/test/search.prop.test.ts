import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartnerSchema, createMatcher, recommend } from '../src/index';
import { registryArb, searchClientArb, searchOptionsArb } from './search-arbitraries';

// createMatcher's search skips partners by grid cell and by score bound; `recommend` scores
// every partner as objects. They must agree on everything, ties included.
describe('createMatcher: its search changes no answer', () => {
  it('gives the plain scorer’s matches, scores and exclusions on random registries', () => {
    fc.assert(
      fc.property(registryArb(120), searchClientArb, searchOptionsArb, (partners, client, options) => {
        expect(createMatcher(partners).recommend(client, options)).toEqual(recommend(client, partners, options));
      }),
      { numRuns: 300 },
    );
  });

  it('answers a run of queries on one matcher as fresh ones would (no state leaks between queries)', () => {
    fc.assert(
      fc.property(
        registryArb(80),
        fc.array(fc.tuple(searchClientArb, searchOptionsArb), { minLength: 2, maxLength: 6 }),
        (partners, queries) => {
          const matcher = createMatcher(partners);
          for (const [client, options] of queries) expect(matcher.recommend(client, options)).toEqual(recommend(client, partners, options));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the partner objects it was given, which validation leaves exactly as they were', () => {
    fc.assert(
      fc.property(registryArb(30), (partners) => {
        const matcher = createMatcher(partners);
        expect(matcher.partners).toEqual(partners);
        matcher.partners.forEach((partner, index) => expect(partner).toBe(partners[index]));
        // Keeping the caller's objects instead of the validated copies is sound only while
        // the schema neither fills defaults nor transforms: its output must equal its input.
        for (const partner of partners) expect(PartnerSchema.parse(partner)).toStrictEqual(partner);
      }),
      { numRuns: 50 },
    );
  });
});
