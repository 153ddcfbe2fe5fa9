import { loadDemoRegistry, type Registry } from '@pokmas/directory';
import { FACTOR_IDS, type Partner } from '@pokmas/matcher';
import { beforeAll, describe, expect, test } from 'vitest';
import { summarisePartner } from '../src/lib/schemas';
import { AllocationResponseSchema, MAX_ALLOCATION_BODY_BYTES, MAX_CLIENTS } from '../src/routes/allocations/allocations.routes';
import { fixtureRegistry, getDirectory, makeApp, postJson, streamedJson, addAccount } from './fixtures';

const url = '/v1/allocations';
type Body = Record<string, any>;

async function allocate(body: unknown, env: Record<string, string> = {}, registry?: Registry) {
  const { app } = await makeApp(env, registry);
  const res = await app.request(url, postJson(body));
  return { res, body: (await res.json()) as Body };
}

const paths = (body: Body): string[] => body.issues.map((issue: { path: unknown[] }) => issue.path.join('.'));

/** A minimal client of Bapas Bandung (026), located at its seat. */
const client = (id: string, fields: Record<string, unknown> = {}) => ({ id, bapasId: '026', needs: [{ service: 'legal-aid' }], ...fields });

describe('POST /v1/allocations over the demo registry', () => {
  let demo: Registry;
  let answer: { res: Response; body: Body };
  // 30 clients of Bapas Bandung, a third of them juvenile, each needing legal aid (urgent) and skills training.
  const cohort = Array.from({ length: 30 }, (_, index) => ({
    id: `K-2026-${String(index + 1).padStart(4, '0')}`,
    bapasId: '026',
    ageGroup: index % 3 === 0 ? 'juvenile' : 'adult',
    needs: [{ service: 'legal-aid', priority: 3 }, { service: 'skills-training' }],
  }));

  beforeAll(async () => {
    demo = await loadDemoRegistry(await getDirectory());
    answer = await allocate({ clients: cohort }, {}, demo);
  });

  test('a cohort is placed, proven optimal, with the registry that answered, never cached', () => {
    expect(answer.res.status).toBe(200);
    expect(answer.res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.res.headers.get('cache-control')).toBe('no-store');
    const parsed = AllocationResponseSchema.parse(answer.body);
    expect(parsed.optimal).toBe(true);
    expect(parsed.stats.algorithm).toBe('network-simplex');
    expect(parsed.registry).toEqual({ version: 'r1', partners: demo.partners.length });
    expect(parsed.assignments.length).toBeGreaterThan(0);
  });

  test('no partner is given more clients than its free places in the registry', () => {
    const byId = new Map(demo.partners.map((partner) => [partner.id, partner]));
    const placed = new Map<string, number>();
    for (const { partnerId } of answer.body.assignments) placed.set(partnerId, (placed.get(partnerId) ?? 0) + 1);
    const free = (partnerId: string) => {
      const capacity = byId.get(partnerId)!.capacity;
      return capacity ? capacity.total - capacity.used : Infinity;
    };
    for (const [partnerId, count] of placed) expect(count, partnerId).toBeLessThanOrEqual(free(partnerId));
    // Places are scarce for this cohort, so the check bites: at least one partner ends up full.
    expect([...placed].filter(([partnerId, count]) => count === free(partnerId)).length).toBeGreaterThan(0);
  });

  test('each (client, service) is placed at most once, and every need is either placed or said why not', () => {
    const keys = [...answer.body.assignments, ...answer.body.unassigned].map(({ clientId, service }: Body) => `${clientId} ${service}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(cohort.flatMap(({ id, needs }) => needs.map(({ service }) => `${id} ${service}`))));
  });

  test('each assignment carries the summary of its partner, as recommendation matches do', () => {
    const byId = new Map(demo.partners.map((partner) => [partner.id, partner]));
    for (const assignment of answer.body.assignments) {
      expect(assignment.partner).toEqual(summarisePartner(byId.get(assignment.partnerId)!));
    }
    expect(answer.body.assignments[0].partner.name).toMatch(/\(fiktif\)$/);
  });
});

describe('POST /v1/allocations when places are short', () => {
  // One free place of legal aid for two clients; skills training for adults only.
  const partners: Partner[] = [
    {
      id: 'P-LAW',
      name: 'LBH Bandung',
      kind: 'civil-society',
      bapasId: '026',
      regencyCode: '32.73',
      location: { lat: -6.93, lon: 107.62 },
      offerings: [{ service: 'legal-aid' }],
      capacity: { total: 3, used: 2 },
    },
    {
      id: 'P-BLK',
      name: 'BLK Bandung',
      kind: 'government',
      bapasId: '026',
      regencyCode: '32.73',
      location: { lat: -6.91, lon: 107.6 },
      offerings: [{ service: 'skills-training' }],
      eligibility: { ageGroups: ['adult'] },
      capacity: { total: 5, used: 0 },
    },
  ];
  const registry = fixtureRegistry('cohort-1', partners);
  const clients = [
    client('K-1', { ageGroup: 'adult', needs: [{ service: 'legal-aid', priority: 3 }, { service: 'skills-training' }] }),
    client('K-2', { ageGroup: 'adult', needs: [{ service: 'legal-aid', priority: 1 }] }),
    client('K-3', { ageGroup: 'juvenile', needs: [{ service: 'skills-training' }] }),
  ];
  const placements = (body: Body) =>
    body.assignments.map(({ clientId, service, partnerId }: Body) => `${clientId} ${service} ${partnerId}`);

  test('the last place goes to the better match, and every need left out says why', async () => {
    const { res, body } = await allocate({ clients }, {}, registry);
    expect(res.status).toBe(200);
    expect(placements(body)).toEqual(['K-1 skills-training P-BLK', 'K-2 legal-aid P-LAW']);
    expect(body.unassigned).toEqual([
      { clientId: 'K-1', service: 'legal-aid', reason: 'capacity-exhausted' },
      { clientId: 'K-3', service: 'skills-training', reason: 'no-eligible-partner' },
    ]);
    expect(body).toMatchObject({ optimal: true, registry: { version: 'r1', partners: 2 } });
  });

  test('the options reach the engine: priority weighting gives the place to the urgent need, minScore leaves weak pairs out', async () => {
    const urgent = await allocate({ clients, options: { weighting: 'priority' } }, {}, registry);
    expect(placements(urgent.body)).toEqual(['K-1 legal-aid P-LAW', 'K-1 skills-training P-BLK']);
    expect(urgent.body.unassigned).toContainEqual({ clientId: 'K-2', service: 'legal-aid', reason: 'capacity-exhausted' });

    const strict = await allocate({ clients, options: { minScore: 0.9 } }, {}, registry);
    expect(placements(strict.body)).toEqual(['K-2 legal-aid P-LAW']);
    expect(strict.body.unassigned).toContainEqual({ clientId: 'K-1', service: 'skills-training', reason: 'below-min-score' });

    const onlyUrgent = await allocate({ clients, options: { needs: 'priority-3' } }, {}, registry);
    expect(placements(onlyUrgent.body)).toEqual(['K-1 legal-aid P-LAW']);
    expect(onlyUrgent.body.unassigned).toEqual([]);
  });
});

describe('POST /v1/allocations errors', () => {
  test('a client the directory cannot locate is a 422 at clients.<i>.<field>, every such client listed', async () => {
    const clients = [
      client('K-0'),
      client('K-1'),
      client('K-2'),
      client('K-3', { bapasId: 'no-such-bapas' }),
      client('K-4', { regencyCode: '99.99' }),
    ];
    const { res, body } = await allocate({ clients });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.issues).toEqual([
      expect.objectContaining({ path: ['clients', 3, 'bapasId'], pointer: '/clients/3/bapasId', code: 'UNKNOWN_BAPAS' }),
      expect.objectContaining({ path: ['clients', 4, 'regencyCode'], pointer: '/clients/4/regencyCode', code: 'UNKNOWN_REGENCY' }),
    ]);
    expect(body.detail).toMatch(/^Some clients cannot be located: clients\.3\.bapasId: unknown Bapas id/);

    const nowhere = await allocate({ clients: [client('K-0'), { id: 'K-1', needs: [{ service: 'legal-aid' }] }] });
    expect(nowhere.body.issues).toEqual([expect.objectContaining({ path: ['clients', 1, 'location'], code: 'NO_LOCATION' })]);
  });

  test('every schema error is listed with its path, in one 422', async () => {
    const { res, body } = await allocate({
      clients: [client('K-0'), { id: 'has space', needs: [{ service: 'cooking' }] }],
      options: { weighting: 'fair', minScore: 2 },
      extra: true,
    });
    expect(res.status).toBe(422);
    expect(body).toMatchObject({ type: 'urn:pokmas:problem:validation', status: 422 });
    expect(paths(body)).toEqual(
      expect.arrayContaining(['clients.1.id', 'clients.1.needs.0.service', 'options.weighting', 'options.minScore', '']),
    );

    const empty = await allocate({ clients: [] });
    expect(empty.body.issues).toEqual([expect.objectContaining({ path: ['clients'], message: 'give at least one client' })]);
  });

  test('a client id given twice is a 422 at the repeat, naming the first', async () => {
    const { res, body } = await allocate({ clients: [client('K-0'), client('K-1'), client('K-0')] });
    expect(res.status).toBe(422);
    expect(body.issues).toEqual([expect.objectContaining({ path: ['clients', 2, 'id'], message: expect.stringMatching(/clients\.0/) })]);
  });

  test('weights that add up to 0 are refused by the engine, at options.weights', async () => {
    const { res, body } = await allocate({
      clients: [client('K-0')],
      options: { weights: Object.fromEntries(FACTOR_IDS.map((id) => [id, 0])) },
    });
    expect(res.status).toBe(422);
    expect(body.issues).toEqual([
      expect.objectContaining({ path: ['options', 'weights'], message: 'at least one weight must be above 0' }),
    ]);
  });

  test(`at most ${MAX_CLIENTS} clients: one more is a 422 saying to split the cohort`, async () => {
    const clients = Array.from({ length: MAX_CLIENTS + 1 }, (_, index) => client(`K-${index}`));
    const { res, body } = await allocate({ clients });
    expect(res.status).toBe(422);
    expect(body.issues).toEqual([expect.objectContaining({ path: ['clients'], message: expect.stringMatching(/split the cohort/) })]);

    const allowed = await allocate({ clients: clients.slice(0, MAX_CLIENTS) });
    expect(allowed.res.status).toBe(200);
    expect(allowed.body.stats.clients).toBe(MAX_CLIENTS);
  });

  test('the route has its own body limit: a cohort over MAX_BODY_BYTES is read, while the other routes still refuse as much', async () => {
    const { app } = await makeApp({ MAX_BODY_BYTES: '2048' });
    const cohort = JSON.stringify({ clients: Array.from({ length: 40 }, (_, index) => client(`K-${index}`)) });
    expect(cohort.length).toBeGreaterThan(2048);
    expect((await app.request(url, postJson(cohort))).status).toBe(200);

    const recommendation = JSON.stringify({ client: client('K-0'), pad: 'x'.repeat(cohort.length) });
    const refused = await app.request('/v1/recommendations', postJson(recommendation));
    expect(refused.status).toBe(413);
  });

  test(`a body over ${MAX_ALLOCATION_BODY_BYTES} bytes is 413, whether or not it declares its length`, async () => {
    const { app } = await makeApp();
    const big = JSON.stringify({ clients: [client('K-0')], pad: 'x'.repeat(MAX_ALLOCATION_BODY_BYTES) });
    const declared = await app.request(url, postJson(big, { 'Content-Length': String(big.length) }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      status: 413,
      detail: expect.stringMatching(new RegExp(`${MAX_ALLOCATION_BODY_BYTES} bytes`)),
    });

    const streamed = await app.request(url, streamedJson(big));
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('cache-control')).toBe('no-store');
  });

  test('a body that is not JSON is 400; one not sent as JSON is 415', async () => {
    const { app } = await makeApp();
    for (const text of ['{"clients":', '', "{'clients':[]}"]) {
      const res = await app.request(url, postJson(text));
      expect(res.status, text).toBe(400);
      expect(await res.json()).toMatchObject({ type: 'urn:pokmas:problem:malformed-json', status: 400 });
    }
    const plain = await app.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ clients: [client('K-0')] }),
    });
    expect(plain.status).toBe(415);
  });

  test('once an account exists, an allocation needs its token: 401 without, 200 with', async () => {
    const { app, store } = await makeApp();
    const { token } = await addAccount(store, 'pk-026', 'counsellor', { bapasId: '026' });
    const body = { clients: [client('K-0')] };
    const refused = await app.request(url, postJson(body));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await app.request(url, postJson(body, { Authorization: `Bearer ${token}` }))).status).toBe(200);
  });

  test('other methods are 405 with Allow', async () => {
    const { app } = await makeApp();
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await app.request(url, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });
});
