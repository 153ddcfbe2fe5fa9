import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENDER_IDS, coverage, recommend } from '../src/index';
import { gapKeys, openPartnerArb, partnersArb, placesArb, remotePartnerArb } from './coverage-arbitraries';

// Replay a failure with fc.assert(..., { seed, path }) from the report.
const runs = { numRuns: 150 };

describe('coverage properties', () => {
  it('adding a partner never adds a gap', () => {
    fc.assert(
      fc.property(partnersArb(), placesArb(), openPartnerArb('NEW'), (partners, places, added) => {
        const before = gapKeys(coverage(partners, places));
        const after = gapKeys(coverage([...partners, added], places));
        for (const gap of after) expect(before.has(gap)).toBe(true);
      }),
      runs,
    );
  });

  it('an open partner offering a service remotely covers that service at every place', () => {
    fc.assert(
      fc.property(partnersArb(), placesArb(), remotePartnerArb('REMOTE'), (partners, places, remote) => {
        const service = remote.offerings[0]!.service;
        const result = coverage([...partners, remote], places);
        for (const place of result.places) {
          expect(place.gaps).not.toContain(service);
          expect(place.services.find((cell) => cell.service === service)!.partners).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it('a gap, and only a gap, names a partner beyond reach that offers the missing service', () => {
    fc.assert(
      fc.property(partnersArb(), placesArb(), (partners, places) => {
        for (const place of coverage(partners, places).places) {
          for (const cell of place.services) {
            expect(cell.nearestBeyondReach !== undefined).toBe(cell.partners === 0);
            const named = cell.nearestBeyondReach;
            if (!named?.found) continue;
            const offering = partners.find((p) => p.id === named.partnerId);
            expect(offering?.offerings.some((o) => o.service === cell.service)).toBe(true);
            expect(offering?.location).toBeDefined();
          }
        }
      }),
      runs,
    );
  });

  it('deactivating a partner never removes a gap', () => {
    fc.assert(
      fc.property(
        partnersArb(20, 1).chain((partners) => fc.tuple(fc.constant(partners), fc.nat({ max: partners.length - 1 }))),
        placesArb(),
        ([partners, index], places) => {
          const deactivated = partners.map((partner, i) => (i === index ? { ...partner, active: false } : partner));
          const before = gapKeys(coverage(partners, places));
          const after = gapKeys(coverage(deactivated, places));
          for (const gap of before) expect(after.has(gap)).toBe(true);
        },
      ),
      runs,
    );
  });

  it('counts exactly the partners recommend would offer an adult of either gender at that place', () => {
    fc.assert(
      fc.property(partnersArb(12), placesArb(3), (partners, places) => {
        const result = coverage(partners, places);
        for (const place of result.places) {
          for (const cell of place.services) {
            const ids = new Set<string>();
            for (const gender of GENDER_IDS) {
              const client = {
                id: 'probe',
                ageGroup: 'adult' as const,
                gender,
                location: place.location,
                ...(place.regencyCode && { regencyCode: place.regencyCode }),
                needs: [{ service: cell.service }],
              };
              for (const match of recommend(client, partners, { limit: 10_000 }).matches) ids.add(match.partnerId);
            }
            expect(cell.partners).toBe(ids.size);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
