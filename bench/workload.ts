// The benchmark's synthetic registry and queries: partners scattered around the Bapas seats,
// clients at the seats. Everything comes from one seeded generator, so a seed and a size give
// the same data on every machine, and the kernel, the memory child and the tests see the same
// registry.
import {
  PARTNER_KIND_IDS,
  RELIGION_IDS,
  SECTOR_IDS,
  SERVICE_IDS,
  type Client,
  type Location,
  type Need,
  type Offering,
  type Partner,
  type ServiceId,
} from '@pokmas/matcher';
import { loadDirectory } from '@pokmas/directory';
import { createRandom } from '@pokmas/matcher/internal';

export const PARTNER_SEED = 2026;
export const CLIENT_SEED = 4242;

/** How far from its Bapas seat a partner may be placed. */
export const SCATTER_KM = 30;

/** Where partners are placed and clients located: an office's id and its seat's point. */
export interface Seat {
  readonly bapasId: string;
  readonly location: Location;
}

/** The seats of the directory's offices (`offices`: planned Bapas left out), in file order. */
export async function loadSeats(): Promise<Seat[]> {
  const directory = await loadDirectory();
  return directory.offices.map((office) => ({ bapasId: office.id, location: { lat: office.location.lat, lon: office.location.lon } }));
}

/** The project's one seeded generator (mulberry32, as the demo registry uses), as a function in [0, 1). */
export function mulberry32(seed: number): () => number {
  return createRandom(seed).next;
}

class Draw {
  constructor(readonly random: () => number) {}
  chance(p: number): boolean {
    return this.random() < p;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }
  /** `count` distinct values, in the order drawn (a partial Fisher-Yates shuffle). */
  distinct<T>(values: readonly T[], count: number): T[] {
    const pool = [...values];
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, count);
  }
}

const KM_PER_DEGREE = 111.32;

/** A point uniform over the disc of `radiusKm` around `centre` (flat-earth offset, fine at 30 km). */
function scatter(draw: Draw, centre: Location, radiusKm: number): Location {
  const r = radiusKm * Math.sqrt(draw.random());
  const theta = 2 * Math.PI * draw.random();
  const lat = centre.lat + (r * Math.cos(theta)) / KM_PER_DEGREE;
  const lon = centre.lon + (r * Math.sin(theta)) / (KM_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}

const ECONOMIC: readonly ServiceId[] = ['job-placement', 'skills-training', 'business-capital', 'self-employment'];
// ISO 639 codes of languages spoken in Indonesia.
const LANGUAGES = ['id', 'jv', 'su', 'ban', 'mad', 'min', 'bug'];

function offering(draw: Draw, service: ServiceId): Offering {
  const modes = draw.random();
  return {
    service,
    // About 12% of offerings can be given remotely, 10% as home visits; the rest in person only.
    ...(modes < 0.05
      ? { modes: ['remote' as const] }
      : modes < 0.12
        ? { modes: ['in-person' as const, 'remote' as const] }
        : modes < 0.22
          ? { modes: ['in-person' as const, 'home-visit' as const] }
          : {}),
    ...(service === 'religious-guidance' && draw.chance(0.6) ? { religions: draw.distinct(RELIGION_IDS, draw.int(1, 2)) } : {}),
    ...(ECONOMIC.includes(service) && draw.chance(0.5) ? { sectors: draw.distinct(SECTOR_IDS, draw.int(1, 2)) } : {}),
  };
}

function partner(draw: Draw, index: number, seat: Seat): Partner {
  const capacity = draw.chance(0.85);
  const total = draw.int(1, 30);
  const ages = draw.random();
  const genders = draw.random();
  return {
    id: `P-${String(index).padStart(6, '0')}`,
    name: `Mitra Fiktif ${index}`,
    kind: draw.pick(PARTNER_KIND_IDS),
    bapasId: seat.bapasId,
    location: scatter(draw, seat.location, SCATTER_KM),
    ...(draw.chance(0.4) ? { serviceRadiusKm: draw.int(10, 80) } : {}),
    offerings: draw.distinct(SERVICE_IDS, draw.int(1, 4)).map((service) => offering(draw, service)),
    // Most have a capacity, about one in twenty of those full; the rest are unlimited.
    ...(capacity ? { capacity: { total, used: draw.chance(0.05) ? total : draw.int(0, total - 1) } } : {}),
    ...(ages < 0.25
      ? { eligibility: { ageGroups: ['adult' as const, 'juvenile' as const] } }
      : ages < 0.3
        ? { eligibility: { ageGroups: ['juvenile' as const] } }
        : genders < 0.05
          ? { eligibility: { genders: [draw.pick(['female', 'male'] as const)] } }
          : {}),
    ...(draw.chance(0.3) ? { languages: draw.distinct(LANGUAGES, draw.int(1, 2)) } : {}),
    ...(draw.chance(0.03) ? { active: false } : {}),
  };
}

/**
 * `count` partners, each placed within {@link SCATTER_KM} of a seat drawn at random and tagged
 * with that seat's Bapas, offering 1 to 4 of the 16 services. Ids are `P-000000` onwards, so
 * their order is the index order.
 */
export function generatePartners(count: number, seats: readonly Seat[], seed = PARTNER_SEED): Partner[] {
  if (seats.length === 0) throw new Error('no Bapas seats to place partners around');
  const draw = new Draw(mulberry32(seed));
  return Array.from({ length: count }, (_, index) => partner(draw, index, draw.pick(seats)));
}

/**
 * `count` clients, each at the exact point of a seat drawn at random (as the API places a client
 * given only a Bapas id), with 1 to 3 distinct needs; some juvenile, some with a gender, a
 * religion or sectors of interest.
 */
export function generateClients(count: number, seats: readonly Seat[], seed = CLIENT_SEED): Client[] {
  if (seats.length === 0) throw new Error('no Bapas seats to place clients at');
  const draw = new Draw(mulberry32(seed));
  return Array.from({ length: count }, (_, index) => {
    const seat = draw.pick(seats);
    const needs: Need[] = draw
      .distinct(SERVICE_IDS, draw.int(1, 3))
      .map((service) => ({ service, priority: draw.pick([1, 2, 3] as const) }));
    return {
      id: `K-${String(index).padStart(4, '0')}`,
      bapasId: seat.bapasId,
      location: { lat: seat.location.lat, lon: seat.location.lon },
      needs,
      ageGroup: draw.chance(0.2) ? 'juvenile' : 'adult',
      ...(draw.chance(0.5) ? { gender: draw.pick(['female', 'male'] as const) } : {}),
      ...(draw.chance(0.5) ? { religion: draw.pick(RELIGION_IDS) } : {}),
      ...(draw.chance(0.15) ? { sectors: draw.distinct(SECTOR_IDS, 1) } : {}),
    };
  });
}
