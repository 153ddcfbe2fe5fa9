import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, haversineKm, recommend, type Client, type Match, type Partner, type Recommendation } from '../src/index';
import { clientArb, partnersArb, serviceArb } from './arbitraries';

const ALL = { limit: 10_000 };

const permutationOf = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

const scoreOf = (result: Recommendation, partnerId: string): number | undefined =>
  result.matches.find((match) => match.partnerId === partnerId)?.score;

/** A client, the partners, and one of the partners that is matched. */
const matchedArb = fc
  .tuple(clientArb, partnersArb(20))
  .map(([client, partners]) => ({ client, partners, result: recommend(client, partners, ALL) }))
  .filter(({ result }) => result.matches.length > 0)
  .chain((found) => fc.constantFrom(...found.result.matches).map((match) => ({ ...found, match })));

const replace = (partners: readonly Partner[], partner: Partner): Partner[] =>
  partners.map((each) => (each.id === partner.id ? partner : each));

describe('recommend: properties', () => {
  it('is deterministic and independent of the order of partners', () => {
    fc.assert(
      fc.property(
        clientArb,
        partnersArb().chain((partners) => fc.tuple(fc.constant(partners), permutationOf(partners))),
        (client, [partners, shuffled]) => {
          const options = { explainExclusions: true };
          expect(recommend(client, shuffled, options)).toEqual(recommend(client, partners, options));
        },
      ),
    );
  });

  it('gives scores in [0, 1], best first, ties broken by partner id', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(), (client, partners) => {
        const { matches } = recommend(client, partners, ALL);
        matches.forEach((match, index) => {
          expect(match.score).toBeGreaterThanOrEqual(0);
          expect(match.score).toBeLessThanOrEqual(1);
          const next = matches[index + 1];
          if (next) expect(match.score > next.score || (match.score === next.score && match.partnerId < next.partnerId)).toBe(true);
        });
      }),
    );
  });

  it('makes the factor contributions add up to the score', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(), (client, partners) => {
        for (const match of recommend(client, partners, ALL).matches) {
          const sum = match.factors.reduce((total, factor) => total + factor.contribution, 0);
          expect(sum).toBeCloseTo(match.score, 12);
          expect(match.factors.reduce((total, factor) => total + factor.weight, 0)).toBeCloseTo(1, 12);
        }
      }),
    );
  });

  it('accounts for every partner: matched or excluded for exactly one reason', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(), (client, partners) => {
        const result = recommend(client, partners, { ...ALL, explainExclusions: true });
        const ids = [...result.matches.map((match) => match.partnerId), ...result.excluded.flatMap((entry) => entry.partnerIds ?? [])];
        expect(ids.sort()).toEqual(partners.map((partner) => partner.id).sort());
        for (const entry of result.excluded) expect(entry.count).toBe(entry.partnerIds?.length);
      }),
    );
  });

  it('never lowers a partner score when it offers one more service', () => {
    fc.assert(
      fc.property(matchedArb, serviceArb, ({ client, partners, result, match }, service) => {
        const partner = partners.find((each) => each.id === match.partnerId)!;
        fc.pre(!partner.offerings.some((offering) => offering.service === service));
        const richer = { ...partner, offerings: [...partner.offerings, { service, modes: ['in-person' as const, 'remote' as const] }] };
        const after = scoreOf(recommend(client, replace(partners, richer), ALL), partner.id);
        expect(after).toBeDefined();
        expect(after!).toBeGreaterThanOrEqual(scoreOf(result, partner.id)!);
      }),
    );
  });

  it('never lowers a partner score when it moves closer to the client', () => {
    fc.assert(
      fc.property(matchedArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ client, partners, result, match }, t) => {
        const partner = partners.find((each) => each.id === match.partnerId)!;
        fc.pre(client.location !== undefined && partner.location !== undefined);
        const from = partner.location!;
        const to = client.location!;
        const moved = { lat: from.lat + (to.lat - from.lat) * t, lon: from.lon + (to.lon - from.lon) * t };
        fc.pre(haversineKm(moved, to) <= haversineKm(from, to));
        const after = scoreOf(recommend(client, replace(partners, { ...partner, location: moved }), ALL), partner.id);
        expect(after).toBeDefined();
        expect(after!).toBeGreaterThanOrEqual(scoreOf(result, partner.id)!);
      }),
    );
  });

  it('never lowers a partner score when it has more free places', () => {
    fc.assert(
      fc.property(matchedArb, fc.integer({ min: 1, max: 20 }), ({ client, partners, result, match }, more) => {
        const partner = partners.find((each) => each.id === match.partnerId)!;
        fc.pre(partner.capacity !== undefined);
        const roomier = { ...partner, capacity: { total: partner.capacity!.total + more, used: partner.capacity!.used } };
        const after = scoreOf(recommend(client, replace(partners, roomier), ALL), partner.id);
        expect(after!).toBeGreaterThanOrEqual(scoreOf(result, partner.id)!);
      }),
    );
  });

  it('returns as top k the first k of the full ranking', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(30), fc.integer({ min: 1, max: 12 }), (client, partners, k) => {
        const full = recommend(client, partners, ALL).matches;
        expect(recommend(client, partners, { limit: k }).matches).toEqual(full.slice(0, k));
      }),
    );
  });

  it('never breaks a hard rule', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(), (client, partners) => {
        for (const match of recommend(client, partners, ALL).matches) {
          expectHardRulesHold(
            client,
            partners.find((partner) => partner.id === match.partnerId)!,
            match,
          );
        }
      }),
    );
  });

  it('answers through createMatcher exactly as recommend does', () => {
    fc.assert(
      fc.property(
        clientArb,
        partnersArb(),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom('id' as const, 'en' as const),
        (client, partners, limit, lang) => {
          const options = { limit, lang, explainExclusions: true };
          expect(createMatcher(partners).recommend(client, options)).toEqual(recommend(client, partners, options));
          expect(createMatcher(partners, { lang }).recommend(client, { limit, explainExclusions: true })).toEqual(
            recommend(client, partners, options),
          );
        },
      ),
    );
  });

  it('never changes its inputs', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(), (client, partners) => {
        const before = structuredClone({ client, partners });
        recommend(client, partners, { weights: { proximity: 2 } });
        createMatcher(partners).recommend(client);
        expect({ client, partners }).toEqual(before);
      }),
    );
  });
});

/** The hard rules, restated independently of the implementation. */
function expectHardRulesHold(client: Client, partner: Partner, match: Match): void {
  expect(partner.active).not.toBe(false);
  if (partner.capacity) expect(partner.capacity.total - partner.capacity.used).toBeGreaterThan(0);
  const ageGroups = partner.eligibility?.ageGroups;
  if (client.ageGroup === 'juvenile') expect(ageGroups).toContain('juvenile');
  else if (ageGroups) expect(ageGroups).toContain('adult');
  const genders = partner.eligibility?.genders;
  if (genders) expect(genders).toContain(client.gender);
  expect(match.covered.length).toBeGreaterThan(0);

  const distance = client.location && partner.location ? haversineKm(client.location, partner.location) : null;
  for (const need of match.covered) {
    const offering = partner.offerings.find((each) => each.service === need.service)!;
    expect(offering).toBeDefined();
    for (const mode of need.modes) {
      expect(offering.modes ?? ['in-person']).toContain(mode);
      if (client.modes) expect(client.modes).toContain(mode);
      if (mode !== 'remote') {
        if (distance === null) {
          expect(client.regencyCode).toBe(partner.regencyCode);
        } else {
          expect(distance).toBeLessThanOrEqual((partner.serviceRadiusKm ?? 50) + 1e-9);
          expect(distance).toBeLessThanOrEqual((client.maxDistanceKm ?? Infinity) + 1e-9);
        }
      }
    }
    if (need.service === 'religious-guidance' && client.religion && offering.religions) {
      expect(offering.religions).toContain(client.religion);
    }
    if (client.sectors && offering.sectors) {
      expect(offering.sectors.some((sector) => client.sectors!.includes(sector))).toBe(true);
    }
  }
}
