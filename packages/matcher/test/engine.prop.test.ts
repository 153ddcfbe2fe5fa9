import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTORS, type Pair } from '../src/factors';
import { QueryScoring } from '../src/factors/columns';
import {
  AllocateOptionsSchema,
  MatcherError,
  ReasonSchema,
  RecommendOptionsSchema,
  allocate,
  createMatcher,
  recommend,
  type Partner,
  type RecommendOptions,
} from '../src/index';
import { parseOptions, resolveOptions } from '../src/options';
import { prepareClient, prepareRegistry } from '../src/prepare';
import { partnerExclusion, partnerProfile } from '../src/rules/eligibility';
import { assessNeed, offeringKey } from '../src/rules/reach';
import { clientArb, offeringArb, partnersArb } from './arbitraries';

// The index relies on contracts that every factor and rule declares; these properties hold each
// of them to it directly, so that a new factor or rule that breaks one fails here by name.

/** Two pairs for a client whose priorities add up to `needWeight`, the second at least as far and meeting at most as much. */
const pairsArb = (needWeight: number) =>
  fc
    .tuple(
      fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 5000, noNaN: true })),
      fc.double({ min: 0, max: 5000, noNaN: true }),
      fc.integer({ min: 0, max: needWeight }),
      fc.integer({ min: 0, max: needWeight }),
    )
    .map(([distance, further, a, b]): [Pair, Pair] => [
      { distanceKm: distance, met: Math.max(a, b) },
      { distanceKm: Number.isNaN(distance) ? Number.NaN : distance + further, met: Math.min(a, b) },
    ]);

const clientWithPairsArb = clientArb.chain((client) => pairsArb(prepareClient(client).needWeight).map((pairs) => ({ client, pairs })));

describe('the factors keep the contracts the index relies on', () => {
  it('each gives a value in [0, 1], never above its upper bound, never rising with distance or falling with needs met, and its fixed value when it has one', () => {
    fc.assert(
      fc.property(clientWithPairsArb, partnersArb(15), ({ client, pairs: [near, far] }, partners) => {
        const registry = prepareRegistry(partners);
        const prepared = prepareClient(client);
        const options = resolveOptions({});
        FACTORS.forEach((factor, f) => {
          const query = (factor.prepare as (...args: unknown[]) => unknown)(prepared, options, registry.columns.keys[f]);
          const value = factor.value as (query: unknown, column: number, pair: Pair) => number;
          const upper = factor.upper as (query: unknown, pair: Pair) => number;
          const fixed = (factor.fixed as ((query: unknown) => number | undefined) | undefined)?.(query);
          const column = registry.columns.arrays[f];
          for (const partner of registry.partners) {
            const entry = column ? column[partner.row]! : Number.NaN;
            for (const pair of [near, far]) {
              const v = value(query, entry, pair);
              expect(v, factor.id).toBeGreaterThanOrEqual(0);
              expect(v, factor.id).toBeLessThanOrEqual(1);
              expect(upper(query, pair), factor.id).toBeGreaterThanOrEqual(v);
              if (fixed !== undefined) expect(v, `${factor.id} is fixed for this client`).toBe(fixed);
            }
            expect(value(query, entry, near), factor.id).toBeGreaterThanOrEqual(value(query, entry, far));
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the rules are held to the keys the index asks them by', () => {
  it('judges partners with one profile alike for any client', () => {
    fc.assert(
      fc.property(partnersArb(40), clientArb, (partners, client) => {
        const prepared = prepareClient(client);
        const verdicts = new Map<string, string | null>();
        for (const partner of prepareRegistry(partners).partners) {
          const profile = partnerProfile(partner);
          const verdict = partnerExclusion(prepared, partner);
          if (!verdicts.has(profile)) verdicts.set(profile, verdict);
          expect(verdict).toBe(verdicts.get(profile));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('meets a need alike with offerings of one key, at any distance', () => {
    fc.assert(
      fc.property(
        fc.array(offeringArb, { minLength: 2, maxLength: 30 }),
        clientArb,
        fc.double({ min: 0, max: 500, noNaN: true }),
        (offerings, client, distance) => {
          const prepared = prepareClient(client);
          const options = resolveOptions({});
          for (const need of prepared.needs) {
            const verdicts = new Map<string, unknown>();
            for (const offering of offerings) {
              const key = offeringKey(offering);
              const partner = { id: 'P-1', name: 'Mitra', kind: 'individual', bapasId: '020', offerings: [offering] } as Partner;
              const found = assessNeed(
                prepared,
                prepareRegistry([{ ...partner, offerings: [{ ...offering, service: need.service }] }]).partners[0]!,
                need,
                distance,
                options,
              );
              const seen = verdicts.get(key);
              if (seen === undefined) verdicts.set(key, found);
              else expect(found).toEqual(seen);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Options as a caller may send them: any number the schema's types allow, at its edges too. */
const wideNumber = fc.oneof(
  fc.double({ min: 0, max: 5000, noNaN: true }),
  fc.constantFrom(Number.MIN_VALUE, 1e-300, 1e-162, 1e-10, 0.009, 0.01, 1 - Number.EPSILON / 2, 5000),
);
const share = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(Number.MIN_VALUE, 1e-300, 1 - Number.EPSILON / 2));
const wideOptionsArb: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    weights: fc.record(Object.fromEntries(FACTORS.map((factor) => [factor.id, fc.oneof(wideNumber, fc.constant(100))])), {
      requiredKeys: [],
    }),
    proximity: fc.record(
      { scaleKm: wideNumber, offsetKm: wideNumber, decay: share, sameRegency: share, sameProvince: share },
      { requiredKeys: [] },
    ),
    defaultServiceRadiusKm: wideNumber,
  },
  { requiredKeys: [] },
);

const finiteScore = (score: number) => Number.isFinite(score) && score >= 0 && score <= 1;

describe('options the schemas accept', () => {
  it('give every match a finite score in [0, 1], through recommend, createMatcher and allocate', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(12), wideOptionsArb, (client, partners, raw) => {
        const accepted = RecommendOptionsSchema.safeParse(raw);
        if (!accepted.success) return;
        let options: RecommendOptions;
        try {
          options = parseOptions(raw);
          resolveOptions(options);
        } catch (error) {
          expect(error).toBeInstanceOf(MatcherError); // weights that add up to 0
          return;
        }
        for (const match of recommend(client, partners, { ...options, limit: 100 }).matches) expect(finiteScore(match.score)).toBe(true);
        for (const match of createMatcher(partners).recommend(client, { ...options, limit: 100 }).matches) {
          expect(finiteScore(match.score)).toBe(true);
        }
        const scoring = AllocateOptionsSchema.safeParse({ ...options });
        if (scoring.success) {
          for (const assignment of allocate([client], partners, scoring.data).assignments) expect(finiteScore(assignment.score)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuse a decay scale too small to square (it made near partners score NaN)', () => {
    for (const scaleKm of [1e-163, 1e-10, 0.009]) {
      expect(() => recommend({ id: 'K-1', needs: [{ service: 'legal-aid' }] }, [], { proximity: { scaleKm } })).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTIONS',
          issues: [expect.objectContaining({ path: ['options', 'proximity', 'scaleKm'] })],
        }),
      );
    }
  });
});

describe('reasons', () => {
  it('carry exactly the parameters of their code', () => {
    fc.assert(
      fc.property(clientArb, partnersArb(15), fc.constantFrom('id' as const, 'en' as const), (client, partners, lang) => {
        for (const match of recommend(client, partners, { limit: 100, lang }).matches) {
          for (const reason of match.reasons) expect(ReasonSchema.safeParse(reason).success, reason.code).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

// Any input the schemas refuse is a MatcherError, and so is a partner changed under a matcher.
describe('inputs the schemas refuse, and partners changed under a matcher', () => {
  const partner: Partner = {
    id: 'P-1',
    name: 'LBH Fiktif',
    kind: 'civil-society',
    bapasId: '026',
    location: { lat: -6.91, lon: 107.61 },
    offerings: [{ service: 'legal-aid' }],
    capacity: { total: 5, used: 1 },
  };
  const client = { id: 'K-1', bapasId: '026', location: { lat: -6.9, lon: 107.6 }, needs: [{ service: 'legal-aid' as const }] };

  it('names the hole of a sparse partner list', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [partner, , { ...partner, id: 'P-2' }] as Partner[];
    for (const call of [() => createMatcher(sparse), () => recommend(client, sparse), () => allocate([client], sparse)]) {
      expect(call).toThrow(
        expect.objectContaining({
          name: 'MatcherError',
          code: 'INVALID_PARTNERS',
          issues: [expect.objectContaining({ path: ['partners', 1] })],
        }),
      );
    }
  });

  it('says which partner changed after it was indexed, when it answers with it or allocates', () => {
    const changes: ((p: Partner) => void)[] = [
      (p) => (p.capacity!.used = 5),
      (p) => (p.active = false),
      (p) => (p.location = { lat: 3.6, lon: 98.7 }),
      (p) => (p.offerings = [{ service: 'legal-aid', modes: ['remote'] }]),
      (p) => (p.bapasId = '001'),
      (p) => (p.eligibility = { ageGroups: ['juvenile'] }),
      (p) => delete (p as { capacity?: unknown }).capacity,
    ];
    for (const change of changes) {
      const partners = [structuredClone(partner), { ...structuredClone(partner), id: 'P-2' }];
      const matcher = createMatcher(partners);
      expect(matcher.recommend(client).matches).toHaveLength(2);
      change(partners[1]!);
      const changed = expect.objectContaining({
        name: 'MatcherError',
        code: 'PARTNERS_CHANGED',
        issues: [expect.objectContaining({ path: ['partners', 1] })],
      });
      expect(() => matcher.recommend(client)).toThrow(changed);
      expect(() => matcher.allocate([client])).toThrow(changed);
    }
  });

  it('keeps answering when a partner changes only what it does not read (the name, the contact)', () => {
    const partners = [structuredClone(partner)];
    const matcher = createMatcher(partners);
    partners[0]!.name = 'LBH Fiktif Baru';
    partners[0]!.contact = { phone: '+62 22 000' };
    expect(matcher.recommend(client).matches[0]!.partnerId).toBe('P-1');
  });
});
