import fc from 'fast-check';
import { createRandom } from '../src/random';
import { AGE_GROUP_IDS, GENDER_IDS, MODE_IDS, SERVICE_IDS, type Client, type Offering, type Partner, type ServiceId } from '../src/index';

// Generators for the allocation tests and benchmarks. The fast-check ones are bounded to mirror
// the schemas (every value is valid input, so no property filters) and small enough that places
// are scarce: few services, few places, everyone near everyone. The seeded ones build the larger
// instances the HiGHS oracle and the benchmark solve; the same seed gives the same instance.

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

export interface Instance {
  readonly clients: Client[];
  readonly partners: Partner[];
}

export const instanceArb: fc.Arbitrary<Instance> = fc.record({ clients: clientsArb(), partners: partnersArb() });

/** A permutation of `values` (a new array), drawn from the same run's randomness. */
export const shuffledArb = <T>(values: readonly T[]): fc.Arbitrary<T[]> =>
  fc.array(fc.nat(), { minLength: values.length, maxLength: values.length }).map((keys) =>
    values
      .map((value, index) => ({ value, key: keys[index]! }))
      .sort((a, b) => a.key - b.key)
      .map(({ value }) => value),
  );

export interface SeededOptions {
  readonly clients: number;
  readonly partners: number;
  /** Services each partner offers (default 3 of the 16). */
  readonly offeringsPerPartner?: number;
  /**
   * Partners offering a service within 30 km of a client, on average (default 26, which leaves
   * about 20 eligible per need once the area's edges are counted): sets the area's size.
   */
  readonly candidatesPerNeed?: number;
  /** Free places over needs (default 0.6, so that capacity binds). */
  readonly placesPerNeed?: number;
  /** Mix in the rules' special cases: inactive, juvenile-only, one-gender, remote and unlimited partners. */
  readonly varied?: boolean;
}

/**
 * A cohort and a registry around Bandung, as a Bapas would see them: each client has 1 to 3
 * needs, partners offer a few services in person within 30 km, about 20 partners can take
 * each need, every partner has a capacity (unless `varied`) and the free places are fewer than
 * the needs, so that capacity binds.
 */
export function seededInstance(seed: number, options: SeededOptions): Instance {
  const { next: random } = createRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const offeringsPerPartner = options.offeringsPerPartner ?? 3;
  const candidates = options.candidatesPerNeed ?? 26;
  const radiusKm = 30;
  // Partners offering one service per km^2, so that a 30 km disc holds `candidates` of them.
  const perService = (options.partners * offeringsPerPartner) / SERVICE_IDS.length;
  const sideKm = Math.sqrt((perService * Math.PI * radiusKm * radiusKm) / candidates);
  const point = () => ({
    lat: -6.9 + (random() - 0.5) * (sideKm / 111),
    lon: 107.6 + (random() - 0.5) * (sideKm / 110),
  });
  const needsTotal = options.clients * 2;
  const meanPlaces = (needsTotal * (options.placesPerNeed ?? 0.6)) / Math.max(1, options.partners);

  const partners: Partner[] = [];
  for (let p = 0; p < options.partners; p++) {
    const services = new Set<ServiceId>();
    while (services.size < offeringsPerPartner) services.add(pick(SERVICE_IDS));
    const remote = options.varied && random() < 0.05;
    const total = Math.max(1, Math.round(meanPlaces * (0.5 + random())));
    const partner: Partner = {
      id: `P-${String(p).padStart(5, '0')}`,
      name: 'Mitra Fiktif',
      kind: 'civil-society',
      bapasId: pick(['019', '020', '021']),
      location: point(),
      serviceRadiusKm: radiusKm,
      offerings: [...services].map((service) => ({ service, modes: remote ? ['remote'] : ['in-person'] })),
      capacity: { total, used: Math.floor(random() * random() * total) },
    };
    if (options.varied && random() < 0.05) delete partner.capacity;
    if (options.varied) {
      const roll = random();
      if (roll < 0.05) partner.active = false;
      else if (roll < 0.1) partner.eligibility = { ageGroups: ['juvenile'] };
      else if (roll < 0.15) partner.eligibility = { genders: [pick(GENDER_IDS)] };
    }
    partners.push(partner);
  }

  const clients: Client[] = [];
  for (let c = 0; c < options.clients; c++) {
    const count = 1 + Math.floor(random() * 3);
    const services = new Set<ServiceId>();
    while (services.size < count) services.add(pick(SERVICE_IDS));
    const client: Client = {
      id: `K-${String(c).padStart(5, '0')}`,
      bapasId: pick(['019', '020', '021']),
      location: point(),
      needs: [...services].map((service) => ({ service, priority: pick([1, 2, 3] as const) })),
      gender: pick(GENDER_IDS),
    };
    if (options.varied && random() < 0.1) client.ageGroup = 'juvenile';
    clients.push(client);
  }
  return { clients, partners };
}
