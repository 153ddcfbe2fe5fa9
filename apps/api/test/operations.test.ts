import { createMatcher, type Matcher } from '@pokmas/matcher';
import { describe, expect, test } from 'vitest';
import { SYSTEM_ACTOR, type Store } from '@pokmas/store';
import { parseConfig } from '../src/env';
import { createLogger } from '../src/lib/logger';
import { prepareRegistry } from '../src/lib/registry-store';
import type { LiveRegistry } from '../src/store/live-registry';
import { fixtureRegistry, makeApp, PARTNERS, postJson } from './fixtures';

async function appWithLogs(env: Record<string, string> = {}) {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const config = parseConfig(env);
  const logger = createLogger(config.logLevel, (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const { app, live, store } = await makeApp(env, fixtureRegistry(), logger);
  return { app, live, store, logger, lines, raw };
}

/** Serves the registry with its matcher's methods replaced by `overrides`. */
function swapMatcher(live: LiveRegistry, overrides: (matcher: Matcher) => Partial<Matcher>): void {
  const loaded = live.current();
  live.swap({ ...loaded, matcher: { ...loaded.matcher, ...overrides(loaded.matcher) } });
}

describe('request logs', () => {
  test('one JSON line per request: id, method, route pattern, status, latency; never a body, a query or a client field', async () => {
    const { app, lines, raw } = await appWithLogs();
    const client = {
      id: 'K-SECRET-7731',
      bapasId: '026',
      religion: 'islam',
      location: { lat: -6.123456, lon: 107.654321 },
      needs: [{ service: 'legal-aid' }],
    };
    const ok = await app.request('/v1/recommendations', postJson({ client }, { 'X-Request-Id': 'req-1' }));
    await app.request('/v1/recommendations', postJson({ client: { ...client, needs: 'K-SECRET-7731' } }));
    await app.request('/v1/partners/P-001?near=-6.123456,107.654321');
    await app.request('/v1/nowhere/K-SECRET-7731');

    expect(ok.status).toBe(200);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'request',
      requestId: 'req-1',
      method: 'POST',
      route: '/v1/recommendations',
      status: 200,
      ms: expect.any(Number),
    });
    expect(lines.map((line) => [line.route, line.status])).toEqual([
      ['/v1/recommendations', 200],
      ['/v1/recommendations', 422],
      ['/v1/partners/:id', 200],
      [null, 404],
    ]);
    for (const line of raw) {
      expect(line).not.toMatch(/K-SECRET|islam|6\.123456|107\.654321|legal-aid/);
    }
  });

  test('LOG_LEVEL=warn drops request lines', async () => {
    const { app, lines } = await appWithLogs({ LOG_LEVEL: 'warn' });
    await app.request('/v1/taxonomy');
    expect(lines).toEqual([]);
  });
});

describe('unexpected errors', () => {
  test('a bug is a 500 problem without its message or stack; the log has the request id and stack frames, not the message', async () => {
    const { app, live, lines } = await appWithLogs();
    swapMatcher(live, () => ({
      recommendValidated: () => {
        throw new Error('boom with K-SECRET-7731 inside');
      },
    }));
    const res = await app.request(
      '/v1/recommendations',
      postJson({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'legal-aid' }] } }, { 'X-Request-Id': 'req-500' }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ type: 'urn:pokmas:problem:internal', status: 500, requestId: 'req-500' });
    expect(text).not.toMatch(/boom|K-SECRET|at \w|\.ts/);
    const logged = lines.find((line) => line.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', requestId: 'req-500', error: 'Error' });
    expect(JSON.stringify(logged)).not.toMatch(/boom|K-SECRET/);
  });
  test('partners changed after the matcher indexed them are a fault of the server: 500, logged with the code, nothing of them echoed', async () => {
    const { app, live, lines } = await appWithLogs();
    const partners = structuredClone(PARTNERS);
    live.swap(prepareRegistry(fixtureRegistry('fixture-changed', partners)));
    // A registry object changed in place, as a careless reload might: the matcher's index no longer holds.
    partners[0]!.capacity = { total: 10, used: 10 };
    const res = await app.request(
      '/v1/recommendations',
      postJson({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement' }] } }, { 'X-Request-Id': 'req-changed' }),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      type: 'urn:pokmas:problem:internal',
      title: 'Internal Server Error',
      status: 500,
      detail: expect.stringMatching(/unexpected error occurred on the server/),
      requestId: 'req-changed',
    });
    expect(text).not.toMatch(/partners|createMatcher|P-001|BLK/);
    expect(lines.find((line) => line.msg === 'unhandled error')).toMatchObject({
      level: 'error',
      requestId: 'req-changed',
      error: 'MatcherError',
      code: 'PARTNERS_CHANGED',
    });
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({ status: 500 });
  });

  test('a recommendation is validated once, by the route: the matcher is called without parsing again', async () => {
    const { app, live } = await appWithLogs();
    let validated = 0;
    swapMatcher(live, (matcher) => ({
      recommend: () => {
        throw new Error('the validating entry point was called');
      },
      recommendValidated: (client, options) => {
        validated++;
        return matcher.recommendValidated(client, options);
      },
    }));
    const res = await app.request(
      '/v1/recommendations',
      postJson({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement' }] } }),
    );
    expect(res.status).toBe(200);
    expect(validated).toBe(1);
  });

  test('an allocation is validated once, by the route, and repeated client ids are still a 422 at the id', async () => {
    const { app, live } = await appWithLogs();
    let validated = 0;
    swapMatcher(live, (matcher) => ({
      allocate: () => {
        throw new Error('the validating entry point was called');
      },
      allocateValidated: (clients, options) => {
        validated++;
        return matcher.allocateValidated(clients, options);
      },
    }));
    const client = (id: string) => ({ id, bapasId: '026', needs: [{ service: 'job-placement' }] });
    const res = await app.request('/v1/allocations', postJson({ clients: [client('K-1'), client('K-2')], options: { minScore: 0.1 } }));
    expect(res.status).toBe(200);
    expect(validated).toBe(1);
    const repeated = await app.request('/v1/allocations', postJson({ clients: [client('K-1'), client('K-1')] }));
    expect(repeated.status).toBe(422);
    expect(((await repeated.json()) as { issues: { path: unknown[] }[] }).issues.map((issue) => issue.path)).toEqual([
      ['clients', 1, 'id'],
    ]);
  });
});

describe('the registry follows the store', () => {
  const retireFirst = async (store: Store, live: LiveRegistry) => {
    const write = await store.patchPartner('P-001', { active: false }, 1, SYSTEM_ACTOR);
    await live.catchUp(write.registryVersion);
    return write;
  };

  test('a committed write raises the version, and the next requests see it', async () => {
    const { app, store, live } = await appWithLogs();
    const before = (await (await app.request('/healthz')).json()) as Record<string, any>;
    expect(before.registry).toEqual({ version: 'r1', partners: 4 });
    const write = await retireFirst(store, live);
    expect(write.registryVersion).toBe(2);
    const after = (await (await app.request('/healthz')).json()) as Record<string, any>;
    expect(after.registry).toEqual({ version: 'r2', partners: 4 });
    const ranked = await app.request(
      '/v1/recommendations',
      postJson({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement' }] } }),
    );
    const ids = ((await ranked.json()) as { matches: { partner: { id: string } }[] }).matches.map((match) => match.partner.id);
    expect(ids).not.toContain('P-001');
  });

  test('catching up to a version the store never reached is an error, not a wait', async () => {
    const { live } = await appWithLogs();
    await expect(live.catchUp(99)).rejects.toThrow(/behind the store's 99/);
  });

  test('a request in flight finishes on the registry it started with', async () => {
    const { app, store, live } = await makeApp();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const body = JSON.stringify({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement' }] } });
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 10)));
        await released;
        controller.enqueue(new TextEncoder().encode(body.slice(10)));
        controller.close();
      },
    });
    const pending = app.request('/v1/recommendations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: slowBody,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await retireFirst(store, live);
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Record<string, any>;
    expect(answer.registry).toEqual({ version: 'r1', partners: 4 });
    expect(answer.matches.map((match: { partner: { id: string } }) => match.partner.id)).toContain('P-001');
    expect(((await (await app.request('/healthz')).json()) as Record<string, any>).registry.version).toBe('r2');
  });

  test('prepareRegistry indexes the partners by id, once', () => {
    const loaded = prepareRegistry(fixtureRegistry());
    expect([...loaded.byId.keys()]).toEqual(['P-001', 'P-002', 'P-003', 'P-004']);
    expect(loaded.matcher.partners).toEqual(createMatcher(PARTNERS).partners);
  });

  test("prepareRegistry indexes the POKMAS by id, and the partner page names a partner's POKMAS from it", async () => {
    const loaded = prepareRegistry(fixtureRegistry());
    expect([...loaded.pokmasById.keys()]).toEqual(['PK-026-SR', 'PK-026-LS']);
    expect(loaded.pokmasById.get('PK-026-LS')?.name).toBe('POKMAS Hukum Bandung');
    const { app } = await makeApp();
    expect(await (await app.request('/partners/P-003')).text()).toContain('POKMAS: POKMAS Hukum Bandung');
  });
});
