import { describe, expect, test } from 'vitest';
import { makeApp, postJson } from './fixtures';

const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef';
const body = { client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement' }] } };

describe('API keys', () => {
  test('without API_KEYS, /v1 is open', async () => {
    const { app } = await makeApp();
    expect((await app.request('/v1/taxonomy')).status).toBe(200);
    expect((await app.request('/v1/recommendations', postJson(body))).status).toBe(200);
  });

  test('with API_KEYS, /v1 needs Authorization: Bearer with one of them', async () => {
    const { app } = await makeApp({ API_KEYS: `${KEY_A}, ${KEY_B}` });
    for (const key of [KEY_A, KEY_B]) {
      expect((await app.request('/v1/partners', { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
      expect((await app.request('/v1/recommendations', postJson(body, { Authorization: `bearer ${key}` }))).status).toBe(200);
    }
  });

  test('a missing, malformed or wrong key is a 401 problem with WWW-Authenticate, before anything else is looked at', async () => {
    const { app } = await makeApp({ API_KEYS: KEY_A });
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: KEY_A },
      { Authorization: `Basic ${KEY_A}` },
      { Authorization: 'Bearer ' },
      { Authorization: `Bearer ${KEY_A}x` },
      { Authorization: `Bearer ${KEY_A.slice(0, -1)}` },
      { Authorization: `Bearer ${KEY_B}` },
    ];
    for (const headers of attempts) {
      for (const [path, init] of [
        ['/v1/partners', { headers }],
        ['/v1/recommendations', postJson('{not json', headers)],
        ['/v1/no-such-thing', { headers }],
      ] as const) {
        const res = await app.request(path, init);
        expect(res.status, `${JSON.stringify(headers)} ${path}`).toBe(401);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="pokmas-match"/);
        expect(await res.json()).toMatchObject({ type: 'urn:pokmas:problem:unauthorized', status: 401 });
      }
    }
  });

  test('health, the OpenAPI document and its page stay open; the document then declares bearer auth', async () => {
    const { app } = await makeApp({ API_KEYS: KEY_A });
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/docs')).status).toBe(200);
    const doc = (await (await app.request('/openapi.json')).json()) as Record<string, any>;
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/healthz'].get.security).toEqual([]);

    // Open, a key is optional: the scheme is still documented, with no key at all as the other choice.
    const open = (await (await (await makeApp()).app.request('/openapi.json')).json()) as Record<string, any>;
    expect(open.security).toEqual([{ bearerAuth: [] }, {}]);
    expect(open.components.securitySchemes.bearerAuth.description).toMatch(/runs open/);
  });
});

describe('API keys on the counsellor page', () => {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const form = new URLSearchParams([
    ['need', 'job-placement'],
    ['bapasId', '026'],
    ['ageGroup', 'adult'],
    ['mode', 'in-person'],
  ]).toString();
  /** Every page, with a request for it; the search is a real one, so an answer shows a partner. */
  const PAGES: Array<[string, (headers: Record<string, string>) => RequestInit]> = [
    ['/', (headers) => ({ headers })],
    [
      '/search',
      (headers) => ({ method: 'POST', body: form, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } }),
    ],
    ['/partners/P-001', (headers) => ({ headers })],
    ['/coverage', (headers) => ({ headers })],
    ['/coverage/map.svg', (headers) => ({ headers })],
    ['/coverage.csv', (headers) => ({ headers })],
  ];

  test('without API_KEYS, every page is open', async () => {
    const { app } = await makeApp();
    for (const [path, init] of PAGES) expect((await app.request(path, init({}))).status, path).toBe(200);
    expect((await app.request('/search')).status).toBe(303);
  });

  test('with API_KEYS, each page answers 401 with the Basic challenge and a page saying what to do, and nothing else', async () => {
    const { app } = await makeApp({ API_KEYS: `${KEY_A},${KEY_B}` });
    for (const [path, init] of [...PAGES, ['/search', (headers: Record<string, string>) => ({ headers })] as const]) {
      const res = await app.request(path, init({}));
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="pokmas-match", charset="UTF-8"');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('Perlu kunci akses');
      expect(html).toContain('kunci API server ini sebagai kata sandi');
      expect(html).not.toContain('Ibu Sari'); // P-001's contact
      expect(html).not.toContain('data-partner-id');
    }
    expect(await (await app.request('/?lang=en')).text()).toContain('give any name and one of this server&#39;s API keys as the password');
  });

  test('with API_KEYS, any user name with one of the keys as the Basic password opens every page', async () => {
    const { app } = await makeApp({ API_KEYS: `${KEY_A},${KEY_B}` });
    for (const authorization of [
      basic('pk', KEY_A),
      basic('', KEY_B),
      basic('Pembimbing Kemasyarakatan é', KEY_A),
      `basic  ${btoa(`x:${KEY_B}`)}`,
    ]) {
      for (const [path, init] of PAGES) {
        const res = await app.request(path, init({ Authorization: authorization }));
        expect(res.status, `${authorization} ${path}`).toBe(200);
      }
    }
    const search = await app.request('/search', PAGES[1]![1]({ Authorization: basic('pk', KEY_A) }));
    expect(await search.text()).toContain('data-partner-id="P-001"');
  });

  test('with API_KEYS, a wrong or malformed Basic password, or a bearer key, is a 401 with the Basic challenge', async () => {
    const { app } = await makeApp({ API_KEYS: KEY_A });
    const attempts = [
      basic('pk', `${KEY_A}x`),
      basic('pk', KEY_A.slice(0, -1)),
      basic('pk', KEY_B),
      basic(KEY_A, ''),
      `Basic ${btoa(KEY_A)}`, // no colon: no password at all
      `Basic ${KEY_A}`,
      'Basic',
      'Basic !!!',
      // One scheme per surface: the pages take the key as a Basic password, the API as a bearer.
      `Bearer ${KEY_A}`,
    ];
    for (const authorization of attempts) {
      for (const [path, init] of PAGES) {
        const res = await app.request(path, init({ Authorization: authorization }));
        expect(res.status, `${authorization} ${path}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Basic realm="pokmas-match", charset="UTF-8"');
      }
    }
  });

  test('with API_KEYS, the stylesheet, health, the docs and the OpenAPI document stay open; /v1 still asks for a bearer key', async () => {
    const { app } = await makeApp({ API_KEYS: KEY_A });
    for (const path of ['/assets/app.css', '/healthz', '/docs', '/openapi.json']) expect((await app.request(path)).status, path).toBe(200);
    const v1 = await app.request('/v1/coverage/map.svg', { headers: { Authorization: basic('pk', KEY_A) } });
    expect(v1.status).toBe(401);
    expect(v1.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  test("the page's map and CSV are the API's, left out of the OpenAPI document", async () => {
    const { app } = await makeApp();
    expect(await (await app.request('/coverage/map.svg?lang=en')).text()).toBe(
      await (await app.request('/v1/coverage/map.svg?lang=en')).text(),
    );
    const csv = await app.request('/coverage.csv?bapasId=026');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toBe(await (await app.request('/v1/coverage?format=csv&bapasId=026')).text());
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((path) => !path.startsWith('/v1/') && path !== '/healthz')).toEqual([]);
  });
});

describe('CORS', () => {
  const origin = 'https://sdp.example.go.id';
  const preflight = (requestOrigin: string) => ({
    method: 'OPTIONS',
    headers: {
      Origin: requestOrigin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });

  test('without CORS_ORIGINS, no CORS headers are sent', async () => {
    const { app } = await makeApp();
    const res = await app.request('/v1/taxonomy', { headers: { Origin: origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await app.request('/v1/recommendations', preflight(origin))).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('an allowed origin gets a preflight answer (even when keys are required) and readable responses, errors included', async () => {
    const { app } = await makeApp({ CORS_ORIGINS: `${origin},https://other.example`, API_KEYS: KEY_A });
    const pre = await app.request('/v1/recommendations', preflight(origin));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);

    const ok = await app.request('/v1/recommendations', postJson(body, { Origin: origin, Authorization: `Bearer ${KEY_A}` }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i);

    const denied = await app.request('/v1/partners', { headers: { Origin: origin } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(origin);
  });

  test('another origin is not allowed; * allows any', async () => {
    const { app } = await makeApp({ CORS_ORIGINS: origin });
    const res = await app.request('/v1/taxonomy', { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();

    const any = await makeApp({ CORS_ORIGINS: '*' });
    expect(
      (await any.app.request('/v1/taxonomy', { headers: { Origin: 'https://anyone.example' } })).headers.get('access-control-allow-origin'),
    ).toBe('*');
  });
});
