import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { recommend, type Partner } from '@pokmas/matcher';
import { DEMO_REGISTRY_FILE, loadDirectory, parseRegistry } from '@pokmas/directory';
import { NewReferralBodySchema } from '../../apps/api/src/routes/referrals/referrals.routes';
import type { Run } from '../http/load';
import {
  RECOMMEND_WHILE_REFERRING,
  databaseProblems,
  referralGoals,
  referralTables,
  type DatabaseFigures,
  type ReferralFigures,
} from '../referrals';
import { bookingProblems, checkBookings, type BookedPartner, type BookedReferral } from '../referrals/booking';
import type { ReferRun } from '../referrals/callers';
import { MAX_FREE_PLACES, benchRegistry, freePlaces, placesOf, referralBody, referralPairs } from '../referrals/pairs';
import { PartnerWindow } from '../referrals/window';

const holding = (partnerId: string, count: number, status = 'requested'): BookedReferral[] =>
  Array.from({ length: count }, () => ({ partnerId, status }));

describe('the overbooking check', () => {
  const partners: BookedPartner[] = [
    { id: 'P-1', capacity: { total: 3, used: 1 }, held: 2 },
    { id: 'P-2', capacity: { total: 1, used: 0 }, held: 1 },
    { id: 'P-3', held: 0 },
  ];

  it('finds nothing when every partner holds at most its free places, its held count is its holding referrals and the 201s are those stored', () => {
    const referrals = [...holding('P-1', 2), ...holding('P-2', 1), ...holding('P-1', 4, 'cancelled')];
    const check = checkBookings(
      partners,
      referrals,
      new Map([
        ['P-1', 2],
        ['P-2', 1],
      ]),
    );
    expect(check).toMatchObject({
      partners: 3,
      holding: 3,
      overbookedPlaces: 0,
      overbooked: [],
      heldMismatches: [],
      acknowledgedMismatches: [],
    });
    expect(bookingProblems(check)).toEqual([]);
  });

  it('counts each holding referral beyond the free places (total - used) as a place overbooked', () => {
    const over = [
      { id: 'P-1', capacity: { total: 3, used: 1 }, held: 4 },
      { id: 'P-2', capacity: { total: 1, used: 0 }, held: 2 },
    ];
    const check = checkBookings(over, [...holding('P-1', 4), ...holding('P-2', 2)]);
    expect(check.overbookedPlaces).toBe(3);
    expect(check.overbooked).toEqual([
      { partnerId: 'P-1', free: 2, holding: 4 },
      { partnerId: 'P-2', free: 1, holding: 2 },
    ]);
    expect(check.heldMismatches).toEqual([]);
    expect(bookingProblems(check)).toEqual(['3 places overbooked at 2 partners (P-1: 4 holding for 2 free, P-2: 2 holding for 1 free)']);
  });

  it('counts every status that holds a place, and none that does not', () => {
    const statuses = ['requested', 'accepted', 'in-progress', 'on-hold', 'declined', 'cancelled', 'expired', 'completed', 'ended-early'];
    const check = checkBookings(
      [{ id: 'P-1', capacity: { total: 3, used: 0 }, held: 4 }],
      statuses.map((status) => ({ partnerId: 'P-1', status })),
    );
    expect(check.holding).toBe(4);
    expect(check.overbookedPlaces).toBe(1);
  });

  it('never overbooks a partner without a capacity, however many referrals it holds', () => {
    expect(checkBookings([{ id: 'P-3', held: 50 }], holding('P-3', 50)).overbookedPlaces).toBe(0);
  });

  it('reports a held count that is not the holding referrals, within the free places or not', () => {
    const check = checkBookings(partners, [...holding('P-1', 1), ...holding('P-2', 1)]);
    expect(check.overbookedPlaces).toBe(0);
    expect(check.heldMismatches).toEqual([{ partnerId: 'P-1', held: 2, holding: 1 }]);
    expect(bookingProblems(check)).toEqual(['held places differ from the referrals holding them at 1 partner (P-1: held 2, 1 holding)']);
  });

  it('reports a 201 that was not stored, a referral stored without one, and a referral to a partner not read back', () => {
    const check = checkBookings(
      partners,
      [...holding('P-1', 2), ...holding('P-2', 1), ...holding('P-9', 1)],
      new Map([
        ['P-1', 1],
        ['P-7', 1],
      ]),
    );
    expect(check.acknowledgedMismatches).toEqual([
      { partnerId: 'P-1', acknowledged: 1, holding: 2 },
      { partnerId: 'P-2', acknowledged: 0, holding: 1 },
      { partnerId: 'P-7', acknowledged: 1, holding: 0 },
    ]);
    expect(check.unknownPartners).toEqual(['P-9']);
    expect(bookingProblems(check)).toHaveLength(2);
  });

  it('names three partners and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, at) => ({ id: `P-${at}`, capacity: { total: 1, used: 0 }, held: 2 }));
    const [problem] = bookingProblems(
      checkBookings(
        many,
        many.flatMap(({ id }) => holding(id, 2)),
      ),
    );
    expect(problem).toBe(
      '5 places overbooked at 5 partners (P-0: 2 holding for 1 free, P-1: 2 holding for 1 free, P-2: 2 holding for 1 free, and 2 more)',
    );
  });

  it('leaves its inputs as they were', () => {
    const referrals = holding('P-1', 3);
    const frozen = JSON.stringify([partners, referrals]);
    checkBookings(partners, referrals, new Map([['P-1', 3]]));
    expect(JSON.stringify([partners, referrals])).toBe(frozen);
  });
});

describe('the window of partners the callers crowd', () => {
  const take = (window: PartnerWindow, count: number) => Array.from({ length: count }, () => window.next());

  it('asks the first partners in turn, width at a time', () => {
    expect(take(new PartnerWindow(10, 4), 9)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0]);
  });

  it('moves past a partner once it answers no-capacity, even from inside the window', () => {
    const window = new PartnerWindow(10, 3);
    window.refused(1);
    expect(take(window, 3)).toEqual([0, 2, 3]);
    window.refused(0);
    expect(take(window, 3)).toEqual([2, 3, 4]);
    expect(window.fullCount).toBe(2);
  });

  it('asks the last partners left when fewer than the width are, then every partner once all are full', () => {
    const window = new PartnerWindow(3, 4);
    window.refused(0);
    window.refused(1);
    expect(take(window, 2)).toEqual([2, 2]);
    expect(window.exhausted).toBe(false);
    window.refused(2);
    expect(window.exhausted).toBe(true);
    expect(take(window, 4)).toEqual([2, 0, 1, 2]);
  });

  it('refuses a window over no partner or of no width', () => {
    expect(() => new PartnerWindow(0)).toThrow(/over 0 partners/);
    expect(() => new PartnerWindow(5, 0)).toThrow(/0 partners wide/);
  });
});

describe('the partners and clients referred', async () => {
  const demo = JSON.parse(await readFile(DEMO_REGISTRY_FILE, 'utf8')) as { partners: Partner[] };
  const pairs = referralPairs(demo.partners);

  it('pair most of the demo registry, each partner once, with 1 to 6 free places', () => {
    expect(pairs.length).toBeGreaterThan(demo.partners.length * 0.9);
    expect(new Set(pairs.map((pair) => pair.partnerId)).size).toBe(pairs.length);
    for (const [at, pair] of pairs.entries()) {
      expect(pair.capacity).toEqual(placesOf(at));
      expect(pair.free).toBe(pair.capacity.total - pair.capacity.used);
      expect(pair.free).toBeGreaterThanOrEqual(1);
      expect(pair.free).toBeLessThanOrEqual(MAX_FREE_PLACES);
    }
    expect(freePlaces(pairs)).toBe(pairs.reduce((sum, pair) => sum + pair.free, 0));
  });

  it('send bodies the API accepts, for a client the matcher ranks the partner for and whose need it covers', () => {
    const byId = new Map(demo.partners.map((partner) => [partner.id, partner]));
    for (const pair of pairs) {
      const body: unknown = JSON.parse(referralBody(pair, 'K-BENCH-R-1'));
      const parsed = NewReferralBodySchema.safeParse(body);
      expect(parsed.success, `${pair.partnerId}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      const partner = { ...byId.get(pair.partnerId)!, capacity: pair.capacity };
      const [match] = recommend({ id: 'K-1', ...pair.client }, [partner], { limit: 1 }).matches;
      expect(
        match?.covered.map((need) => need.service),
        pair.partnerId,
      ).toContain(pair.services[0]);
    }
  });

  it('leave out a partner the client cannot be referred to: retired, or with no place to be at', () => {
    const [first] = demo.partners;
    const retired = { ...first!, id: 'P-RETIRED', active: false };
    const nowhere = { ...first!, id: 'P-NOWHERE', location: undefined };
    expect(referralPairs([retired, nowhere, first!]).map((pair) => pair.partnerId)).toEqual([first!.id]);
  });

  it('seed a registry file the server reads, changing only the paired partners’ capacity, the demo file untouched', async () => {
    const before = JSON.stringify(demo);
    const file = benchRegistry(demo, pairs);
    expect(JSON.stringify(demo)).toBe(before);
    const registry = parseRegistry(JSON.stringify(file), 'json', await loadDirectory());
    const capacities = new Map(pairs.map((pair) => [pair.partnerId, pair.capacity]));
    expect(registry.partners).toHaveLength(demo.partners.length);
    for (const [at, partner] of registry.partners.entries()) {
      const original = demo.partners[at]!;
      expect(partner.capacity).toEqual(capacities.get(partner.id) ?? original.capacity);
      expect({ ...partner, capacity: undefined }).toEqual({ ...original, capacity: undefined });
    }
  });
});

const run = (overrides: Partial<ReferRun> = {}): ReferRun => ({
  callers: 32,
  seconds: 5,
  requests: 3_500,
  created: 850,
  conflicts: { 'no-capacity': 2_650 },
  others: {},
  rps: 700,
  createdPerSecond: 170,
  p50Ms: 40,
  p99Ms: 95,
  cpuUsPerRequest: 1_400,
  partnersFull: 360,
  exhausted: false,
  ...overrides,
});

const database = (name: DatabaseFigures['database'], overrides: Partial<DatabaseFigures> = {}): DatabaseFigures => ({
  database: name,
  origin: 'a temporary DATA_DIR',
  warmup: run({ seconds: 1 }),
  alone: run(),
  besideRecommendations: name === 'SQLite' ? run() : null,
  check: checkBookings([{ id: 'P-1', capacity: { total: 2, used: 0 }, held: 2 }], holding('P-1', 2)),
  freePlaces: 2,
  unexpected: {},
  ...overrides,
});

const recommendationRun = (rps: number): Run => ({
  rps,
  p99Ms: 10,
  p50Ms: 5,
  requests: rps * 5,
  cpuUsPerRequest: 550,
  bytesPerResponse: 9_000,
});

const figures = (overrides: Partial<ReferralFigures> = {}, whileReferring = 400): ReferralFigures => ({
  plan: { seconds: 5, warmupSeconds: 1 },
  callers: 32,
  windowWidth: 4,
  pairs: 828,
  sqlite: database('SQLite'),
  postgres: database('PostgreSQL'),
  recommendations: {
    connections: 10,
    alone: recommendationRun(1_000),
    whileReferring: recommendationRun(whileReferring),
    rpsRatio: whileReferring / 1_000,
    p99Ratio: 1,
  },
  ...overrides,
});

const byId = (entries: ReturnType<typeof referralGoals>) => Object.fromEntries(entries.map((entry) => [entry.id, entry]));

describe('the referral goals', () => {
  it('are met with no place overbooked on either database', () => {
    const goals = byId(referralGoals(figures()));
    expect(goals['referrals-overbooking-sqlite']).toMatchObject({ verdict: 'met', measured: 0, limit: 0, unit: 'places' });
    expect(goals['referrals-overbooking-postgres']).toMatchObject({ verdict: 'met', measured: 0 });
    expect(goals['referrals-overbooking-sqlite']!.beside).toBe('2 holding for 2 free places at 1 partners');
  });

  it('are not met by one place overbooked', () => {
    const over = checkBookings([{ id: 'P-1', capacity: { total: 2, used: 1 }, held: 2 }], holding('P-1', 2));
    const goals = byId(referralGoals(figures({ postgres: database('PostgreSQL', { check: over }) })));
    expect(goals['referrals-overbooking-postgres']).toMatchObject({ verdict: 'not-met', measured: 1 });
    expect(goals['referrals-overbooking-sqlite']!.verdict).toBe('met');
  });

  it('do not ask for PostgreSQL when it was skipped, and say how to ask', () => {
    const goals = byId(referralGoals(figures({ postgres: { skipped: 'no PostgreSQL' } })));
    expect(goals['referrals-overbooking-postgres']).toMatchObject({ verdict: 'not-asked', measured: null });
    expect(goals['referrals-overbooking-postgres']!.beside).toMatch(/PG_TEST_URL/);
  });

  it('ask recommendations to keep 10/42 of their pace alone while the callers refer', () => {
    expect(RECOMMEND_WHILE_REFERRING.limit).toBe(0.23);
    expect(byId(referralGoals(figures({}, 230)))['referrals-recommend-while-referring']).toMatchObject({ verdict: 'met', measured: 0.23 });
    const slow = byId(referralGoals(figures({}, 120)))['referrals-recommend-while-referring']!;
    expect(slow).toMatchObject({ verdict: 'not-met', measured: 0.12 });
    expect(slow.beside).toMatch(/^alone: 1000 req\/s, while referring: 120 req\/s; server CPU per referral request alone: 1400 µs/);
  });

  it('give the recommendations goal no verdict over the short runs of a quick run, but the overbooking goals one', () => {
    const over = checkBookings([{ id: 'P-1', capacity: { total: 1, used: 0 }, held: 2 }], holding('P-1', 2));
    const goals = byId(
      referralGoals(figures({ plan: { seconds: 1, warmupSeconds: 0.5 }, sqlite: database('SQLite', { check: over }) }, 120)),
    );
    expect(goals['referrals-recommend-while-referring']).toMatchObject({ verdict: 'short-run', met: false });
    expect(goals['referrals-recommend-while-referring']!.text).toMatch(/1 s runs: a short run/);
    expect(goals['referrals-overbooking-sqlite']).toMatchObject({ verdict: 'not-met', measured: 1 });
  });
});

describe('what fails the section', () => {
  it('is nothing when only 201s and 409s answered and the read-back found nothing', () => {
    expect(databaseProblems(database('SQLite'))).toEqual([]);
  });

  it('is any answer other than 201 and 409, named by status and code, and whatever the read-back found', () => {
    const over = checkBookings([{ id: 'P-1', capacity: { total: 1, used: 0 }, held: 2 }], holding('P-1', 2));
    expect(databaseProblems(database('PostgreSQL', { unexpected: { '422 ineligible-age': 2, error: 1 }, check: over }))).toEqual([
      'PostgreSQL: answers other than 201 and 409: 2 x 422 ineligible-age, 1 x error',
      'PostgreSQL: 1 place overbooked at 1 partner (P-1: 2 holding for 1 free)',
    ]);
  });
});

describe('the referral tables', () => {
  it('give every row a cell for each header, and a row and a table saying PostgreSQL was skipped', () => {
    const tables = referralTables(figures({ postgres: { skipped: 'no PostgreSQL here' } }));
    expect(tables.rows.map((row) => row[0])).toEqual([
      'SQLite: callers alone',
      'SQLite: beside recommendations',
      'PostgreSQL: skipped (see below)',
    ]);
    for (const row of tables.rows.slice(0, 2)) expect(row).toHaveLength(tables.headers.length);
    const skipped = tables.tables!.at(-1)!;
    expect(skipped.rows[0]![0]).toBe('no PostgreSQL here');
    expect(skipped.rows[0]![1]).toMatch(/PG_TEST_URL/);
  });

  it('mark the runs in which every partner was full', () => {
    const tables = referralTables(figures({ sqlite: database('SQLite', { alone: run({ exhausted: true, partnersFull: 828 }) }) }));
    expect(tables.rows[0]!.at(-1)).toBe('828 (all)');
  });
});
