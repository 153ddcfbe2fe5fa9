import { describe, expect, test } from 'vitest';
import { isLoopbackHost } from '../src/lib/auth';
import { addAccount, makeApp, postJson, type TestApp } from './fixtures';

const recommendation = (bapasId?: string) => ({
  client: { id: 'K-1', ...(bapasId ? { bapasId } : { regencyCode: '32.73' }), needs: [{ service: 'job-placement' }] },
});
const allocation = (...bapasIds: string[]) => ({
  clients: bapasIds.map((bapasId, i) => ({ id: `K-${i}`, bapasId, needs: [{ service: 'job-placement' }] })),
});

/** An app with one account of each role (and scope) and its token. */
async function appWithAccounts(env: Record<string, string> = {}) {
  const made = await makeApp(env);
  const { store } = made;
  const accounts = {
    admin: await addAccount(store, 'root', 'admin'),
    bapasAdmin: await addAccount(store, 'ba-026', 'bapas-admin', { bapasId: '026' }),
    counsellor: await addAccount(store, 'pk-026', 'counsellor', { bapasId: '026' }),
    otherCounsellor: await addAccount(store, 'pk-001', 'counsellor', { bapasId: '001' }),
    partner: await addAccount(store, 'blk', 'partner', { partnerId: 'P-001' }),
    planner: await addAccount(store, 'plan', 'planner'),
  };
  return { ...made, accounts };
}

const get = (app: TestApp['app'], path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('bearer tokens on /v1', () => {
  test('once an account exists, /v1 without a token is a 401 problem with a Bearer challenge, before the body or the route is looked at', async () => {
    const { app } = await appWithAccounts();
    for (const [path, init] of [
      ['/v1/taxonomy', {}],
      ['/v1/partners', {}],
      ['/v1/recommendations', postJson('{not json')],
      ['/v1/allocations', postJson('x'.repeat(10))],
      ['/v1/audit', {}],
      ['/v1/no-such-thing', {}],
    ] as const) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="pokmas-match"');
      expect(await res.json()).toMatchObject({ type: 'urn:pokmas:problem:unauthorized', status: 401 });
    }
  });

  test('a malformed, unknown or revoked token is a 401 with error="invalid_token"', async () => {
    const { app, store, accounts } = await appWithAccounts();
    const { token, tokenId } = accounts.counsellor;
    await store.revokeToken(tokenId, { login: null, role: null });
    for (const authorization of [
      `Bearer ${token}`, // revoked
      `Bearer ${token.slice(0, -1)}x`,
      `Bearer ${token}x`,
      'Bearer ',
      `Basic ${token}`,
      token,
      'Bearer a b',
    ]) {
      const res = await get(app, '/v1/taxonomy', { Authorization: authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="pokmas-match"/);
    }
    expect((await get(app, '/v1/taxonomy', { Authorization: `Bearer ${token}` })).headers.get('www-authenticate')).toContain(
      'error="invalid_token"',
    );
  });

  test('revoking a token takes effect on its very next request; the account’s other tokens live on', async () => {
    const { app, store, accounts } = await appWithAccounts();
    const second = await store.createToken('pk-026', { label: 'second' }, { login: null, role: null });
    expect((await get(app, '/v1/taxonomy', accounts.counsellor.headers)).status).toBe(200);
    await store.revokeToken(accounts.counsellor.tokenId, { login: null, role: null });
    expect((await get(app, '/v1/taxonomy', accounts.counsellor.headers)).status).toBe(401);
    expect((await get(app, '/v1/taxonomy', { Authorization: `bearer ${second.token}` })).status).toBe(200);
    await store.revokeAccountTokens('pk-026', { login: null, role: null });
    expect((await get(app, '/v1/taxonomy', { Authorization: `Bearer ${second.token}` })).status).toBe(401);
  });

  test('the registry, the Bapas list and the taxonomy open to every role', async () => {
    const { app, accounts } = await appWithAccounts();
    for (const [name, account] of Object.entries(accounts)) {
      for (const path of ['/v1/partners', '/v1/partners/P-001', '/v1/bapas', '/v1/bapas/026', '/v1/taxonomy']) {
        expect((await get(app, path, account.headers)).status, `${name} ${path}`).toBe(200);
      }
    }
  });

  test('recommendations and allocations: admin, and a counsellor or bapas-admin for clients of their own Bapas; 403 names the role', async () => {
    const { app, accounts } = await appWithAccounts();
    const allowed = [
      [accounts.admin, '001'],
      [accounts.counsellor, '026'],
      [accounts.bapasAdmin, '026'],
      [accounts.otherCounsellor, '001'],
      [accounts.counsellor, undefined], // a client that names no Bapas
    ] as const;
    for (const [account, bapasId] of allowed) {
      expect((await app.request('/v1/recommendations', postJson(recommendation(bapasId), account.headers))).status, account.login).toBe(
        200,
      );
    }
    expect((await app.request('/v1/allocations', postJson(allocation('026', '026'), accounts.counsellor.headers))).status).toBe(200);

    const refused = [
      [accounts.planner, '026', /needs the role admin or counsellor or bapas-admin; the account plan is planner/],
      [accounts.partner, '026', /the account blk is partner/],
      [accounts.counsellor, '001', /counsellor or bapas-admin of Bapas 001; the account pk-026 is counsellor/],
      [accounts.bapasAdmin, '001', /of Bapas 001/],
    ] as const;
    for (const [account, bapasId, detail] of refused) {
      const res = await app.request('/v1/recommendations', postJson(recommendation(bapasId), account.headers));
      expect(res.status, `${account.login} ${bapasId}`).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toMatch(detail);
    }
    // One client of another Bapas in a cohort refuses the whole cohort.
    const mixed = await app.request('/v1/allocations', postJson(allocation('026', '001'), accounts.counsellor.headers));
    expect(mixed.status).toBe(403);
    expect((await app.request('/v1/allocations', postJson(allocation('026'), accounts.planner.headers))).status).toBe(403);
  });

  test('coverage: planners nationwide, the Bapas roles and admin; never a partner account', async () => {
    const { app, accounts } = await appWithAccounts();
    for (const account of [accounts.planner, accounts.admin, accounts.bapasAdmin, accounts.counsellor]) {
      for (const path of ['/v1/coverage', '/v1/coverage?bapasId=001', '/v1/coverage/map.svg', '/v1/coverage?format=csv']) {
        expect((await get(app, path, account.headers)).status, `${account.login} ${path}`).toBe(200);
      }
    }
    const res = await get(app, '/v1/coverage', accounts.partner.headers);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/admin or planner or bapas-admin or counsellor/);
  });

  test('health, the docs and the OpenAPI document need no token', async () => {
    const { app } = await appWithAccounts();
    for (const path of ['/healthz', '/docs', '/openapi.json', '/assets/app.css']) expect((await app.request(path)).status, path).toBe(200);
    const doc = (await (await app.request('/openapi.json')).json()) as Record<string, any>;
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });
});

describe('the open demo mode', () => {
  test('a store with no accounts on a loopback address serves /v1 without a token, as admin', async () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.8.9.10']) {
      const { app } = await makeApp({ HOST: host });
      expect((await app.request('/v1/audit')).status, host).toBe(200);
      expect((await app.request('/v1/recommendations', postJson(recommendation('001')))).status).toBe(200);
    }
  });

  test('a wrong token is refused even in the open demo mode: a credential sent is checked', async () => {
    const { app } = await makeApp();
    expect((await app.request('/v1/taxonomy', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });

  test('bound to any other address, a store with no accounts serves nothing without a token', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'pokmas.example']) {
      const { app } = await makeApp({ HOST: host });
      expect((await app.request('/v1/taxonomy')).status, host).toBe(401);
      expect((await app.request('/')).status, host).toBe(303);
    }
  });

  test('ends on the next request once an account exists (as the command line creates it while the server runs)', async () => {
    const { app, store } = await makeApp();
    expect((await app.request('/v1/partners')).status).toBe(200);
    expect((await app.request('/')).status).toBe(200);
    const { headers } = await addAccount(store, 'root', 'admin');
    expect((await app.request('/v1/partners')).status).toBe(401);
    expect((await app.request('/')).status).toBe(303);
    expect((await app.request('/v1/partners', { headers })).status).toBe(200);
  });

  test('loopback addresses are 127.0.0.0/8, ::1 and localhost, nothing else', () => {
    for (const host of ['127.0.0.1', '127.255.0.1', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '128.0.0.1', '10.0.0.1', '::2', 'localhost.example', 'example.com', '', '127.0.0.1.nip.io'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
