import fc from 'fast-check';
import {
  AGE_GROUP_IDS,
  GENDER_IDS,
  MODE_IDS,
  PARTNER_KIND_IDS,
  RELIGION_IDS,
  SECTOR_IDS,
  SERVICE_IDS,
  type AgeGroupId,
  type CoveragePlace,
  type Offering,
  type Partner,
} from '../src/index';
import { capacityArb } from './arbitraries';

// Generators for the coverage properties, bounded to mirror the schemas so that every value is
// valid input and no property filters. Points fall in a box around West Java (about 250 x 180
// km), so that radii of 1 to 150 km leave some places in reach and some out of it.

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

export const locationArb = fc.record({
  lat: fc.double({ min: -7.8, max: -6.2, noNaN: true }),
  lon: fc.double({ min: 106.2, max: 108.5, noNaN: true }),
});

const regencyCodeArb = fc.constantFrom('32.73', '32.04', '32.17', '36.71');

/** Six services only, so that gaps are common in small registries. */
export const serviceArb = fc.constantFrom(...SERVICE_IDS.slice(0, 6));

const offeringArb = (service: fc.Arbitrary<Offering['service']> = serviceArb): fc.Arbitrary<Offering> =>
  fc.record(
    { service, modes: subset(MODE_IDS), sectors: subset(SECTOR_IDS), religions: subset(RELIGION_IDS) },
    { requiredKeys: ['service'] },
  );

/** Any valid partner but its id: inactive, full, juvenile-only and one-gender partners included. */
const partnerBodyArb = fc.record(
  {
    name: fc.constant('Mitra Fiktif'),
    kind: fc.constantFrom(...PARTNER_KIND_IDS),
    bapasId: fc.constantFrom('019', '020'),
    location: locationArb,
    regencyCode: regencyCodeArb,
    serviceRadiusKm: fc.integer({ min: 1, max: 150 }),
    offerings: fc.uniqueArray(offeringArb(), { minLength: 1, maxLength: 4, selector: (offering) => offering.service }),
    capacity: capacityArb(20),
    eligibility: fc.record({ genders: subset(GENDER_IDS), ageGroups: subset(AGE_GROUP_IDS) }, { requiredKeys: [] }),
    active: fc.boolean(),
  },
  { requiredKeys: ['name', 'kind', 'bapasId', 'offerings'] },
);

/** `min` to `max` partners with distinct ids `P-00`, `P-01`, ... */
export const partnersArb = (max = 20, min = 0): fc.Arbitrary<Partner[]> =>
  fc
    .array(partnerBodyArb, { minLength: min, maxLength: max })
    .map((bodies) => bodies.map((body, index) => ({ id: `P-${String(index).padStart(2, '0')}`, ...body })));

/** A partner that any adult of some gender may be sent to: active, with room, taking adults. */
export const openPartnerArb = (id: string): fc.Arbitrary<Partner> =>
  fc.record(
    {
      id: fc.constant(id),
      name: fc.constant('Mitra Terbuka'),
      kind: fc.constantFrom(...PARTNER_KIND_IDS),
      bapasId: fc.constant('020'),
      location: locationArb,
      regencyCode: regencyCodeArb,
      serviceRadiusKm: fc.integer({ min: 1, max: 150 }),
      offerings: fc.uniqueArray(offeringArb(), { minLength: 1, maxLength: 4, selector: (offering) => offering.service }),
      capacity: fc
        .record({ total: fc.integer({ min: 1, max: 20 }), used: fc.integer({ min: 0, max: 19 }) })
        .map(({ total, used }) => ({ total, used: Math.min(total - 1, used) })),
      eligibility: fc.record(
        { genders: subset(GENDER_IDS), ageGroups: fc.constantFrom<AgeGroupId[]>(['adult'], ['adult', 'juvenile']) },
        { requiredKeys: [] },
      ),
      active: fc.constant(true),
    },
    { requiredKeys: ['id', 'name', 'kind', 'bapasId', 'offerings', 'active'] },
  );

/** An open partner whose first offering is given remotely (and maybe in other modes too). */
export const remotePartnerArb = (id: string): fc.Arbitrary<Partner> =>
  fc.tuple(openPartnerArb(id), fc.subarray(['in-person', 'home-visit'] as const)).map(([partner, others]) => ({
    ...partner,
    offerings: partner.offerings.map((offering, index) =>
      index === 0 ? { ...offering, modes: ['remote' as const, ...others] } : offering,
    ),
  }));

/** 1 to `max` places with distinct ids, some with a regency code and a group. */
export const placesArb = (max = 6): fc.Arbitrary<CoveragePlace[]> =>
  fc
    .array(
      fc.record(
        { location: locationArb, regencyCode: regencyCodeArb, group: fc.constantFrom('Kanwil A', 'Kanwil B') },
        { requiredKeys: ['location'] },
      ),
      { minLength: 1, maxLength: max },
    )
    .map((bodies) => bodies.map((body, index) => ({ id: `L-${index}`, ...body })));

/** The gaps of every place, as `place:service` strings. */
export const gapKeys = (result: { places: readonly { id: string; gaps: readonly string[] }[] }): Set<string> =>
  new Set(result.places.flatMap((place) => place.gaps.map((service) => `${place.id}:${service}`)));
