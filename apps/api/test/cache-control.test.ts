import { beforeAll, describe, expect, test } from 'vitest';
import { makeApp, postJson, type TestApp, addAccount } from './fixtures';

// Every answer says how it may be cached: each route the app serves (the API's operations as the
// OpenAPI document lists them, the reference page, the counsellor's pages and the assets), and its
// errors. Answers that hold a client's data, or a place a client may be at, are never stored.

type Doc = Record<string, any>;
let app: TestApp['app'];
let doc: Doc;

beforeAll(async () => {
  ({ app } = await makeApp());
  doc = (await (await app.request('/openapi.json')).json()) as Doc;
});

/** A path of the app with its parameters filled in with ids the fixture registry has. */
const PARAMS: Record<string, string> = {
  '/v1/partners/{id}': 'P-001',
  '/v1/partners/{id}/history': 'P-001',
  '/v1/bapas/{id}': '026',
  '/partners/:id': 'P-001',
};
const filled = (path: string) => path.replace(/\{id\}|:id/, PARAMS[path] ?? 'x');

/** The example of an operation's request body, as the document gives it. */
function exampleBody(operation: Doc): unknown {
  const ref = operation.requestBody?.content['application/json'].schema.$ref as string;
  return doc.components.schemas[ref.split('/').pop()!].example;
}

async function cacheControl(path: string, init?: RequestInit): Promise<{ status: number; cacheControl: string | null }> {
  const res = await app.request(path, init);
  await res.arrayBuffer();
  return { status: res.status, cacheControl: res.headers.get('cache-control') };
}

describe('Cache-Control', () => {
  test('every operation of the OpenAPI document says how its answer may be cached', async () => {
    // The registry's writes need If-Match or a file: partners-write.test.ts and registry-import.test.ts check theirs;
    // referrals need one made first: referrals.test.ts checks theirs.
    const writes = new Set([
      'createPartner',
      'replacePartner',
      'patchPartner',
      'importRegistry',
      'createReferral',
      'getReferral',
      'transitionReferral',
      'eraseClientReferrals',
    ]);
    const operations = Object.entries(doc.paths as Record<string, Record<string, Doc>>)
      .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })))
      .filter(({ operation }) => !writes.has(operation.operationId));
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const { path, method, operation } of operations) {
      const init = method === 'post' ? postJson(exampleBody(operation)) : undefined;
      const { status, cacheControl: value } = await cacheControl(filled(path), init);
      expect(status, `${method} ${path}`).toBe(200);
      expect(value ?? 'none', `${method} ${path}`).toMatch(/^(no-store|no-cache|public, max-age=\d+)$/);
    }
  });

  test('every other route of the app, pages, the reference and assets included, says it too', async () => {
    const documented = new Set(Object.keys(doc.paths).map((path) => path.replace(/\{(\w+)\}/g, ':$1')));
    const others = [
      ...new Set(app.routes.filter((route) => route.method === 'GET' && !documented.has(route.path)).map((route) => route.path)),
    ];
    expect(others).toEqual(expect.arrayContaining(['/', '/search', '/partners/:id', '/coverage', '/openapi.json', '/docs']));
    const paths = others.map((path) =>
      path === '/docs/assets/swagger-ui-dist/:file' ? path.replace(':file', 'swagger-ui.css') : filled(path),
    );
    for (const path of paths) {
      const { cacheControl: value } = await cacheControl(path);
      expect(value ?? 'none', path).toMatch(/^(no-store|no-cache|public, max-age=\d+)$/);
    }
    const posted = await app.request('/search', {
      method: 'POST',
      body: new URLSearchParams([
        ['need', 'legal-aid'],
        ['priority-legal-aid', '3'],
        ['regencyCode', '32.73'],
        ['ageGroup', 'adult'],
        ['mode', 'in-person'],
      ]),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    // The search answers with its results' address; the results themselves are never stored.
    expect({ status: posted.status, cacheControl: posted.headers.get('cache-control') }).toEqual({ status: 303, cacheControl: 'no-store' });
    expect(await cacheControl(posted.headers.get('location')!)).toEqual({ status: 200, cacheControl: 'no-store' });
  });

  test('a partner search near a point is never stored: the point may be where a client lives', async () => {
    expect(await cacheControl('/v1/partners?near=-6.9175,107.6191')).toEqual({ status: 200, cacheControl: 'no-store' });
    expect(await cacheControl('/v1/partners?near=-6.9175,107.6191&radiusKm=20&service=legal-aid')).toEqual({
      status: 200,
      cacheControl: 'no-store',
    });
  });

  test('answers with client data, and every error, are never stored', async () => {
    const client = { id: 'K-1', bapasId: '026', needs: [{ service: 'legal-aid' }] };
    const cases: [string, RequestInit | undefined][] = [
      ['/v1/recommendations', postJson({ client })],
      ['/v1/allocations', postJson({ clients: [client] })],
      ['/v1/recommendations', postJson({ client: { id: 'K 1' } })],
      ['/v1/partners/P-404', undefined],
      ['/v1/nowhere', undefined],
      ['/v1/taxonomy', { method: 'DELETE' }],
      ['/docs/assets/swagger-ui-dist/constructor', undefined],
    ];
    for (const [path, init] of cases) {
      const { status, cacheControl: value } = await cacheControl(path, init);
      expect(value, `${init?.method ?? 'GET'} ${path} ${status}`).toBe('no-store');
    }
  });

  test('with accounts, a refused request (401, or the redirect to the sign-in form) is not stored either', async () => {
    const { app: guarded, store } = await makeApp();
    await addAccount(store, 'root', 'admin');
    for (const [path, status] of [
      ['/v1/partners', 401],
      ['/v1/partners?near=-6.9,107.6', 401],
      ['/', 303],
    ] as const) {
      const res = await guarded.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});
