import { TAXONOMY } from '@pokmas/matcher';
import { describe, expect, test } from 'vitest';
import { BapasDetailSchema, BapasListSchema } from '../src/routes/bapas/bapas.routes';
import { HealthSchema } from '../src/routes/health/health.routes';
import { TaxonomySchema } from '../src/routes/taxonomy/taxonomy.routes';
import { makeApp, addAccount } from './fixtures';

describe('GET /v1/bapas', () => {
  test('lists every office of the directory, by id', async () => {
    const { app, directory } = await makeApp();
    const res = await app.request('/v1/bapas');
    expect(res.status).toBe(200);
    const body = BapasListSchema.parse(await res.json());
    expect(body.total).toBe(directory.bapas.length);
    expect(body.items.map((office) => office.id)).toEqual(directory.bapas.map((office) => office.id).sort());
  });

  test('one office comes with its POKMAS and its partner count in the current registry', async () => {
    const { app } = await makeApp();
    const res = await app.request('/v1/bapas/026');
    expect(res.status).toBe(200);
    const body = BapasDetailSchema.parse(await res.json());
    expect(body).toMatchObject({ id: '026', regencyCode: '32.73', partnerCount: 3 });
    expect(body.pokmas.map((group) => group.id)).toEqual(['PK-026-LS', 'PK-026-SR']);
  });

  test('an unknown office is 404', async () => {
    const { app } = await makeApp();
    const res = await app.request('/v1/bapas/999');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

test('GET /v1/taxonomy gives the library taxonomy, labelled in both languages (and the referral codes beside it)', async () => {
  const { app } = await makeApp();
  const res = await app.request('/v1/taxonomy');
  expect(res.status).toBe(200);
  // The referral statuses, reasons and outcomes are checked in taxonomy.test.ts.
  const { referralStatuses, referralReasons, outcomes, ...library } = TaxonomySchema.parse(await res.json());
  expect([referralStatuses, referralReasons, outcomes].every((terms) => terms.length > 0)).toBe(true);
  expect(library).toEqual(JSON.parse(JSON.stringify(TAXONOMY)));
  expect(library.services).toHaveLength(16);
});

test('GET /healthz says which registry is served, and needs no token even once accounts exist', async () => {
  const { app, store } = await makeApp();
  await addAccount(store, 'root', 'admin');
  const res = await app.request('/healthz');
  expect(res.status).toBe(200);
  expect(HealthSchema.parse(await res.json())).toEqual({ status: 'ok', registry: { version: 'r1', partners: 4 } });
});

test('GET /docs serves the interactive reference over /openapi.json', async () => {
  const { app } = await makeApp();
  const res = await app.request('/docs');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await res.text()).toContain('/openapi.json');
});

describe('anything else', () => {
  test('an unknown path is a 404 problem', async () => {
    const { app } = await makeApp();
    for (const path of ['/v1', '/v2/partners', '/v1/partners/P-001/extra', '/v1/partners/']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  test('a known path with another method is a 405 problem with Allow', async () => {
    const { app } = await makeApp();
    const cases: [string, string, string][] = [
      ['/v1/partners', 'DELETE', 'GET, HEAD, POST'],
      // Partners are never deleted: `{"active": false}` retires one.
      ['/v1/partners/P-001', 'DELETE', 'GET, HEAD, PUT, PATCH'],
      ['/v1/taxonomy', 'PUT', 'GET, HEAD'],
      ['/healthz', 'POST', 'GET, HEAD'],
    ];
    for (const [path, method, allow] of cases) {
      const res = await app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect(await res.json()).toMatchObject({ type: 'urn:pokmas:problem:method-not-allowed', status: 405 });
    }
  });

  test('secure headers are on and every response carries a request id (the caller’s, when well-formed)', async () => {
    const { app } = await makeApp();
    const res = await app.request('/v1/taxonomy', { headers: { 'X-Request-Id': 'case-system-42' } });
    expect(res.headers.get('x-request-id')).toBe('case-system-42');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const generated = await app.request('/v1/taxonomy', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
