/**
 * Nothing blocks: while three maximal allocations (MAX_CLIENTS clients with MAX_NEEDS needs each)
 * run on the API, `/healthz` and a recommendation are asked for again and again, one pair at a
 * time, each on a connection of its own; their p99 is the figure. The allocations run in the
 * API's worker threads, so the event loop should answer these as if they were alone.
 */
import { request } from 'node:http';
import { MAX_NEEDS, SERVICE_IDS } from '@pokmas/matcher';
import { MAX_CLIENTS } from '../../apps/api/src/routes/allocations/allocations.routes';
import { percentile } from '../stats';
import type { Server } from './servers';

/** At once, as the issue measured: three held /healthz 6 to 10 s when they ran on the event loop. */
export const ALLOCATIONS_AT_ONCE = 3;

export interface AllocatingRun {
  readonly healthP99Ms: number;
  readonly recommendP99Ms: number;
  readonly samples: number;
  /** How long each allocation took, in ms. */
  readonly allocationMs: readonly number[];
}

/** The largest allocation one request may ask, over Bapas seats across the country. */
export function maximalAllocationBody(): string {
  const seats = ['026', '001', '016', '002', '010', '030', '040', '050'];
  return JSON.stringify({
    clients: Array.from({ length: MAX_CLIENTS }, (_, index) => ({
      id: `K-BENCH-MAX-${index}`,
      bapasId: seats[index % seats.length],
      needs: SERVICE_IDS.slice(0, MAX_NEEDS).map((service, at) => ({ service, priority: ((index + at) % 3) + 1 })),
    })),
  });
}

/** One round: three maximal allocations at once, and the pairs sampled until they all end. */
export async function loadWhileAllocating(server: Server, headers: Record<string, string>, recommendation: string): Promise<AllocatingRun> {
  const body = maximalAllocationBody();
  let pending = ALLOCATIONS_AT_ONCE;
  const allocations = Array.from({ length: ALLOCATIONS_AT_ONCE }, async () => {
    try {
      const answer = await call(`${server.url}/v1/allocations`, headers, body);
      if (answer.status !== 200) throw new Error(`http: a maximal allocation answered ${answer.status}`);
      return answer.ms;
    } finally {
      pending--;
    }
  });
  const health: number[] = [];
  const ranked: number[] = [];
  while (pending > 0) {
    const [h, r] = await Promise.all([
      call(`${server.url}/healthz`, {}),
      call(`${server.url}/v1/recommendations`, headers, recommendation),
    ]);
    if (h.status !== 200 || r.status !== 200) throw new Error(`http: /healthz answered ${h.status}, a recommendation ${r.status}`);
    health.push(h.ms);
    ranked.push(r.ms);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return {
    healthP99Ms: percentile(health, 99),
    recommendP99Ms: percentile(ranked, 99),
    samples: health.length,
    allocationMs: await Promise.all(allocations),
  };
}

function call(url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body === undefined ? 'GET' : 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
