import fc from 'fast-check';
import type { Instance } from '../src/test-support';
import { AGE_GROUP_IDS, GENDER_IDS, MODE_IDS, SERVICE_IDS, type Client, type Offering, type Partner, type ServiceId } from '../src/index';

// fast-check generators for the allocation properties, bounded to mirror the schemas (every value
// is valid input, so no property filters) and small enough that places are scarce: few services,
// few places, everyone near everyone. The larger seeded instances that the HiGHS oracle and the
// benchmark solve are in src/test-support (`@pokmas/matcher/test-support`).

/** Four services only, so that clients compete for the same partners. */
const SERVICES: readonly ServiceId[] = SERVICE_IDS.slice(0, 4);

const locationArb = fc.record({
  lat: fc.double({ min: -7.0, max: -6.8, noNaN: true }),
  lon: fc.double({ min: 107.5, max: 107.7, noNaN: true }),
});

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const offeringArb: fc.Arbitrary<Offering> = fc.record(
  { service: fc.constantFrom(...SERVICES), modes: subset(MODE_IDS) },
  { requiredKeys: ['service'] },
);

const capacityArb = fc
  .record({ total: fc.integer({ min: 0, max: 4 }), used: fc.integer({ min: 0, max: 4 }) })
  .map(({ total, used }) => ({ total, used: Math.min(total, used) }));

const partnerBodyArb = fc.record(
  {
    name: fc.constant('Mitra Fiktif'),
    kind: fc.constantFrom('enterprise', 'civil-society', 'academic') as fc.Arbitrary<Partner['kind']>,
    bapasId: fc.constantFrom('019', '020'),
    location: locationArb,
    serviceRadiusKm: fc.integer({ min: 5, max: 60 }),
    offerings: fc.uniqueArray(offeringArb, { minLength: 1, maxLength: 3, selector: (offering) => offering.service }),
    capacity: capacityArb,
    eligibility: fc.record({ genders: subset(GENDER_IDS), ageGroups: subset(AGE_GROUP_IDS) }, { requiredKeys: [] }),
    active: fc.integer({ min: 0, max: 3 }).map((roll) => roll > 0),
  },
  { requiredKeys: ['name', 'kind', 'bapasId', 'offerings'] },
);

const clientBodyArb = fc.record(
  {
    bapasId: fc.constantFrom('019', '020'),
    location: locationArb,
    needs: fc.uniqueArray(
      fc.record(
        { service: fc.constantFrom(...SERVICES), priority: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3> },
        { requiredKeys: ['service'] },
      ),
      { minLength: 1, maxLength: 3, selector: (need) => need.service },
    ),
    gender: fc.constantFrom(...GENDER_IDS),
    ageGroup: fc.constantFrom(...AGE_GROUP_IDS),
    maxDistanceKm: fc.integer({ min: 5, max: 100 }),
  },
  { requiredKeys: ['needs'] },
);

const pad = (index: number) => String(index).padStart(2, '0');

/** `min` to `max` partners with distinct ids `P-00`, `P-01`, ... */
export const partnersArb = (max = 8, min = 0): fc.Arbitrary<Partner[]> =>
  fc
    .array(partnerBodyArb, { minLength: min, maxLength: max })
    .map((bodies) => bodies.map((body, index) => ({ id: `P-${pad(index)}`, ...body })));

/** `0` to `max` clients with distinct ids `K-00`, `K-01`, ... */
export const clientsArb = (max = 12): fc.Arbitrary<Client[]> =>
  fc.array(clientBodyArb, { maxLength: max }).map((bodies) => bodies.map((body, index) => ({ id: `K-${pad(index)}`, ...body })));

export const instanceArb: fc.Arbitrary<Instance> = fc.record({ clients: clientsArb(), partners: partnersArb() });

/** A permutation of `values` (a new array), drawn from the same run's randomness. */
export const shuffledArb = <T>(values: readonly T[]): fc.Arbitrary<T[]> =>
  fc.array(fc.nat(), { minLength: values.length, maxLength: values.length }).map((keys) =>
    values
      .map((value, index) => ({ value, key: keys[index]! }))
      .sort((a, b) => a.key - b.key)
      .map(({ value }) => value),
  );
