import { describe, expect, test } from 'vitest';
import { PartnerPageSchema } from '../src/routes/partners/partners.routes';
import { makeApp } from './fixtures';

async function get(path: string) {
  const { app } = await makeApp();
  const res = await app.request(path);
  return { res, body: (await res.json()) as Record<string, any> };
}
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

describe('GET /v1/partners', () => {
  test('lists every partner by id, one page with its totals', async () => {
    const { res, body } = await get('/v1/partners');
    expect(res.status).toBe(200);
    const page = PartnerPageSchema.parse(body);
    expect(ids(page)).toEqual(['P-001', 'P-002', 'P-003', 'P-004']);
    expect(page).toMatchObject({ page: 1, perPage: 20, total: 4, totalPages: 1, registry: { version: 'r1', partners: 4 } });
    expect(page.items[0]).not.toHaveProperty('distanceKm');
  });

  test('filters by service, Bapas and regency code prefix, together', async () => {
    expect(ids((await get('/v1/partners?service=legal-aid')).body as any)).toEqual(['P-003', 'P-004']);
    expect(ids((await get('/v1/partners?bapasId=026')).body as any)).toEqual(['P-001', 'P-002', 'P-003']);
    expect(ids((await get('/v1/partners?regencyCode=32')).body as any)).toEqual(['P-001', 'P-002', 'P-003']);
    expect(ids((await get('/v1/partners?regencyCode=32.73')).body as any)).toEqual(['P-001', 'P-003']);
    expect(ids((await get('/v1/partners?regencyCode=31')).body as any)).toEqual(['P-004']);
    expect(ids((await get('/v1/partners?service=legal-aid&regencyCode=32')).body as any)).toEqual(['P-003']);
    expect((await get('/v1/partners?service=health')).body).toMatchObject({ items: [], total: 0, totalPages: 0 });
  });

  test('near sorts by distance and gives it; partners without coordinates come last; radiusKm keeps the near ones', async () => {
    const near = (await get('/v1/partners?near=-6.93,107.62')).body;
    expect(ids(near as any)).toEqual(['P-001', 'P-002', 'P-004', 'P-003']);
    expect(near.items[0].distanceKm).toBe(0);
    expect(near.items[1].distanceKm).toBeGreaterThan(7);
    expect(near.items[3]).not.toHaveProperty('distanceKm');

    const within = (await get('/v1/partners?near=-6.93,107.62&radiusKm=10')).body;
    expect(ids(within as any)).toEqual(['P-001', 'P-002']);
    expect(within.total).toBe(2);
  });

  test('pages hold perPage partners; a page past the end is empty and keeps the totals', async () => {
    const second = (await get('/v1/partners?perPage=3&page=2')).body;
    expect(second).toMatchObject({ page: 2, perPage: 3, total: 4, totalPages: 2 });
    expect(ids(second as any)).toEqual(['P-004']);
    const past = (await get('/v1/partners?perPage=3&page=9')).body;
    expect(past).toMatchObject({ items: [], page: 9, total: 4, totalPages: 2 });
  });

  test('a bad filter is a 422 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['perPage=101', 'perPage'],
      ['perPage=0', 'perPage'],
      ['page=0', 'page'],
      ['page=two', 'page'],
      ['page=1.5', 'page'],
      ['near=abc', 'near'],
      ['near=100,0', 'near.lat'],
      ['near=0,181', 'near.lon'],
      ['radiusKm=5', 'radiusKm'],
      ['near=0,0&radiusKm=-1', 'radiusKm'],
      ['service=cooking', 'service'],
      ['regencyCode=3', 'regencyCode'],
      ['bapasId=a%20b', 'bapasId'],
      ['page=1&page=2', 'page'],
    ];
    for (const [query, path] of cases) {
      const { res, body } = await get(`/v1/partners?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(
        body.issues.map((issue: { path: unknown[] }) => issue.path.join('.')),
        query,
      ).toContain(path);
      expect(body.detail).toMatch(/^The query string is not valid/);
    }
  });
});

describe('GET /v1/partners/{id}', () => {
  test('gives the whole partner', async () => {
    const { res, body } = await get('/v1/partners/P-003');
    expect(res.status).toBe(200);
    expect(body).toEqual({
      id: 'P-003',
      name: 'LBH Bandung',
      kind: 'civil-society',
      bapasId: '026',
      pokmasId: 'PK-026-LS',
      regencyCode: '32.73',
      offerings: [{ service: 'legal-aid', modes: ['in-person', 'remote'] }],
    });
  });

  test('an unknown id is 404 and an impossible one 422, both as problems', async () => {
    const missing = await get('/v1/partners/P-999');
    expect(missing.res.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'urn:pokmas:problem:not-found', status: 404, title: 'Not Found' });
    const impossible = await get('/v1/partners/-bad');
    expect(impossible.res.status).toBe(422);
    expect(impossible.body.issues[0].path).toEqual(['id']);
  });
});
