import { bench, describe } from 'vitest';
import { SERVICE_IDS, createMatcher, recommend, type Client, type Partner } from '../src/index';

// A seeded registry of 5,000 partners over Java (mulberry32: the same seed, the same data), and
// 50 clients. Run with `npm run bench -- --project matcher recommend`.
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const point = () => ({ lat: -8.5 + random() * 2.5, lon: 105.5 + random() * 9 });

const partners: Partner[] = Array.from({ length: 5000 }, (_, index) => ({
  id: `P-${String(index).padStart(5, '0')}`,
  name: 'Mitra Fiktif',
  kind: 'civil-society',
  bapasId: String(1 + (index % 85)).padStart(3, '0'),
  location: point(),
  serviceRadiusKm: 20 + Math.floor(random() * 60),
  offerings: [...new Set([pick(SERVICE_IDS), pick(SERVICE_IDS), pick(SERVICE_IDS)])].map((service) => ({
    service,
    modes: random() < 0.1 ? ['remote' as const] : ['in-person' as const],
  })),
  capacity: { total: 20, used: Math.floor(random() * 20) },
  eligibility: { ageGroups: random() < 0.3 ? ['adult', 'juvenile'] : ['adult'] },
}));

const clients: Client[] = Array.from({ length: 50 }, (_, index) => ({
  id: `K-${index}`,
  bapasId: String(1 + (index % 85)).padStart(3, '0'),
  location: point(),
  ageGroup: index % 5 === 0 ? 'juvenile' : 'adult',
  needs: [...new Set([pick(SERVICE_IDS), pick(SERVICE_IDS)])].map((service) => ({ service, priority: 3 as const })),
}));

const matcher = createMatcher(partners);

describe('50 queries over 5,000 partners', () => {
  bench('recommend (validates the partners on every call)', () => {
    for (const client of clients) recommend(client, partners);
  });

  bench('createMatcher().recommend (validated and indexed once), top 10', () => {
    for (const client of clients) matcher.recommend(client);
  });

  bench('baseline: createMatcher().recommend ranking and explaining every partner', () => {
    for (const client of clients) matcher.recommend(client, { limit: partners.length });
  });
});
