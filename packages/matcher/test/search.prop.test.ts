import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartnerSchema, createMatcher, recommend, type Partner } from '../src/index';
import { parseOptions, resolveOptions } from '../src/options';
import { answer } from '../src/partner-index/answer';
import { buildPartnerIndex } from '../src/partner-index/build';
import { PartnerSearch } from '../src/partner-index/search';
import { parseClient, prepareClient } from '../src/prepare';
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

  it('gives the same answers whatever the size of its grid cells', () => {
    // createMatcher sizes the cells by the registry (2 degrees for these few partners); finer
    // cells cut within a cluster too, so the cuts are checked at every scale.
    fc.assert(
      fc.property(
        registryArb(120),
        searchClientArb,
        searchOptionsArb,
        fc.constantFrom(0.02, 0.1, 0.25, 1),
        (partners, client, options, degrees) => {
          const search = new PartnerSearch(buildPartnerIndex(partners, degrees));
          const found = answer(search, prepareClient(parseClient(client)), resolveOptions(parseOptions(options)));
          expect(found).toEqual(recommend(client, partners, options));
        },
      ),
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

  it('agrees with the plain scorer when a query sets aside and accumulates thousands of partners', () => {
    // Far more partners met remotely from afar, and offering several needs, than the search's
    // first buffers hold (256), so that they grow mid-query.
    const partners: Partner[] = Array.from({ length: 3000 }, (_, index) => ({
      id: `P-${String(index).padStart(4, '0')}`,
      name: 'Mitra Fiktif',
      kind: 'civil-society',
      bapasId: index % 2 === 0 ? '019' : '020',
      location: { lat: -8 + (index % 37) * 0.3, lon: 100 + (index % 53) * 0.6 },
      offerings: [
        { service: 'legal-aid', modes: index % 3 === 0 ? ['remote'] : ['in-person'] },
        ...(index % 2 === 0 ? [{ service: 'mentoring' as const, modes: ['in-person' as const, 'remote' as const] }] : []),
      ],
      capacity: { total: 10, used: index % 10 },
    }));
    const matcher = createMatcher(partners);
    for (const [lat, lon] of [
      [-6.9, 107.6],
      [-2, 115],
      [3, 99],
    ] as const) {
      const client = {
        id: 'K-001',
        bapasId: '019',
        location: { lat, lon },
        needs: [{ service: 'legal-aid' as const }, { service: 'mentoring' as const }],
      };
      for (const options of [{}, { limit: 50, explainExclusions: true }, { limit: 3000 }]) {
        expect(matcher.recommend(client, options)).toEqual(recommend(client, partners, options));
      }
    }
  });
});
