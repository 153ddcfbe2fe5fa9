import { describe, expect, test } from 'vitest';
import { addAccount, makeApp } from './fixtures';

type Page = {
  entries: Array<{ id: number; action: string; account: string | null; entity: string; entityId: string | null }>;
  nextCursor?: string;
};

async function audited() {
  const made = await makeApp();
  const admin = await addAccount(made.store, 'root', 'admin');
  const planner = await addAccount(made.store, 'plan', 'planner');
  await made.store.recordAuthEvent('sign-in.succeeded', 'plan');
  await made.store.recordAuthEvent('sign-in.failed', 'root');
  const read = async (query = '') => {
    const res = await made.app.request(`/v1/audit${query}`, { headers: admin.headers });
    return { res, page: (await res.clone().json()) as Page };
  };
  return { ...made, admin, planner, read };
}

describe('GET /v1/audit', () => {
  test('admin only: every other role gets 403 naming admin, no token 401', async () => {
    const { app, store, planner } = await audited();
    for (const account of [
      planner,
      await addAccount(store, 'pk-026', 'counsellor', { bapasId: '026' }),
      await addAccount(store, 'ba-026', 'bapas-admin', { bapasId: '026' }),
      await addAccount(store, 'blk', 'partner', { partnerId: 'P-001' }),
    ]) {
      const res = await app.request('/v1/audit', { headers: account.headers });
      expect(res.status, account.login).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/needs the role admin;/);
    }
    expect((await app.request('/v1/audit')).status).toBe(401);
  });

  test('newest first, every write there: seeding, accounts, tokens, sign-ins; never cached', async () => {
    const { read } = await audited();
    const { res, page } = await read();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const ids = page.entries.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(page.entries.slice(0, 2).map((entry) => entry.action)).toEqual(['sign-in.failed', 'sign-in.succeeded']);
    for (const action of ['registry.seed', 'account.create', 'token.create']) expect(page.entries.map((e) => e.action)).toContain(action);
    expect(page.nextCursor).toBeUndefined();
  });

  test('filters by account, action, entity, entityId and time, together', async () => {
    const { read } = await audited();
    expect((await read('?action=account.create')).page.entries.map((e) => e.entityId)).toEqual(['plan', 'root']);
    expect((await read('?account=plan')).page.entries.map((e) => e.action)).toEqual(['sign-in.succeeded']);
    expect((await read('?entity=token')).page.entries.every((e) => e.entity === 'token')).toBe(true);
    expect((await read('?entity=account&entityId=root')).page.entries.map((e) => e.action)).toEqual(['sign-in.failed', 'account.create']);
    expect((await read('?since=2999-01-01T00:00:00Z')).page.entries).toEqual([]);
    expect((await read('?until=2000-01-01T00:00:00Z')).page.entries).toEqual([]);
    const all = (await read()).page.entries.length;
    expect((await read('?since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00%2B07:00')).page.entries.length).toBe(all);
  });

  test('pages by cursor: each entry once, in order, and the last page has no cursor', async () => {
    const { read } = await audited();
    const all = (await read()).page.entries.map((e) => e.id);
    const seen: number[] = [];
    let query = '?limit=2';
    for (let pages = 0; pages < 50; pages++) {
      const { page } = await read(query);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
      if (!page.nextCursor) break;
      query = `?limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(all);
  });

  test('a bad filter is a 422 naming it', async () => {
    const { read } = await audited();
    for (const [query, field] of [
      ['?action=partner.delete', 'action'],
      ['?entity=client', 'entity'],
      ['?since=yesterday', 'since'],
      ['?until=2026-13-01T00:00:00Z', 'until'],
      ['?cursor=abc', 'cursor'],
      ['?cursor=0', 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=ten', 'limit'],
      ['?login=root', 'login'],
    ] as const) {
      const { res, page } = await read(query);
      expect(res.status, query).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = page as unknown as { issues: Array<{ path: Array<string | number> }>; detail: string };
      expect(problem.detail, query).toContain(field);
    }
  });

  test('is in the OpenAPI document with its filters and responses', async () => {
    const { app } = await audited();
    const doc = (await (await app.request('/openapi.json')).json()) as Record<string, any>;
    const operation = doc.paths['/v1/audit'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['account', 'action', 'cursor', 'entity', 'entityId', 'limit', 'since', 'until'].sort(),
    );
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '401', '403', '422']);
  });
});
