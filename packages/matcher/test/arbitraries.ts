import fc from 'fast-check';
import {
  AGE_GROUP_IDS,
  GENDER_IDS,
  MODE_IDS,
  PARTNER_KIND_IDS,
  RELIGION_IDS,
  SECTOR_IDS,
  SERVICE_IDS,
  type Client,
  type Offering,
  type Partner,
} from '../src/index';

// Generators bounded to mirror the schemas: every value they produce is valid input, so
// properties never need to filter. Points fall in a box around West Java (about 250 x 170 km),
// wide enough for the proximity decay and the service radii to matter.

const distinctSubset = <T>(values: readonly T[], min = 1) => fc.subarray([...values], { minLength: min }).map((picked) => picked);

export const locationArb = fc.record({
  lat: fc.double({ min: -7.8, max: -6.2, noNaN: true }),
  lon: fc.double({ min: 106.2, max: 108.5, noNaN: true }),
});

/** A few regencies of West Java and Banten, so that the code fallback sees both levels. */
export const regencyCodeArb = fc.constantFrom('32.73', '32.04', '32.17', '32.01', '36.71', '36.03');

export const serviceArb = fc.constantFrom(...SERVICE_IDS);

export const offeringArb: fc.Arbitrary<Offering> = fc.record(
  {
    service: serviceArb,
    modes: distinctSubset(MODE_IDS),
    sectors: distinctSubset(SECTOR_IDS),
    religions: distinctSubset(RELIGION_IDS),
  },
  { requiredKeys: ['service'] },
);

const offeringsArb = fc.uniqueArray(offeringArb, { minLength: 1, maxLength: 5, selector: (offering) => offering.service });

/** A capacity of up to `max` places, some or all of them used. */
export const capacityArb = (max: number) =>
  fc
    .record({ total: fc.integer({ min: 0, max }), used: fc.integer({ min: 0, max }) })
    .map(({ total, used }) => ({ total, used: Math.min(total, used) }));

/** A partner without an id: `partnersArb` gives ids so that they are unique. */
const partnerBodyArb = fc.record(
  {
    name: fc.constant('Mitra Fiktif'),
    kind: fc.constantFrom(...PARTNER_KIND_IDS),
    bapasId: fc.constantFrom('019', '020', '021'),
    pokmasId: fc.constantFrom('PK-020-HK', 'PK-020-KK'),
    location: locationArb,
    regencyCode: regencyCodeArb,
    serviceRadiusKm: fc.integer({ min: 1, max: 150 }),
    offerings: offeringsArb,
    capacity: capacityArb(30),
    eligibility: fc.record({ genders: distinctSubset(GENDER_IDS), ageGroups: distinctSubset(AGE_GROUP_IDS) }, { requiredKeys: [] }),
    languages: distinctSubset(['id', 'jv', 'su'], 0),
    active: fc.boolean(),
  },
  { requiredKeys: ['name', 'kind', 'bapasId', 'offerings'] },
);

export type PartnerBody = Omit<Partner, 'id'>;

export const partnerArb = (id: string): fc.Arbitrary<Partner> => partnerBodyArb.map((body) => ({ id, ...body }));

/** 0 to `max` partners with distinct ids `P-00`, `P-01`, ... */
export const partnersArb = (max = 25): fc.Arbitrary<Partner[]> =>
  fc
    .array(partnerBodyArb, { maxLength: max })
    .map((bodies) => bodies.map((body, index) => ({ id: `P-${String(index).padStart(2, '0')}`, ...body })));

export const clientArb: fc.Arbitrary<Client> = fc.record(
  {
    id: fc.constant('K-001'),
    bapasId: fc.constantFrom('019', '020', '021'),
    location: locationArb,
    regencyCode: regencyCodeArb,
    needs: fc.uniqueArray(
      fc.record({ service: serviceArb, priority: fc.constantFrom(1 as const, 2 as const, 3 as const) }, { requiredKeys: ['service'] }),
      { minLength: 1, maxLength: 6, selector: (need) => need.service },
    ),
    gender: fc.constantFrom(...GENDER_IDS),
    ageGroup: fc.constantFrom(...AGE_GROUP_IDS),
    religion: fc.constantFrom(...RELIGION_IDS),
    maxDistanceKm: fc.integer({ min: 1, max: 200 }),
    modes: distinctSubset(MODE_IDS),
    sectors: distinctSubset(SECTOR_IDS),
    languages: distinctSubset(['id', 'jv', 'su'], 0),
  },
  { requiredKeys: ['id', 'needs'] },
);
