/**
 * Referrals: `POST /v1/referrals` from 32 callers at once against the API as a child process on
 * 127.0.0.1 (`http/servers.ts`), on the embedded store (SQLite) and on PostgreSQL, each seeded
 * with the demo registry in which every partner one simple client can be referred to has 1 to 6
 * free places the run knows (`referrals/pairs.ts`). The callers crowd the first few partners not
 * yet full (`referrals/window.ts`), so most requests race for a last place or find none (409
 * `no-capacity`) and some take one (201), for the whole run.
 *
 * Then it reads back what was made (`referrals/readback.ts`): no partner may hold more referrals
 * than it had free places, its held count must be the referrals holding, and the 201s must be the
 * referrals stored (`referrals/booking.ts`). Any of those, or an answer other than 201 and 409,
 * fails the section. On SQLite, recommendations are loaded alone and again while the 32 callers
 * refer: what referral writes cost the counsellors searching meanwhile.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_REGISTRY_FILE } from '@pokmas/directory';
import type { Partner } from '@pokmas/matcher';
import { CONNECTIONS, load, type Run, type Target } from './http/load';
import { HOST, startApi } from './http/servers';
import { bookingProblems, checkBookings, type BookingCheck } from './referrals/booking';
import { CALLERS, referFor, type ReferRun, type ReferralTarget } from './referrals/callers';
import { MAX_FREE_PLACES, benchRegistry, freePlaces, referralPairs, type ReferralPair } from './referrals/pairs';
import { POSTGRES_HOW, createDatabase, findPostgres } from './referrals/postgres';
import { servedReferrals, storedPartners } from './referrals/readback';
import { PartnerWindow } from './referrals/window';
import { formatNumber } from './report';
import { RECOMMENDATION_REQUESTS, recommendationBody } from './requests';
import { goal, notAsked, type Goal, type GoalSpec, type Section, type SectionOptions, type Table } from './section';

export interface ReferralPlan {
  /** Each measurement: the callers alone, recommendations alone, both together. */
  readonly seconds: number;
  /** Referrals and recommendations before the first measurement (the places it takes are read back too). */
  readonly warmupSeconds: number;
}

export const REFERRAL_PLAN: ReferralPlan = { seconds: 5, warmupSeconds: 1 };
export const QUICK_REFERRAL_PLAN: ReferralPlan = { seconds: 1, warmupSeconds: 0.5 };

/** Partners the callers crowd at once: with 3.5 free places each on average, 32 callers ask for over twice the places. */
export const WINDOW_WIDTH = 4;

export type DatabaseName = 'SQLite' | 'PostgreSQL';

/** One database's runs and what was read back. */
export interface DatabaseFigures {
  readonly database: DatabaseName;
  /** Where the database was: a temporary DATA_DIR, PG_TEST_URL or a cluster started for the run. */
  readonly origin: string;
  readonly warmup: ReferRun;
  readonly alone: ReferRun;
  /** SQLite only: the callers while recommendations were loaded too. */
  readonly besideRecommendations: ReferRun | null;
  readonly check: BookingCheck;
  /** Free places of the paired partners, before the run. */
  readonly freePlaces: number;
  /** Requests answered with neither 201 nor 409, by status and code, over every run. */
  readonly unexpected: Readonly<Record<string, number>>;
}

export interface RecommendationFigures {
  readonly connections: number;
  readonly alone: Run;
  readonly whileReferring: Run;
  /** Recommendations per second while the callers refer, over those alone. */
  readonly rpsRatio: number;
  readonly p99Ratio: number;
}

export interface ReferralFigures {
  readonly plan: ReferralPlan;
  readonly callers: number;
  readonly windowWidth: number;
  readonly pairs: number;
  readonly sqlite: DatabaseFigures;
  readonly postgres: DatabaseFigures | { readonly skipped: string };
  readonly recommendations: RecommendationFigures;
}

/** The recommendation requests of the HTTP section, rotated. */
const RECOMMENDATION_BODIES = RECOMMENDATION_REQUESTS.map(recommendationBody);

/** Every answer of every run that was neither a 201 nor a 409, summed by status and code. */
function unexpectedOf(runs: readonly (ReferRun | null)[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const run of runs) for (const [key, count] of Object.entries(run?.others ?? {})) sums[key] = (sums[key] ?? 0) + count;
  return sums;
}

/** The problems a database's figures show: answers other than 201 and 409, and what the read-back found. */
export function databaseProblems(figures: DatabaseFigures): string[] {
  const unexpected = Object.entries(figures.unexpected);
  return [
    ...(unexpected.length > 0
      ? [`answers other than 201 and 409: ${unexpected.map(([key, count]) => `${count} x ${key}`).join(', ')}`]
      : []),
    ...bookingProblems(figures.check),
  ].map((problem) => `${figures.database}: ${problem}`);
}

/** The server a database's runs go to, and the callers' shared state. */
interface OnServer {
  readonly api: Awaited<ReturnType<typeof startApi>>;
  readonly target: ReferralTarget;
  readonly log: (line: string) => void;
}

/** What a database's runs measured, before the read-back. */
interface Runs {
  readonly warmup: ReferRun;
  readonly alone: ReferRun;
  readonly besideRecommendations: ReferRun | null;
}

/**
 * Starts the API on one store seeded from `registryFile`, lets `measure` load it, then reads
 * back what was made, checks it and stops the server.
 */
async function onDatabase<Extra extends Runs>(
  database: DatabaseName,
  store: { readonly databaseUrl?: string; readonly origin: string },
  registryFile: string,
  pairs: readonly ReferralPair[],
  options: SectionOptions,
  measure: (on: OnServer) => Promise<Extra>,
): Promise<{ figures: DatabaseFigures; measured: Extra }> {
  const log = (line: string) => options.log(`referrals: ${database}: ${line}`);
  const api = await startApi({ registryFile, ...(store.databaseUrl === undefined ? {} : { databaseUrl: store.databaseUrl }) });
  try {
    const target: ReferralTarget = {
      url: api.url,
      token: api.token,
      cpuSeconds: () => api.cpuSeconds(),
      pairs,
      window: new PartnerWindow(pairs.length, WINDOW_WIDTH),
      created: new Map(),
      clientPrefix: `K-BENCH-R-${database === 'SQLite' ? 'S' : 'P'}`,
      sent: 0,
    };
    const measured = await measure({ api, target, log });
    const { warmup, alone, besideRecommendations } = measured;
    if (target.window.exhausted) log('every partner was full before the runs ended: the last requests were all 409s');

    log('reading back every referral and partner');
    const referrals = await servedReferrals(api.url, api.token);
    const partners = await storedPartners(
      store.databaseUrl === undefined ? { dataDir: api.dataDir } : { databaseUrl: store.databaseUrl },
      pairs,
    );
    const check = checkBookings(partners, referrals, target.created);
    log(
      `read back ${check.holding} holding referrals at ${check.partners} partners: ${check.overbookedPlaces} places overbooked, ` +
        `${check.heldMismatches.length} held counts off, ${check.acknowledgedMismatches.length} partners whose 201s differ from those stored`,
    );
    const figures: DatabaseFigures = {
      database,
      origin: store.origin,
      warmup,
      alone,
      besideRecommendations,
      check,
      freePlaces: freePlaces(pairs),
      unexpected: unexpectedOf([warmup, alone, besideRecommendations]),
    };
    return { figures, measured };
  } finally {
    await api.stop();
    await rm(api.dataDir, { recursive: true, force: true });
  }
}

function sayRun(log: (line: string) => void, what: string, run: ReferRun, pairs: number): void {
  log(
    `${what}: ${Math.round(run.rps)} req/s, ${Math.round(run.createdPerSecond)} 201/s (${run.created} made), ` +
      `${run.conflicts['no-capacity'] ?? 0} x 409 no-capacity, p99 ${run.p99Ms.toFixed(1)} ms, ` +
      `server CPU ${Math.round(run.cpuUsPerRequest)} µs/request, ${run.partnersFull} of ${pairs} partners full` +
      `${Object.keys(run.others).length > 0 ? `, UNEXPECTED ${JSON.stringify(run.others)}` : ''}`,
  );
}

/** The callers for a warm-up, then alone for the plan's seconds. */
async function referralRuns({ target, log }: OnServer, plan: ReferralPlan): Promise<Runs> {
  log(`warming up for ${plan.warmupSeconds} s`);
  const warmup = await referFor(target, plan.warmupSeconds);
  const alone = await referFor(target, plan.seconds);
  sayRun(log, `${CALLERS} callers for ${plan.seconds} s`, alone, target.pairs.length);
  return { warmup, alone, besideRecommendations: null };
}

/** The referral runs, then recommendations alone and again while the callers refer. */
async function referralAndRecommendationRuns(on: OnServer, plan: ReferralPlan): Promise<Runs & { recommendations: RecommendationFigures }> {
  const { api, target, log } = on;
  const runs = await referralRuns(on, plan);
  const recommendations: Target = {
    name: 'api',
    server: api,
    path: '/v1/recommendations',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${api.token}` },
    bodies: RECOMMENDATION_BODIES,
  };
  await load(recommendations, plan.warmupSeconds);
  const alone = await load(recommendations, plan.seconds);
  log(`recommendations alone: ${Math.round(alone.rps)} req/s, p99 ${alone.p99Ms.toFixed(2)} ms`);
  const [whileReferring, besideRecommendations] = await Promise.all([load(recommendations, plan.seconds), referFor(target, plan.seconds)]);
  log(`recommendations while ${CALLERS} callers refer: ${Math.round(whileReferring.rps)} req/s, p99 ${whileReferring.p99Ms.toFixed(2)} ms`);
  sayRun(log, 'the callers meanwhile', besideRecommendations, target.pairs.length);
  return {
    ...runs,
    besideRecommendations,
    recommendations: {
      connections: CONNECTIONS,
      alone,
      whileReferring,
      rpsRatio: whileReferring.rps / alone.rps,
      p99Ratio: whileReferring.p99Ms / alone.p99Ms,
    },
  };
}

/** PostgreSQL's figures, on a database of the run's own, or why it was skipped. */
async function measureOnPostgres(
  registryFile: string,
  pairs: readonly ReferralPair[],
  plan: ReferralPlan,
  options: SectionOptions,
): Promise<DatabaseFigures | { skipped: string }> {
  const server = await findPostgres(options.pgTestUrl, options.log);
  if ('skipped' in server) {
    options.log(`referrals: PostgreSQL skipped: ${server.skipped}; ${POSTGRES_HOW}`);
    return server;
  }
  try {
    const database = await createDatabase(server.url);
    try {
      const store = { databaseUrl: database.url, origin: server.origin };
      return (await onDatabase('PostgreSQL', store, registryFile, pairs, options, (on) => referralRuns(on, plan))).figures;
    } finally {
      await database.drop();
    }
  } finally {
    await server.stop();
  }
}

export async function referralsSection(options: SectionOptions): Promise<Section> {
  const plan = options.quick ? QUICK_REFERRAL_PLAN : REFERRAL_PLAN;
  const demo = JSON.parse(await readFile(DEMO_REGISTRY_FILE, 'utf8')) as { partners: Partner[] };
  const pairs = referralPairs(demo.partners);
  options.log(`referrals: ${pairs.length} partners with ${freePlaces(pairs)} free places in all`);
  const scratch = await mkdtemp(join(tmpdir(), 'pokmas-bench-referrals-'));
  try {
    const registryFile = join(scratch, 'registry.json');
    await writeFile(registryFile, JSON.stringify(benchRegistry(demo, pairs)));
    const sqlite = await onDatabase('SQLite', { origin: 'a temporary DATA_DIR' }, registryFile, pairs, options, (on) =>
      referralAndRecommendationRuns(on, plan),
    );
    const postgres = await measureOnPostgres(registryFile, pairs, plan, options);
    const figures: ReferralFigures = {
      plan,
      callers: CALLERS,
      windowWidth: WINDOW_WIDTH,
      pairs: pairs.length,
      sqlite: sqlite.figures,
      postgres,
      recommendations: sqlite.measured.recommendations,
    };
    const problems = [sqlite.figures, ...('skipped' in postgres ? [] : [postgres])].flatMap(databaseProblems);
    if (problems.length > 0) throw new Error(problems.join('; '));
    return { id: 'referrals', ...referralTables(figures), figures, goals: referralGoals(figures) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const OVERBOOKING: Record<DatabaseName, GoalSpec> = {
  SQLite: {
    id: 'referrals-overbooking-sqlite',
    text: `referrals from ${CALLERS} callers at once on SQLite: places overbooked`,
    unit: 'places',
    kind: 'max',
    limit: 0,
  },
  PostgreSQL: {
    id: 'referrals-overbooking-postgres',
    text: `referrals from ${CALLERS} callers at once on PostgreSQL: places overbooked`,
    unit: 'places',
    kind: 'max',
    limit: 0,
  },
};

/**
 * Recommendations keep the pace they would if a referral cost the server no more than a
 * recommendation. The server answers its open requests in turn, so with the callers' 32 loops
 * beside autocannon's 10 connections, recommendations keep `10 c / (10 c + 32 r)` of their pace
 * alone (`c` a recommendation's cost, `r` a referral request's, made or refused): `10 / 42` when
 * `r = c`, whatever the machine. Below it, a referral costs more than a ranking of the registry.
 */
export const FAIR_SHARE = CONNECTIONS / (CONNECTIONS + CALLERS);

export const RECOMMEND_WHILE_REFERRING: GoalSpec = {
  id: 'referrals-recommend-while-referring',
  text:
    `recommendations while ${CALLERS} callers refer (SQLite): at least ${CONNECTIONS}/${CONNECTIONS + CALLERS} of their requests per second alone ` +
    '(a referral costing the server no more than a recommendation)',
  unit: 'x alone req/s',
  kind: 'min',
  limit: Math.floor(FAIR_SHARE * 100) / 100,
};

/** No place overbooked on either database (PostgreSQL not asked when skipped); recommendations keep their share while referrals are made. */
export function referralGoals(figures: ReferralFigures): Goal[] {
  const overbooking = (of: DatabaseFigures) =>
    goal(OVERBOOKING[of.database], of.check.overbookedPlaces, {
      beside: `${formatNumber(of.check.holding)} holding for ${formatNumber(of.freePlaces)} free places at ${formatNumber(of.check.partners)} partners`,
    });
  const { recommendations, sqlite } = figures;
  const short = figures.plan.seconds < REFERRAL_PLAN.seconds;
  return [
    overbooking(sqlite),
    'skipped' in figures.postgres ? notAsked(OVERBOOKING.PostgreSQL, POSTGRES_HOW) : overbooking(figures.postgres),
    goal(
      short
        ? { ...RECOMMEND_WHILE_REFERRING, text: `${RECOMMEND_WHILE_REFERRING.text} (${figures.plan.seconds} s runs: a short run)` }
        : RECOMMEND_WHILE_REFERRING,
      recommendations.rpsRatio,
      {
        // A ratio of 1 s runs on a noisy machine is no verdict; the overbooking goals are one at any length.
        shortRun: short,
        beside:
          `alone: ${Math.round(recommendations.alone.rps)} req/s, while referring: ${Math.round(recommendations.whileReferring.rps)} req/s; ` +
          `server CPU per referral request alone: ${Math.round(sqlite.alone.cpuUsPerRequest)} µs, per recommendation alone: ${Math.round(recommendations.alone.cpuUsPerRequest)} µs`,
      },
    ),
  ];
}

const count = (value: number) => formatNumber(value);
const ms = (value: number) => formatNumber(value, 1);

/** The section's tables: the callers' runs, what was read back, and recommendations beside referrals. */
export function referralTables(figures: ReferralFigures): Pick<Section, 'title' | 'headers' | 'rows' | 'tables'> {
  const databases = [figures.sqlite, ...('skipped' in figures.postgres ? [] : [figures.postgres])];
  // The server's CPU per request is the callers' own only when they ran alone.
  const runRow = (of: DatabaseFigures, what: string, run: ReferRun, alone: boolean): string[] => {
    const otherConflicts = Object.entries(run.conflicts).filter(([code]) => code !== 'no-capacity');
    return [
      `${of.database}: ${what}`,
      formatNumber(run.seconds, 1),
      count(Math.round(run.rps)),
      count(Math.round(run.createdPerSecond)),
      count(run.created),
      count(run.conflicts['no-capacity'] ?? 0),
      count(otherConflicts.reduce((sum, [, value]) => sum + value, 0)),
      count(Object.values(run.others).reduce((sum, value) => sum + value, 0)),
      ms(run.p50Ms),
      ms(run.p99Ms),
      alone ? count(Math.round(run.cpuUsPerRequest)) : '',
      `${count(run.partnersFull)}${run.exhausted ? ' (all)' : ''}`,
    ];
  };
  const skipped = 'skipped' in figures.postgres ? [['PostgreSQL: skipped (see below)']] : [];
  const { recommendations } = figures;
  const recommendationRow = (what: string, run: Run, alone: boolean, ratio: string[]): string[] => [
    what,
    count(Math.round(run.rps)),
    formatNumber(run.p50Ms, 2),
    formatNumber(run.p99Ms, 2),
    alone ? count(Math.round(run.cpuUsPerRequest)) : '',
    ...ratio,
  ];
  const tables: Table[] = [
    {
      title: 'Read back after the runs: referrals listed by GET /v1/referrals, capacity and held places from the store',
      headers: [
        'database',
        'partners',
        'free places',
        'holding referrals',
        'overbooked places',
        'held counts off',
        'partners whose 201s differ from those stored',
      ],
      rows: databases.map((of) => [
        `${of.database} (${of.origin})`,
        count(of.check.partners),
        count(of.freePlaces),
        count(of.check.holding),
        count(of.check.overbookedPlaces),
        count(of.check.heldMismatches.length),
        count(of.check.acknowledgedMismatches.length),
      ]),
    },
    {
      title: `Recommendations on SQLite (${recommendations.connections} connections, autocannon), alone and while ${figures.callers} callers refer`,
      headers: ['recommendations', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/request', 'req/s ratio', 'p99 ratio'],
      rows: [
        recommendationRow('alone', recommendations.alone, true, ['1', '1']),
        recommendationRow(`while ${figures.callers} callers refer`, recommendations.whileReferring, false, [
          formatNumber(recommendations.rpsRatio, 2),
          formatNumber(recommendations.p99Ratio, 2),
        ]),
      ],
    },
  ];
  if ('skipped' in figures.postgres) {
    tables.push({ title: 'PostgreSQL: skipped', headers: ['why', 'to measure it'], rows: [[figures.postgres.skipped, POSTGRES_HOW]] });
  }
  return {
    title:
      `Referrals on ${HOST}: ${figures.callers} callers posting POST /v1/referrals for ${figures.plan.seconds} s a run, ` +
      `crowding ${figures.windowWidth} partners at a time of ${count(figures.pairs)} with 1 to ${MAX_FREE_PLACES} free places each (only 201 and 409 may answer)`,
    headers: [
      'database: run',
      's',
      'requests/s',
      '201/s',
      '201',
      '409 no-capacity',
      '409 other',
      'other statuses',
      'p50 ms',
      'p99 ms',
      'server CPU µs/request',
      'partners full',
    ],
    rows: [
      ...databases.flatMap((of) => [
        runRow(of, 'callers alone', of.alone, true),
        ...(of.besideRecommendations ? [runRow(of, 'beside recommendations', of.besideRecommendations, false)] : []),
      ]),
      ...skipped,
    ],
    tables,
  };
}
