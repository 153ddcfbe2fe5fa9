import { createRandom } from '../random';
import { GENDER_IDS, SERVICE_IDS, type Client, type Partner, type ServiceId } from '../index';

// Seeded instances for the allocation oracle tests and the benchmark: the same seed and options
// give the same instance on every machine (the project's one seeded generator draws them).

/** A cohort of clients and a registry of partners. */
export interface Instance {
  readonly clients: Client[];
  readonly partners: Partner[];
}

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
  const draw = createRandom(seed);
  const random = draw.next;
  const pick = draw.pick;
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
