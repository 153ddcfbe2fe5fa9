import { beforeEach, describe, expect, test } from 'vitest';
import { makeApp, PARTNERS, postJson, type TestApp } from './fixtures';
import {
  ADMIN,
  asPrincipal,
  BAPAS_001_ADMIN,
  BAPAS_026_ADMIN,
  COUNSELLOR_026,
  PARTNER_001,
  PARTNER_002,
  PLANNER,
  authed,
  signInAll,
  withToken,
} from './helpers/principal';

type Body = Record<string, any>;
const MERGE = 'application/merge-patch+json';

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
  await signInAll(t.store);
  asPrincipal(ADMIN);
});

async function send(path: string, init: RequestInit = {}) {
  const res = await t.app.request(path, authed(init));
  const text = await res.text();
  return { res, status: res.status, body: (text ? JSON.parse(text) : undefined) as Body };
}
const put = (id: string, body: unknown, ifMatch?: string) =>
  send(`/v1/partners/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
    body: JSON.stringify(body),
  });
const patch = (id: string, body: unknown, ifMatch?: string, contentType = MERGE) =>
  send(`/v1/partners/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': contentType, ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }) },
    body: JSON.stringify(body),
  });
const p1 = () => structuredClone(PARTNERS[0]!);
const newPartner = (fields: Body = {}) => ({ ...p1(), id: 'P-100', name: 'Mitra Baru', ...fields });
const issuePaths = (body: Body) => (body.issues as { path: unknown[] }[]).map((issue) => issue.path.join('.')).sort();

async function recommendedIds(): Promise<string[]> {
  const res = await t.app.request(
    '/v1/recommendations',
    withToken(ADMIN, postJson({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement', priority: 3 }] } })),
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as Body).matches.map((match: Body) => match.partnerId);
}

describe('GET /v1/partners/{id}', () => {
  test('sends a strong ETag of the partner version, raised by each change', async () => {
    const first = await send('/v1/partners/P-001');
    expect(first.res.headers.get('etag')).toBe('"1"');
    await patch('P-001', { name: 'BLK Bandung Raya' }, '"1"');
    const second = await send('/v1/partners/P-001');
    expect(second.res.headers.get('etag')).toBe('"2"');
    expect(second.body.name).toBe('BLK Bandung Raya');
  });
});

describe('POST /v1/partners', () => {
  test('creates a partner: 201, Location, ETag, and the next recommendation sees it', async () => {
    const created = await send('/v1/partners', postJson(newPartner({ capacity: { total: 5, used: 0 } })));
    expect(created.status).toBe(201);
    expect(created.res.headers.get('location')).toBe('/v1/partners/P-100');
    expect(created.res.headers.get('etag')).toBe('"1"');
    expect(created.res.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({ id: 'P-100', name: 'Mitra Baru' });
    expect(await recommendedIds()).toContain('P-100');
    expect((await send('/v1/partners/P-100')).status).toBe(200);
  });

  test('a taken id is a 409', async () => {
    const res = await send('/v1/partners', postJson(p1()));
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('urn:pokmas:problem:conflict');
  });

  test('every bad field at once (schema and directory), and nothing stored', async () => {
    const res = await send('/v1/partners', postJson(newPartner({ kind: 'alien', regencyCode: '99.99', capacity: { total: -1 } })));
    expect(res.status).toBe(422);
    expect(res.res.headers.get('content-type')).toBe('application/problem+json');
    expect(issuePaths(res.body)).toEqual(expect.arrayContaining(['kind', 'capacity.total']));
    expect((await send('/v1/partners/P-100')).status).toBe(404);
    const directory = await send('/v1/partners', postJson(newPartner({ regencyCode: '99.99' })));
    expect(directory.status).toBe(422);
    expect(issuePaths(directory.body)).toContain('regencyCode');
  });

  test('a body not sent as JSON is a 415, and one that is not JSON a 400', async () => {
    expect((await send('/v1/partners', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await send('/v1/partners', postJson('{"id":'))).status).toBe(400);
  });

  test('a bapas-admin creates partners of its own Bapas only; counsellors, planners and partners none', async () => {
    asPrincipal(BAPAS_001_ADMIN);
    const foreign = await send('/v1/partners', postJson(newPartner()));
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('bapas-admin of Bapas 026');
    for (const principal of [COUNSELLOR_026, PLANNER, PARTNER_001]) {
      asPrincipal(principal);
      expect((await send('/v1/partners', postJson(newPartner()))).status, principal.role).toBe(403);
    }
    asPrincipal(BAPAS_026_ADMIN);
    expect((await send('/v1/partners', postJson(newPartner()))).status).toBe(201);
    const history = await send('/v1/partners/P-100/history');
    expect(history.body.entries[0]).toMatchObject({ action: 'partner.create', account: 'ani', role: 'bapas-admin' });
  });
});

describe('PUT /v1/partners/{id}', () => {
  test('replaces with the current ETag: 200, a new ETag, and the next recommendation sees it', async () => {
    expect(await recommendedIds()).toContain('P-001');
    const res = await put('P-001', { ...p1(), offerings: [{ service: 'legal-aid' }] }, '"1"');
    expect(res.status).toBe(200);
    expect(res.res.headers.get('etag')).toBe('"2"');
    expect(res.body.offerings).toEqual([{ service: 'legal-aid' }]);
    expect(await recommendedIds()).not.toContain('P-001');
  });

  test('without If-Match: 428 naming the current ETag; a stale one: 412 with the current ETag', async () => {
    const missing = await put('P-001', p1());
    expect(missing.status).toBe(428);
    expect(missing.body.detail).toContain('"1"');
    await patch('P-001', { name: 'Baru' }, '"1"');
    const stale = await put('P-001', p1(), '"1"');
    expect(stale.status).toBe(412);
    expect(stale.res.headers.get('etag')).toBe('"2"');
    expect(stale.body.detail).toContain('"2"');
    expect((await send('/v1/partners/P-001')).body.name).toBe('Baru');
  });

  test('If-Match: * matches any version, a list matches when one of its tags does, a weak tag never', async () => {
    expect((await put('P-001', { ...p1(), name: 'A' }, '*')).status).toBe(200);
    expect((await put('P-001', { ...p1(), name: 'B' }, '"7", "2"')).status).toBe(200);
    expect((await put('P-001', { ...p1(), name: 'C' }, 'W/"3"')).status).toBe(412);
    expect((await put('P-001', { ...p1(), name: 'C' }, '3')).status).toBe(400);
    expect((await put('P-001', { ...p1(), name: 'C' }, '"1", "2"')).status).toBe(412);
  });

  test('every bad field at once, 422, nothing half-applied; an id that differs is one of them', async () => {
    const res = await put('P-001', { ...p1(), id: 'P-999', kind: 'alien', capacity: { total: 1, used: 5 } }, '"1"');
    expect(res.status).toBe(422);
    expect(issuePaths(res.body)).toEqual(expect.arrayContaining(['id', 'kind']));
    const after = await send('/v1/partners/P-001');
    expect(after.res.headers.get('etag')).toBe('"1"');
    expect(after.body).toEqual(p1());
  });

  test('an unknown id is a 404; DELETE is a 405 (retire with active: false)', async () => {
    expect((await put('P-404', { ...p1(), id: 'P-404' }, '"1"')).status).toBe(404);
    const deleted = await send('/v1/partners/P-001', { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(deleted.res.headers.get('allow')).toContain('PATCH');
  });

  test('a bapas-admin cannot change another Bapas’s partner, nor move its own to another Bapas', async () => {
    asPrincipal(BAPAS_001_ADMIN);
    expect((await put('P-001', p1(), '"1"')).status).toBe(403);
    asPrincipal(BAPAS_026_ADMIN);
    const moved = await put('P-001', { ...p1(), bapasId: '001', pokmasId: undefined }, '"1"');
    expect(moved.status).toBe(403);
    expect(moved.body.detail).toContain('Bapas 001');
    expect((await put('P-001', { ...p1(), name: 'Sah' }, '"1"')).status).toBe(200);
    asPrincipal(PARTNER_001);
    expect((await put('P-001', p1(), '"2"')).status).toBe(403);
  });

  test('10 concurrent PUTs with the same If-Match: exactly one 200, the rest 412', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => put('P-001', { ...p1(), name: `Nama ${index}` }, '"1"')));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(412)]);
    const winner = answers.find((answer) => answer.status === 200)!;
    expect((await send('/v1/partners/P-001')).body.name).toBe(winner.body.name);
  });
});

describe('PATCH /v1/partners/{id}', () => {
  test('merges the patch; {"active": false} retires (kept, never recommended) and active: true brings back', async () => {
    const changed = await patch('P-001', { capacity: { used: 3 }, contact: { phone: null } }, '"1"');
    expect(changed.status).toBe(200);
    expect(changed.body.capacity).toEqual({ total: 10, used: 3 });
    expect(changed.body.contact).toEqual({ person: 'Ibu Sari' });
    const retired = await patch('P-001', { active: false }, '"2"');
    expect(retired.status).toBe(200);
    expect(await recommendedIds()).not.toContain('P-001');
    expect((await send('/v1/partners/P-001')).status).toBe(200);
    await patch('P-001', { active: true }, '"3"');
    expect(await recommendedIds()).toContain('P-001');
  });

  test('only application/merge-patch+json: application/json is a 415', async () => {
    const res = await patch('P-001', { name: 'x' }, '"1"', 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.detail).toContain('application/merge-patch+json');
  });

  test('428 without If-Match, 412 when stale, 404 for an unknown id', async () => {
    expect((await patch('P-001', { name: 'x' })).status).toBe(428);
    expect((await patch('P-001', { name: 'x' }, '"9"')).status).toBe(412);
    expect((await patch('P-404', { name: 'x' }, '"1"')).status).toBe(404);
  });

  test('a patch that makes the partner invalid is a 422 with every issue, nothing applied', async () => {
    const res = await patch('P-001', { kind: 'alien', capacity: { used: 50 }, name: '' }, '"1"');
    expect(res.status).toBe(422);
    expect(res.body.issues.length).toBeGreaterThanOrEqual(2);
    expect((await send('/v1/partners/P-001')).body).toEqual(p1());
  });

  test('a partner account changes only its own capacity and active; the 403 names them', async () => {
    asPrincipal(PARTNER_001);
    expect((await patch('P-001', { capacity: { used: 4 } }, '"1"')).status).toBe(200);
    const name = await patch('P-001', { name: 'Sendiri', capacity: { used: 5 } }, '"2"');
    expect(name.status).toBe(403);
    expect(name.body.detail).toMatch(/only capacity and active.*not name/);
    asPrincipal(PARTNER_002);
    expect((await patch('P-001', { capacity: { used: 6 } }, '"2"')).status).toBe(403);
    asPrincipal(COUNSELLOR_026);
    expect((await patch('P-001', { capacity: { used: 6 } }, '"2"')).status).toBe(403);
    asPrincipal(BAPAS_026_ADMIN);
    expect((await patch('P-001', { bapasId: '001', pokmasId: null }, '"2"')).status).toBe(403);
  });
});

describe('GET /v1/partners/{id}/history', () => {
  test('every change newest first, with time, account, role and the fields before and after', async () => {
    asPrincipal(BAPAS_026_ADMIN);
    await patch('P-001', { capacity: { used: 3 } }, '"1"');
    asPrincipal(PARTNER_001);
    await patch('P-001', { active: false }, '"2"');
    const res = await send('/v1/partners/P-001/history');
    expect(res.status).toBe(200);
    const entries = res.body.entries as Body[];
    expect(entries.map((entry) => entry.action)).toEqual(['partner.retire', 'partner.patch', 'partner.seed']);
    expect(entries[0]).toMatchObject({ account: 'p001', role: 'partner', changes: [{ field: 'active', after: false }] });
    expect(entries[1]).toMatchObject({ account: 'ani', role: 'bapas-admin', changes: [{ field: 'capacity.used', before: 2, after: 3 }] });
    expect(Date.parse(entries[0]!.time)).toBeGreaterThanOrEqual(Date.parse(entries[1]!.time));
  });

  test("404 for an unknown id; 403 outside the partner's Bapas or for another partner", async () => {
    expect((await send('/v1/partners/P-404/history')).status).toBe(404);
    for (const principal of [BAPAS_001_ADMIN, PARTNER_002, PLANNER]) {
      asPrincipal(principal);
      expect((await send('/v1/partners/P-001/history')).status, principal.login!).toBe(403);
    }
  });
});
