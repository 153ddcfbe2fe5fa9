/**
 * HTTP: the project's API on the demo registry against the floor a Hono app can reach (a bare
 * Hono server validating a small JSON body with zod, `http/bare-server.ts`). Each runs as a child
 * process on 127.0.0.1 (`http/servers.ts`), so the load generator (autocannon, in this process:
 * `http/load.ts`) never shares its event loop; they are loaded in turn for a few rounds after a
 * warm-up.
 *
 * The API's answers are about fifty times larger than the bare server's, and sending one
 * (JSON.stringify, the writes, autocannon parsing it) is a large part of the gap. So a third row,
 * a reference and not a goal, loads the same bare server answering with the API's own answers
 * (captured once at the start, one per request body): the API's distance to it is what its
 * own work costs. The README's two goals stay against the plain bare server; the three
 * (server CPU, req/s and p99) are against that reference.
 *
 * The API runs as it is deployed: `LOG_LEVEL=info` (one JSON line per request on stdout, piped
 * here and drained; the lines are counted, so a run where logging was off would show), one API
 * key required on `/v1` and sent as a bearer key, the demo registry of 851 partners.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTIONS, answersOf, load, type Run, type Target } from './http/load';
import { ALLOCATIONS_AT_ONCE, loadWhileAllocating, type AllocatingRun } from './http/allocating';
import { HOST, startApi, startBare, startFileApi, type Server } from './http/servers';
import { RECOMMENDATION_REQUESTS, recommendationBody } from './requests';
import { goal, type Goal, type Section, type SectionOptions } from './section';
import { median } from './stats';

const PLAN = {
  full: { warmupSeconds: 3, seconds: 8, rounds: 3 },
  quick: { warmupSeconds: 1, seconds: 3, rounds: 1 },
} as const;

/** Realistic requests, rotated (see `requests.ts`). */
const API_BODIES = RECOMMENDATION_REQUESTS.map(recommendationBody);
/** The same spirit for the bare server: its schema is smaller, as a bare app's would be. */
const BARE_BODIES = [
  { client: { id: 'K-BENCH-1', bapasId: '026', needs: [{ service: 'job-placement', priority: 3 }, { service: 'religious-guidance' }] } },
  { client: { id: 'K-BENCH-2', regencyCode: '33.74', needs: [{ service: 'legal-aid' }] } },
  {
    client: {
      id: 'K-BENCH-3',
      bapasId: '016',
      needs: [{ service: 'skills-training', priority: 3 }, { service: 'psychological-support', priority: 2 }, { service: 'mentoring' }],
    },
    limit: 10,
  },
];

/**
 * The store against the file: the same requests to both, clients only (the options' shape
 * changed after the baseline's commit, a client's did not).
 */
const CLIENT_BODIES = RECOMMENDATION_REQUESTS.map(({ client }) => ({ client }));

/** A target's runs and their medians. */
interface Summary {
  readonly runs: readonly Run[];
  readonly rps: number;
  readonly p99Ms: number;
  readonly cpuUsPerRequest: number;
  readonly bytesPerResponse: number;
}

export async function httpSection(options: SectionOptions): Promise<Section> {
  const plan = options.quick ? PLAN.quick : PLAN.full;
  const servers: Server[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'pokmas-bench-http-'));
  try {
    const json = { 'Content-Type': 'application/json' };
    const api = await startApi();
    servers.push(api);
    const apiTarget: Target = {
      name: 'api',
      server: api,
      path: '/v1/recommendations',
      headers: { ...json, Authorization: `Bearer ${api.token}` },
      bodies: API_BODIES,
    };
    // The API's answers, once, before any load: the same-size reference sends them back as they are.
    const answersFile = join(scratch, 'answers.json');
    await writeFile(answersFile, JSON.stringify(await answersOf(apiTarget)));
    const bare = await startBare(answersFile);
    servers.push(bare);
    const targets: Target[] = [
      { name: 'bare', server: bare, path: '/echo', headers: json, bodies: BARE_BODIES },
      { name: 'bareSized', server: bare, path: '/echo-sized', headers: json, bodies: BARE_BODIES },
      apiTarget,
    ];

    for (const target of targets) {
      options.log(`http: warming up ${target.name} for ${plan.warmupSeconds} s`);
      await load(target, plan.warmupSeconds);
    }
    const runs: Record<Target['name'], Run[]> = { bare: [], bareSized: [], api: [], store: [], file: [] };
    for (let round = 1; round <= plan.rounds; round++) {
      for (const target of targets) {
        const run = await load(target, plan.seconds);
        runs[target.name].push(run);
        options.log(
          `http: round ${round}/${plan.rounds} ${target.name}: ${Math.round(run.rps)} req/s, p99 ${run.p99Ms.toFixed(2)} ms, server CPU ${Math.round(run.cpuUsPerRequest)} µs/request, ${Math.round(run.bytesPerResponse)} B/response`,
        );
      }
    }
    const apiRequests = runs.api.reduce((sum, run) => sum + run.requests, 0);
    const apiLogLines = api.lines();

    // Nothing blocks: /healthz and a recommendation while three maximal allocations run.
    const bearer = { Authorization: `Bearer ${api.token}` };
    const allocating: AllocatingRun[] = [];
    for (let round = 1; round <= plan.rounds; round++) {
      const run = await loadWhileAllocating(api, { ...json, ...bearer }, JSON.stringify(API_BODIES[0]));
      allocating.push(run);
      options.log(
        `http: round ${round}/${plan.rounds} while ${ALLOCATIONS_AT_ONCE} maximal allocations run (${run.allocationMs.map(Math.round).join(', ')} ms): ` +
          `/healthz p99 ${run.healthP99Ms.toFixed(1)} ms, recommendation p99 ${run.recommendP99Ms.toFixed(1)} ms, ${run.samples} samples`,
      );
    }
    const healthP99 = median(allocating.map((run) => run.healthP99Ms));
    const recommendP99 = median(allocating.map((run) => run.recommendP99Ms));

    // The store against the file, loaded in turn in the same rounds.
    const fileApi = await startFileApi(options.baseline);
    servers.push(fileApi);
    const fileWhat = options.baseline
      ? `${options.baseline.label}, serving the demo registry from its file`
      : 'this tree over the demo registry file (file-server.ts)';
    const pairTargets: Target[] = [
      { name: 'store', server: api, path: '/v1/recommendations', headers: { ...json, ...bearer }, bodies: CLIENT_BODIES },
      {
        name: 'file',
        server: fileApi,
        path: '/v1/recommendations',
        headers: { ...json, Authorization: `Bearer ${fileApi.token}` },
        bodies: CLIENT_BODIES,
      },
    ];
    for (const target of pairTargets) {
      await answersOf(target); // each body answers 200 on both, or the comparison stops here
      await load(target, plan.warmupSeconds);
    }
    for (let round = 1; round <= plan.rounds; round++) {
      for (const target of round % 2 === 1 ? pairTargets : [...pairTargets].reverse()) {
        const run = await load(target, plan.seconds);
        runs[target.name].push(run);
        options.log(`http: round ${round}/${plan.rounds} ${target.name}: ${Math.round(run.rps)} req/s, p99 ${run.p99Ms.toFixed(2)} ms`);
      }
    }
    const storeRuns = summarise(runs.store);
    const fileRuns = summarise(runs.file);

    const bareRuns = summarise(runs.bare);
    const sizedRuns = summarise(runs.bareSized);
    const apiRuns = summarise(runs.api);
    const apiVsBare = ratios(apiRuns, bareRuns);
    const { rpsRatio, p99Ratio } = apiVsBare;
    const sizedVsBare = ratios(sizedRuns, bareRuns);
    const apiVsSized = ratios(apiRuns, sizedRuns);

    const pair = (ratio: Ratios) => `${ratio.rpsRatio.toFixed(2)}, ${ratio.p99Ratio.toFixed(2)}`;
    const row = (name: string, summary: Summary, vsBare: string, vsSized: string): string[] => [
      name,
      String(Math.round(summary.rps)),
      summary.p99Ms.toFixed(2),
      String(Math.round(summary.cpuUsPerRequest)),
      String(Math.round(summary.bytesPerResponse)),
      summary.runs.map((run) => Math.round(run.rps)).join(' / '),
      summary.runs.map((run) => run.p99Ms.toFixed(2)).join(' / '),
      vsBare,
      vsSized,
    ];
    const figuresOf = (summary: Summary) => ({
      rps: summary.runs.map((run) => run.rps),
      p99Ms: summary.runs.map((run) => run.p99Ms),
      medianRps: summary.rps,
      medianP99Ms: summary.p99Ms,
      cpuUsPerRequest: summary.runs.map((run) => run.cpuUsPerRequest),
      medianCpuUsPerRequest: summary.cpuUsPerRequest,
      medianBytesPerResponse: summary.bytesPerResponse,
    });
    return {
      id: 'http',
      title:
        `HTTP on ${HOST}: ${CONNECTIONS} connections, ${plan.seconds} s a run, ${plan.rounds} round${plan.rounds === 1 ? '' : 's'} after a ${plan.warmupSeconds} s warm-up. ` +
        "The README's goals are against the bare server; the issue's are against the reference row, the bare server sending the API's own answers.",
      headers: [
        'server',
        'req/s (median)',
        'p99 ms (median)',
        'server CPU µs/request',
        'bytes/response',
        'req/s by round',
        'p99 ms by round',
        'vs bare (req/s, p99)',
        'vs reference (req/s, p99)',
      ],
      rows: [
        row('bare Hono + zod (POST /echo)', bareRuns, '1, 1', ''),
        row("reference: bare, the API's answers (POST /echo-sized)", sizedRuns, pair(sizedVsBare), '1, 1'),
        row('API, demo registry (POST /v1/recommendations)', apiRuns, pair(apiVsBare), pair(apiVsSized)),
      ],
      figures: {
        connections: CONNECTIONS,
        pipelining: 1,
        durationSeconds: plan.seconds,
        warmupSeconds: plan.warmupSeconds,
        rounds: plan.rounds,
        bare: figuresOf(bareRuns),
        api: figuresOf(apiRuns),
        rpsRatio,
        p99Ratio,
        apiRequests,
        apiLogLines,
        /**
         * A reference, not a goal: the bare server validating the same body and answering with the
         * API's own answer (captured once per request body), so it pays the same JSON.stringify,
         * writes and client-side parsing; `api` against it is what the API's own work costs.
         */
        sameSizeReference: {
          ...figuresOf(sizedRuns),
          vsBare: sizedVsBare,
          apiVsReference: apiVsSized,
        },
        whileAllocating: {
          allocationsAtOnce: ALLOCATIONS_AT_ONCE,
          runs: allocating,
          medianHealthP99Ms: healthP99,
          medianRecommendP99Ms: recommendP99,
        },
        storeVsFile: { file: fileWhat, store: figuresOf(storeRuns), held: figuresOf(fileRuns), rpsRatio: storeRuns.rps / fileRuns.rps },
      },
      goals: [
        ...httpGoals(apiRuns, bareRuns, sizedRuns),
        ...allocatingGoals(healthP99, recommendP99),
        storeGoal(storeRuns.rps, fileRuns.rps, fileWhat),
      ],
      tables: [
        {
          title: `While ${ALLOCATIONS_AT_ONCE} maximal allocations (1,000 clients x 16 needs) run: one /healthz and one recommendation at a time, each on a connection of its own`,
          headers: ['round', 'allocations ms', 'samples', '/healthz p99 ms', 'recommendation p99 ms'],
          rows: allocating.map((run, index) => [
            String(index + 1),
            run.allocationMs.map(Math.round).join(' / '),
            String(run.samples),
            run.healthP99Ms.toFixed(1),
            run.recommendP99Ms.toFixed(1),
          ]),
        },
        {
          title: `Recommendations, the registry in the store against the same registry held as a file (${fileWhat}), loaded in turn`,
          headers: ['server', 'req/s (median)', 'p99 ms (median)', 'req/s by round'],
          rows: [
            [
              'API, registry in the store',
              String(Math.round(storeRuns.rps)),
              storeRuns.p99Ms.toFixed(2),
              storeRuns.runs.map((run) => Math.round(run.rps)).join(' / '),
            ],
            [
              `held as a file: ${fileWhat}`,
              String(Math.round(fileRuns.rps)),
              fileRuns.p99Ms.toFixed(2),
              fileRuns.runs.map((run) => Math.round(run.rps)).join(' / '),
            ],
            ['store / file', (storeRuns.rps / fileRuns.rps).toFixed(3), '', ''],
          ],
        },
      ],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The figures a goal reads of a target's medians. */
export type Medians = Pick<Summary, 'rps' | 'p99Ms' | 'cpuUsPerRequest'>;

/**
 * The README's goals (the API beside the plain bare server: req/s at least 0.8x, p99 at most
 * 2x) and the (beside the bare server sending the API's own answers: server CPU per
 * request at most 1.25x, req/s at least 0.8x, p99 at most 2x).
 */
export function httpGoals(api: Medians, bare: Medians, reference: Medians): Goal[] {
  const what = 'recommendations on the demo registry';
  const rps = (of: Medians) => `${Math.round(of.rps)} req/s`;
  const p99 = (of: Medians) => `${of.p99Ms.toFixed(2)} ms`;
  const cpu = (of: Medians) => `${Math.round(of.cpuUsPerRequest)} µs`;
  const beside = (show: (of: Medians) => string, to: Medians, name: string) => ({ beside: `${name}: ${show(to)}, API: ${show(api)}` });
  return [
    goal(
      {
        id: 'http-rps',
        text: `${what}: at least 0.8x the requests per second of a bare Hono + zod server`,
        unit: 'x bare req/s',
        kind: 'min',
        limit: 0.8,
      },
      api.rps / bare.rps,
      beside(rps, bare, 'bare'),
    ),
    goal(
      {
        id: 'http-p99',
        text: `${what}: p99 latency at most 2x that of a bare Hono + zod server`,
        unit: 'x bare p99',
        kind: 'max',
        limit: 2,
      },
      api.p99Ms / bare.p99Ms,
      beside(p99, bare, 'bare'),
    ),
    goal(
      {
        id: 'http-cpu-reference',
        text: `${what}: server CPU per request at most 1.25x the bare server's sending the same answers`,
        unit: 'x reference CPU',
        kind: 'max',
        limit: 1.25,
      },
      api.cpuUsPerRequest / reference.cpuUsPerRequest,
      beside(cpu, reference, 'reference'),
    ),
    goal(
      {
        id: 'http-rps-reference',
        text: `${what}: at least 0.8x the requests per second of the bare server sending the same answers`,
        unit: 'x reference req/s',
        kind: 'min',
        limit: 0.8,
      },
      api.rps / reference.rps,
      beside(rps, reference, 'reference'),
    ),
    goal(
      {
        id: 'http-p99-reference',
        text: `${what}: p99 latency at most 2x that of the bare server sending the same answers`,
        unit: 'x reference p99',
        kind: 'max',
        limit: 2,
      },
      api.p99Ms / reference.p99Ms,
      beside(p99, reference, 'reference'),
    ),
  ];
}

/** The issue's: `/healthz` and a recommendation keep a p99 under 100 ms while three maximal allocations run. */
export function allocatingGoals(healthP99Ms: number, recommendP99Ms: number): Goal[] {
  const spec = (id: string, what: string) => ({
    id,
    text: `${what} while ${ALLOCATIONS_AT_ONCE} maximal allocations run: p99 under 100 ms`,
    unit: 'ms',
    kind: 'max' as const,
    limit: 100,
  });
  return [
    goal(spec('http-healthz-p99-allocating', '/healthz'), healthP99Ms),
    goal(spec('http-recommend-p99-allocating', 'a recommendation'), recommendP99Ms),
  ];
}

/** The issue's: recommendations per second with the store at least 0.95x those from the same registry held as a file. */
export function storeGoal(storeRps: number, fileRps: number, file: string): Goal {
  return goal(
    {
      id: 'http-rps-store-vs-file',
      text: 'recommendations with the registry in the store: at least 0.95x the requests per second of the same registry held as a file',
      unit: 'x file req/s',
      kind: 'min',
      limit: 0.95,
    },
    storeRps / fileRps,
    { beside: `file (${file}): ${Math.round(fileRps)} req/s, store: ${Math.round(storeRps)} req/s` },
  );
}

interface Ratios {
  readonly rpsRatio: number;
  readonly p99Ratio: number;
}

/** `of`'s medians over `to`'s: above 1 is more req/s, or a longer p99. */
function ratios(of: Summary, to: Summary): Ratios {
  return { rpsRatio: of.rps / to.rps, p99Ratio: of.p99Ms / to.p99Ms };
}

function summarise(runs: readonly Run[]): Summary {
  return {
    runs,
    rps: median(runs.map((run) => run.rps)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    cpuUsPerRequest: median(runs.map((run) => run.cpuUsPerRequest)),
    bytesPerResponse: median(runs.map((run) => run.bytesPerResponse)),
  };
}
