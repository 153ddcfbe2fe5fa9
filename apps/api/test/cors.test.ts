import { describe, expect, test } from 'vitest';
import { addAccount, makeApp, postJson } from './fixtures';

const body = { client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement' }] } };

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

  test('an allowed origin gets a preflight answer (even when tokens are required) and readable responses, errors included', async () => {
    const { app, store } = await makeApp({ CORS_ORIGINS: `${origin},https://other.example` });
    const { token } = await addAccount(store, 'pk-026', 'counsellor', { bapasId: '026' });
    const pre = await app.request('/v1/recommendations', preflight(origin));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);

    const ok = await app.request('/v1/recommendations', postJson(body, { Origin: origin, Authorization: `Bearer ${token}` }));
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
