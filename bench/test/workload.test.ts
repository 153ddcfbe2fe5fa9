import { loadDirectory } from '@pokmas/directory';
import { ClientSchema, PartnerSchema, SERVICE_IDS, createMatcher, haversineKm } from '@pokmas/matcher';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClients, generatePartners, loadSeats, mulberry32, type Seat } from '../workload';

let seats: Seat[];
beforeAll(async () => {
  seats = await loadSeats();
});

describe('the Bapas seats', () => {
  it('are the directory offices that exist, not the planned ones, each at its seat', async () => {
    const directory = await loadDirectory();
    const existing = directory.bapas.filter((office) => office.status !== 'planned');
    expect(existing.length).toBeLessThan(directory.bapas.length);
    expect(seats).toEqual(existing.map((office) => ({ bapasId: office.id, location: office.location })));
  });
});

describe('the seeded generator', () => {
  it('replays the same sequence for a seed, and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const value of draw(7)) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('the synthetic registry', () => {
  const count = 3_000;

  it('is the same for the same seed and differs for another', () => {
    expect(generatePartners(200, seats)).toEqual(generatePartners(200, seats));
    expect(generatePartners(200, seats, 1)).not.toEqual(generatePartners(200, seats));
  });

  it('has the partners asked for, with distinct ids, each valid and accepted by createMatcher', () => {
    const partners = generatePartners(count, seats);
    expect(partners).toHaveLength(count);
    expect(new Set(partners.map((partner) => partner.id)).size).toBe(count);
    for (const partner of partners) expect(PartnerSchema.safeParse(partner).success).toBe(true);
    expect(createMatcher(partners).partners).toHaveLength(count);
  });

  it('places every partner within 35 km of the seat of its own Bapas', () => {
    const seatOf = new Map(seats.map((seat) => [seat.bapasId, seat.location]));
    for (const partner of generatePartners(count, seats)) {
      const seat = seatOf.get(partner.bapasId);
      expect(seat, partner.id).toBeDefined();
      expect(haversineKm(seat!, partner.location!)).toBeLessThanOrEqual(35);
    }
  });

  it('gives each partner 1 to 4 distinct services, and uses all four counts and all sixteen services', () => {
    const partners = generatePartners(count, seats);
    const counts = new Set<number>();
    const services = new Set<string>();
    for (const partner of partners) {
      const offered = partner.offerings.map((offering) => offering.service);
      expect(new Set(offered).size).toBe(offered.length);
      counts.add(offered.length);
      for (const service of offered) services.add(service);
    }
    expect([...counts].sort()).toEqual([1, 2, 3, 4]);
    expect(services.size).toBe(SERVICE_IDS.length);
  });

  it('mixes the rules special cases: mostly limited places with a few full, some remote, a few inactive, some for juveniles', () => {
    const partners = generatePartners(count, seats);
    const offerings = partners.flatMap((partner) => partner.offerings);
    const share = (found: number, of: number) => found / of;
    const limited = partners.filter((partner) => partner.capacity);
    expect(share(limited.length, count)).toBeGreaterThan(0.8);
    expect(share(limited.length, count)).toBeLessThan(0.9);
    expect(limited.some((partner) => partner.capacity!.used === partner.capacity!.total)).toBe(true);
    const remote = share(offerings.filter((offering) => offering.modes?.includes('remote')).length, offerings.length);
    expect(remote).toBeGreaterThan(0.08);
    expect(remote).toBeLessThan(0.16);
    expect(offerings.some((offering) => offering.modes?.includes('home-visit'))).toBe(true);
    expect(partners.some((partner) => partner.active === false)).toBe(true);
    expect(partners.some((partner) => partner.eligibility?.ageGroups?.includes('juvenile'))).toBe(true);
    expect(partners.some((partner) => partner.serviceRadiusKm !== undefined)).toBe(true);
    expect(offerings.some((offering) => offering.service === 'religious-guidance' && offering.religions)).toBe(true);
    expect(offerings.some((offering) => offering.sectors)).toBe(true);
  });
});

describe('the queries', () => {
  it('are the same for the same seed', () => {
    expect(generateClients(50, seats)).toEqual(generateClients(50, seats));
  });

  it('are valid clients with 1 to 3 distinct needs, each at the exact seat of its Bapas', () => {
    const seatOf = new Map(seats.map((seat) => [seat.bapasId, seat.location]));
    const clients = generateClients(300, seats);
    for (const client of clients) {
      expect(ClientSchema.safeParse(client).success).toBe(true);
      expect(client.needs.length).toBeGreaterThanOrEqual(1);
      expect(client.needs.length).toBeLessThanOrEqual(3);
      expect(new Set(client.needs.map((need) => need.service)).size).toBe(client.needs.length);
      expect(client.location).toEqual(seatOf.get(client.bapasId!));
    }
    expect(clients.some((client) => client.ageGroup === 'juvenile')).toBe(true);
    expect(clients.some((client) => client.gender !== undefined)).toBe(true);
    expect(clients.some((client) => client.religion !== undefined)).toBe(true);
  });
});
