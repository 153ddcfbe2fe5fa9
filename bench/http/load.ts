/**
 * The load generator: autocannon, in this process, against one server at a time. Every
 * response's latency is kept (autocannon's own histogram rounds to whole milliseconds), and the
 * server's CPU time is read before and after, so a run reports server CPU per request too.
 */
import { createRequire } from 'node:module';
import { percentile } from '../stats';
import type { Server } from './servers';

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

/** Open connections, each sending its next request when the last is answered (a closed loop). */
export const CONNECTIONS = 10;

/** What is loaded: one route of one server, with the request bodies it rotates through. */
export interface Target {
  readonly name: 'bare' | 'bareSized' | 'api' | 'store' | 'file';
  readonly server: Server;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly bodies: readonly { client: { id: string } }[];
}

export interface Run {
  readonly rps: number;
  /** From every response's latency. */
  readonly p99Ms: number;
  readonly p50Ms: number;
  readonly requests: number;
  /** The server's CPU time (user + system) per request, in µs: steadier than req/s on a shared machine; NaN off Linux. */
  readonly cpuUsPerRequest: number;
  /** Bytes received per response, headers included. */
  readonly bytesPerResponse: number;
}

/** One answer of the target per body, by client id; throws unless each is a 200 JSON answer. */
export async function answersOf(target: Target): Promise<Record<string, unknown>> {
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
export async function load(target: Target, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let bytes = 0;
  const cpuBefore = target.server.cpuSeconds();
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
  const cpu = target.server.cpuSeconds() - cpuBefore;
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
