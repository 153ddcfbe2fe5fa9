/**
 * HTTP: the project's API on the demo registry against the floor a Hono app can reach (a bare
 * Hono server validating a small JSON body with zod, `servers/bare.ts`). Each runs as a child
 * process on 127.0.0.1, so the load generator (autocannon, in this process) never shares its
 * event loop; they are loaded in turn for a few rounds after a warm-up.
 *
 * The API's answers are about a hundred times larger than the bare server's, and sending one
 * (JSON.stringify, the writes, autocannon parsing it) is a large part of the gap. So a third row,
 * a reference and not a goal, loads the same bare server answering with the API's own answers
 * (captured once at the start, one per request body): the API's distance to it is what its
 * own work costs. The goals stay against the plain bare server, as the README states them.
 *
 * The API runs as it is deployed: `LOG_LEVEL=info` (one JSON line per request on stdout, piped
 * here and drained; the lines are counted, so a run where logging was off would show), one API
 * key required on `/v1` and sent as a bearer key, the demo registry of 851 partners.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goal, type Section, type SectionOptions } from './section';
import { median, percentile } from './stats';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonOptions {
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  requests: { method: 'POST'; path: string; headers: Record<string, string>; body: string }[];
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  '2xx': number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
}
type Instance = PromiseLike<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => Instance;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = '127.0.0.1';
/** A key of the form API_KEYS takes; only ever sent to 127.0.0.1. */
const API_KEY = 'bench-key-0123456789abcdef';

const PLAN = {
  full: { warmupSeconds: 3, seconds: 8, rounds: 3 },
  quick: { warmupSeconds: 1, seconds: 3, rounds: 1 },
} as const;
const CONNECTIONS = 10;

/** Realistic requests, rotated: a client at a Bapas, one with a regency code, one with a point. */
const API_BODIES = [
  {
    client: {
      id: 'K-BENCH-1',
      bapasId: '026',
      ageGroup: 'adult',
      needs: [{ service: 'job-placement', priority: 3 }, { service: 'religious-guidance' }],
    },
    lang: 'en',
  },
  { client: { id: 'K-BENCH-2', regencyCode: '33.74', needs: [{ service: 'legal-aid' }] } },
  {
    client: {
      id: 'K-BENCH-3',
      bapasId: '016',
      regencyCode: '13.71',
      gender: 'female',
      needs: [{ service: 'skills-training', priority: 3 }, { service: 'psychological-support', priority: 2 }, { service: 'mentoring' }],
    },
  },
];
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

interface Server {
  readonly name: 'bare' | 'api';
  readonly url: string;
  readonly child: ChildProcess;
  /** Lines the server wrote on stdout (the API's request log). */
  lines(): number;
  stop(): Promise<void>;
}

interface Target {
  readonly name: 'bare' | 'bareSized' | 'api';
  readonly server: Server;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly bodies: readonly { client: { id: string } }[];
}

interface Run {
  readonly rps: number;
  /** From every response's latency (autocannon's own histogram rounds to whole milliseconds). */
  readonly p99Ms: number;
  readonly p50Ms: number;
  readonly requests: number;
  /** The server's CPU time (user + system) per request, in µs: steadier than req/s on a shared machine; NaN off Linux. */
  readonly cpuUsPerRequest: number;
  /** Bytes received per response, headers included. */
  readonly bytesPerResponse: number;
}

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
    const api = await startServer('api', 'apps/api/src/index.ts', { LOG_LEVEL: 'info', API_KEYS: API_KEY });
    servers.push(api);
    const apiTarget: Target = {
      name: 'api',
      server: api,
      path: '/v1/recommendations',
      headers: { ...json, Authorization: `Bearer ${API_KEY}` },
      bodies: API_BODIES,
    };
    // The API's answers, once, before any load: the same-size reference sends them back as they are.
    const answersFile = join(scratch, 'answers.json');
    await writeFile(answersFile, JSON.stringify(await answersOf(apiTarget)));
    const bare = await startServer('bare', 'bench/servers/bare.ts', { ANSWERS_FILE: answersFile });
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
    const runs: Record<Target['name'], Run[]> = { bare: [], bareSized: [], api: [] };
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
        "The goals are against the bare server; the reference row, not a goal, is the bare server sending the API's own answers.",
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
      },
      goals: [
        goal(
          'http-rps',
          'recommendations on the demo registry: at least 0.8x the requests per second of a bare Hono + zod server',
          rpsRatio,
          'x bare req/s',
          'min',
          0.8,
        ),
        goal(
          'http-p99',
          'recommendations on the demo registry: p99 latency at most 2x that of a bare Hono + zod server',
          p99Ratio,
          'x bare p99',
          'max',
          2,
        ),
      ],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(scratch, { recursive: true, force: true });
  }
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

/** One answer of the target per body, by client id; throws unless each is a 200 JSON answer. */
async function answersOf(target: Target): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const body of target.bodies) {
    const res = await fetch(`${target.server.url}${target.path}`, { method: 'POST', headers: target.headers, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`http: ${target.name} answered ${res.status} to ${body.client.id}: ${text.slice(0, 500)}`);
    answers[body.client.id] = JSON.parse(text);
  }
  return answers;
}

/** Loads one target for `seconds`; throws unless every response was a 2xx, so a broken server cannot look fast. */
async function load(target: Target, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let bytes = 0;
  const cpuBefore = cpuSeconds(target.server.child.pid);
  const instance = autocannon({
    url: target.server.url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: target.bodies.map((body) => ({ method: 'POST', path: target.path, headers: target.headers, body: JSON.stringify(body) })),
  });
  instance.on('response', (_client, _status, received, ms) => {
    latencies.push(ms);
    bytes += received;
  });
  const result = await instance;
  const cpu = cpuSeconds(target.server.child.pid) - cpuBefore;
  const failed = result.non2xx + result.errors + result.timeouts + result.resets;
  if (failed > 0 || result['2xx'] === 0) {
    throw new Error(
      `http: ${target.name} answered ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts, ` +
        `${result.resets} resets (and ${result['2xx']} 2xx) on POST ${target.path}`,
    );
  }
  return {
    rps: result.requests.total / result.duration,
    p99Ms: percentile(latencies, 99),
    p50Ms: percentile(latencies, 50),
    requests: result.requests.total,
    cpuUsPerRequest: (cpu * 1e6) / result.requests.total,
    bytesPerResponse: bytes / latencies.length,
  };
}

/** Starts a server as a child process on a free port; resolves once `/healthz` answers 200. */
async function startServer(name: Server['name'], script: string, env: Record<string, string>): Promise<Server> {
  // The child's environment says everything it reads: no REGISTRY_FILE, CORS_ORIGINS or limits inherited.
  const { REGISTRY_FILE, CORS_ORIGINS, MAX_BODY_BYTES, API_KEYS, LOG_LEVEL, ...inherited } = process.env;
  void [REGISTRY_FILE, CORS_ORIGINS, MAX_BODY_BYTES, API_KEYS, LOG_LEVEL];
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@pokmas/source', script], {
    cwd: ROOT,
    env: { ...inherited, ...env, PORT: '0', HOST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines = 0;
  let stderr = '';
  let firstLine: ((line: string) => void) | undefined;
  let pending = '';
  // Drained all along: a full pipe would block the server's synchronous writes to stdout.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (firstLine) {
      pending += chunk;
      const end = pending.indexOf('\n');
      if (end >= 0) {
        firstLine(pending.slice(0, end));
        firstLine = undefined;
      }
    }
    for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) lines++;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Should this process end without the finally blocks (an uncaught error), the server ends with it.
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  const stop = async () => {
    process.off('exit', orphan);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const started = performance.now();
  try {
    const line = await Promise.race([
      new Promise<string>((resolve) => (firstLine = resolve)),
      exited.then(() => {
        throw new Error(`http: the ${name} server exited before listening: ${stderr.trim()}`);
      }),
      sleep(30_000).then(() => {
        throw new Error(`http: the ${name} server did not listen within 30 s: ${stderr.trim()}`);
      }),
    ]);
    const { url } = JSON.parse(line) as { url: string };
    await ready(`${url}/healthz`, started + 30_000);
    return { name, url, child, lines: () => lines, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function ready(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not yet
    }
    if (performance.now() > deadline) throw new Error(`http: ${url} did not answer 200 in time`);
    await sleep(50);
  }
}

/** CPU seconds a process has used (user + system), from /proc; NaN where there is no /proc. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** `getconf CLK_TCK`: 100 on every Linux Node supports. */
const CLOCK_TICKS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
