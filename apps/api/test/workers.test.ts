import { loadDemoRegistry } from '@pokmas/directory';
import { SERVICE_IDS } from '@pokmas/matcher';
import { afterAll, describe, expect, test } from 'vitest';
import { createApp } from '../src/app';
import { parseConfig } from '../src/env';
import { prepareRegistry } from '../src/lib/registry-store';
import { createWorkerPool, retryAfterSeconds, type Workers } from '../src/workers/pool';
import { snapshotOf } from '../src/workers/snapshot';
import { fixtureRegistry, makeStore, postJson } from './fixtures';

// Worker threads start from the sources (tsx) and allocate real cohorts: seconds, not milliseconds.
const SLOW = { timeout: 60_000 };

const pools: Workers[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

/** The same store served twice: on the calling thread, and through a pool of worker threads. */
async function appsOver(registry = fixtureRegistry(), pool = { threads: 2, queueLimit: 8 }) {
  const { store, live, directory } = await makeStore(registry);
  const workers = createWorkerPool(pool);
  pools.push(workers);
  const config = parseConfig({});
  return {
    inline: createApp({ directory, registry: live, store, config }),
    pooled: createApp({ directory, registry: live, store, config, workers }),
    live,
    workers,
  };
}

const demo = async () => {
  const file = await loadDemoRegistry();
  return { ...fixtureRegistry('demo', file.partners), pokmas: file.pokmas };
};

/** A cohort of `count` clients at Bapas seats, each with `needs` services. */
const cohort = (count: number, needs: number = SERVICE_IDS.length, seats = ['026', '001', '016', '002']) =>
  Array.from({ length: count }, (_, index) => ({
    id: `K-${index}`,
    bapasId: seats[index % seats.length]!,
    needs: SERVICE_IDS.slice(0, needs).map((service, at) => ({ service, priority: ((index + at) % 3) + 1 })),
  }));

/** Status, the headers that matter, and the body as text: what a client sees. */
const seen = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  cache: res.headers.get('cache-control'),
  body: (await res.text()).replace(/,"requestId":"[^"]+"/, ''),
});

describe('allocations and coverage in worker threads', () => {
  test('an allocation answers exactly as on the event loop, for the demo registry and a cohort of 200 clients', SLOW, async () => {
    const { inline, pooled } = await appsOver(await demo());
    const body = postJson({ clients: cohort(200, 6), options: { minScore: 0.2, weighting: 'priority' } });
    const [here, there] = await Promise.all([
      inline.request('/v1/allocations', body),
      pooled.request('/v1/allocations', postJson({ clients: cohort(200, 6), options: { minScore: 0.2, weighting: 'priority' } })),
    ]);
    const [a, b] = [await seen(here), await seen(there)];
    expect(b.status).toBe(200);
    expect(JSON.parse(b.body).assignments.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
  });

  test('a refusal of the library in a worker (repeated ids) is the same 422 at the id', async () => {
    const { inline, pooled } = await appsOver();
    const clients = [...cohort(2, 1), { ...cohort(1, 1)[0]!, id: 'K-1' }];
    const [a, b] = await Promise.all([
      Promise.resolve(inline.request('/v1/allocations', postJson({ clients }))).then(seen),
      Promise.resolve(pooled.request('/v1/allocations', postJson({ clients }))).then(seen),
    ]);
    expect(b.status).toBe(422);
    expect(JSON.parse(b.body).issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([['clients', 2, 'id']]);
    expect(b).toEqual(a);
  });

  test('coverage (JSON, CSV, the map, the page) answers exactly as on the event loop', SLOW, async () => {
    const { inline, pooled } = await appsOver(await demo());
    for (const path of [
      '/v1/coverage',
      '/v1/coverage?service=legal-aid&province=32',
      '/v1/coverage?format=csv',
      '/v1/coverage/map.svg',
      '/coverage',
    ]) {
      const [a, b] = await Promise.all([
        Promise.resolve(inline.request(path)).then(seen),
        Promise.resolve(pooled.request(path)).then(seen),
      ]);
      expect(b.status, path).toBe(200);
      expect(b, path).toEqual(a);
    }
  });

  test('a request keeps the registry it started with: each registry is its own snapshot, read once', async () => {
    const { live, workers } = await appsOver();
    const first = live.current();
    const fewer = prepareRegistry(fixtureRegistry('fixture-2', fixtureRegistry().partners.slice(0, 2)));
    const [a, b] = await Promise.all([snapshotOf(first), snapshotOf(fewer)]);
    expect(a.id).not.toBe(b.id);
    expect(await snapshotOf(first)).toBe(a);
    const places = [{ id: '026', location: { lat: -6.93, lon: 107.62 } }];
    const [wide, narrow] = await Promise.all([workers.coverage(first, places), workers.coverage(fewer, places)]);
    expect(wide.places[0]!.services.some((cell) => cell.service === 'legal-aid' && cell.partners === 1)).toBe(true);
    expect(narrow.places[0]!.services.find((cell) => cell.service === 'legal-aid')!.partners).toBe(0);
  });
});

describe('the bounded queue', () => {
  test('more allocations than threads + queue: the rest answer 503 with Retry-After, none is lost, the others 200', SLOW, async () => {
    const { pooled } = await appsOver(await demo(), { threads: 1, queueLimit: 2 });
    const sent = 7;
    const send = async () => {
      const res = await pooled.request('/v1/allocations', postJson({ clients: cohort(300) }));
      return { res, body: (await res.json()) as Record<string, any> };
    };
    const answers = await Promise.all(Array.from({ length: sent }, send));
    expect(answers).toHaveLength(sent);
    const ok = answers.filter(({ res }) => res.status === 200);
    const busy = answers.filter(({ res }) => res.status === 503);
    expect(ok.length + busy.length).toBe(sent);
    expect(ok).toHaveLength(3);
    for (const { res, body } of busy) {
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(body).toMatchObject({ type: 'urn:pokmas:problem:unavailable', status: 503 });
    }
    for (const { body } of ok) expect(body.stats.clients).toBe(300);
    // Once the pool has room again, the next one is taken.
    expect((await pooled.request('/v1/allocations', postJson({ clients: cohort(3) }))).status).toBe(200);
  });

  test('a coverage refused by a full pool is not kept: the next request measures it', SLOW, async () => {
    const { pooled } = await appsOver(await demo(), { threads: 1, queueLimit: 0 });
    const [allocation, refused] = await Promise.all([
      pooled.request('/v1/allocations', postJson({ clients: cohort(300) })),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => pooled.request('/v1/coverage')),
    ]);
    expect(allocation.status).toBe(200);
    expect(refused.status).toBe(503);
    expect((await pooled.request('/v1/coverage')).status).toBe(200);
  });

  test('Retry-After is the held work at the mean run time: at least 1 s, at most a minute', () => {
    expect(retryAfterSeconds(Number.NaN, 3, 1)).toBe(1);
    expect(retryAfterSeconds(0, 3, 1)).toBe(1);
    expect(retryAfterSeconds(1200, 3, 1)).toBe(4);
    expect(retryAfterSeconds(1200, 4, 2)).toBe(3);
    expect(retryAfterSeconds(40_000, 10, 1)).toBe(60);
  });
});
