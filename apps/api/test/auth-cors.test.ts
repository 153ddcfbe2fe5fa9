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

    const open = (await (await (await makeApp()).app.request('/openapi.json')).json()) as Record<string, any>;
    expect(open.security).toBeUndefined();
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
