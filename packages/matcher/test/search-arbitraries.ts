import fc from 'fast-check';
import {
  AGE_GROUP_IDS,
  GENDER_IDS,
  MODE_IDS,
  RELIGION_IDS,
  SECTOR_IDS,
  type Client,
  type Location,
  type ModeId,
  type Offering,
  type Partner,
  type RecommendOptions,
} from '../src/index';
import { capacityArb } from './arbitraries';

// Generators for the matcher's search, which cuts partners by grid cell and by score bound:
// registries large enough that cuts happen, spread over three clusters hundreds of km apart
// (Bandung, Surabaya, Makassar) so that whole cells fall out of reach, points shared by several
// partners and round capacities so that scores tie, remote offerings that match from afar,
// and partners or clients without coordinates. Every value is valid input.

const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const CLUSTERS: readonly Location[] = [
  { lat: -6.91, lon: 107.61 },
  { lat: -7.25, lon: 112.75 },
  { lat: -5.14, lon: 119.42 },
];

/** A point near one of the clusters: on a shared grid of spots (ties) or anywhere up to ~60 km off. */
export const pointArb: fc.Arbitrary<Location> = fc
  .tuple(
    fc.constantFrom(...CLUSTERS),
    fc.oneof(
      fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })).map(([a, b]) => [a * 0.1, b * 0.1] as const),
      fc.tuple(fc.double({ min: -0.55, max: 0.55, noNaN: true }), fc.double({ min: -0.55, max: 0.55, noNaN: true })),
    ),
  )
  .map(([centre, [dLat, dLon]]) => ({ lat: centre.lat + dLat, lon: centre.lon + dLon }));

/** Three languages, sometimes none listed (an empty list counts as none). */
const languagesArb = fc.subarray(['id', 'jv', 'su']);

/** Four services only, so that many partners compete for the same needs. */
const serviceArb = fc.constantFrom('legal-aid' as const, 'job-placement' as const, 'religious-guidance' as const, 'mentoring' as const);

const offeringArb: fc.Arbitrary<Offering> = fc.record(
  {
    service: serviceArb,
    modes: fc.oneof(fc.constant<ModeId[]>(['in-person']), fc.constant<ModeId[]>(['remote']), subset(MODE_IDS)),
    sectors: subset(SECTOR_IDS),
    religions: subset(RELIGION_IDS),
  },
  { requiredKeys: ['service'] },
);

export const partnerBodyArb = fc.record(
  {
    name: fc.constant('Mitra Fiktif'),
    kind: fc.constant('civil-society' as const),
    bapasId: fc.constantFrom('019', '020', '021'),
    location: pointArb,
    regencyCode: fc.constantFrom('32.73', '32.04', '35.78', '73.71'),
    serviceRadiusKm: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.double({ min: 0.5, max: 400, noNaN: true })),
    offerings: fc.uniqueArray(offeringArb, { minLength: 1, maxLength: 4, selector: (offering) => offering.service }),
    capacity: fc.oneof(capacityArb(12), fc.constant({ total: 10, used: 5 })),
    eligibility: fc.record({ genders: subset(GENDER_IDS), ageGroups: subset(AGE_GROUP_IDS) }, { requiredKeys: [] }),
    languages: languagesArb,
    active: fc.boolean(),
  },
  { requiredKeys: ['name', 'kind', 'bapasId', 'offerings'] },
);

/**
 * Up to `max` partners, some of them copies of one another under other ids (exact ties), with
 * ids given in a shuffled order so that id order is not input order.
 */
export const registryArb = (max: number): fc.Arbitrary<Partner[]> =>
  fc
    .array(fc.tuple(partnerBodyArb, fc.integer({ min: 1, max: 4 })), { maxLength: Math.ceil(max / 2) })
    .map((groups) => groups.flatMap(([body, copies]) => Array.from({ length: copies }, () => body)).slice(0, max))
    .chain((bodies) =>
      fc
        .shuffledSubarray([...bodies.keys()], { minLength: bodies.length, maxLength: bodies.length })
        .map((ids) => bodies.map((body, index): Partner => ({ id: `P-${String(ids[index]).padStart(3, '0')}`, ...structuredClone(body) }))),
    );

export const searchClientArb: fc.Arbitrary<Client> = fc.record(
  {
    id: fc.constant('K-001'),
    bapasId: fc.constantFrom('019', '020', '021', '099'),
    location: pointArb,
    regencyCode: fc.constantFrom('32.73', '32.04', '35.78', '73.71'),
    needs: fc.uniqueArray(
      fc.record({ service: serviceArb, priority: fc.constantFrom(1 as const, 2 as const, 3 as const) }, { requiredKeys: ['service'] }),
      {
        minLength: 1,
        maxLength: 3,
        selector: (need) => need.service,
      },
    ),
    gender: fc.constantFrom(...GENDER_IDS),
    ageGroup: fc.constantFrom(...AGE_GROUP_IDS),
    religion: fc.constantFrom(...RELIGION_IDS),
    maxDistanceKm: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.5, max: 1500, noNaN: true })),
    modes: subset(MODE_IDS),
    sectors: subset(SECTOR_IDS),
    languages: languagesArb,
  },
  { requiredKeys: ['id', 'needs'] },
);

/** Small limits, so that the score bound cuts; any weights, some of them 0; any decay. */
export const searchOptionsArb: fc.Arbitrary<RecommendOptions> = fc.record(
  {
    limit: fc.integer({ min: 1, max: 12 }),
    explainExclusions: fc.boolean(),
    weights: fc
      .record(
        {
          coverage: fc.constantFrom(0, 0.5, 1, 3),
          proximity: fc.constantFrom(0, 0.5, 1, 3),
          capacity: fc.constantFrom(0, 0.5, 1),
          administrative: fc.constantFrom(0, 0.5, 1),
          language: fc.constantFrom(0, 0.5, 1),
        },
        { requiredKeys: ['coverage'] },
      )
      .filter((weights) => Object.values(weights).some((weight) => weight > 0)),
    proximity: fc.record(
      { scaleKm: fc.integer({ min: 1, max: 300 }), offsetKm: fc.integer({ min: 0, max: 20 }), decay: fc.constantFrom(0.1, 0.5, 0.9) },
      { requiredKeys: [] },
    ),
    defaultServiceRadiusKm: fc.integer({ min: 1, max: 300 }),
  },
  { requiredKeys: ['limit'] },
);
