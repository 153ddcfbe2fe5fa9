import { registryToCsv } from '@pokmas/directory';
import type { Partner } from '@pokmas/matcher';
import { beforeEach, describe, expect, test } from 'vitest';
import { fixtureRegistry, makeApp, PARTNERS, postJson, type TestApp } from './fixtures';
import {
  ADMIN,
  asPrincipal,
  BAPAS_001_ADMIN,
  BAPAS_026_ADMIN,
  COUNSELLOR_026,
  PARTNER_001,
  PLANNER,
  authed,
  signInAll,
  withToken,
} from './helpers/principal';

type Body = Record<string, any>;
let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
  await signInAll(t.store);
  asPrincipal(ADMIN);
});

const POKMAS = fixtureRegistry().pokmas;
const asJson = (partners: readonly Partner[], pokmas = POKMAS) => JSON.stringify({ pokmas, partners });

async function send(path: string, init: RequestInit = {}) {
  const res = await t.app.request(path, authed(init));
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') ?? false;
  return { res, status: res.status, text, body: (json && text ? JSON.parse(text) : undefined) as Body };
}
const upload = (body: string, query = '', contentType = 'application/json') =>
  send(`/v1/registry/import${query}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
const version = async () => (await t.store.registryVersion()) as number;
const clone = (): Partner[] => structuredClone(PARTNERS);

async function recommendedIds(): Promise<string[]> {
  const res = await t.app.request(
    '/v1/recommendations',
    withToken(ADMIN, postJson({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'job-placement', priority: 3 }] } })),
  );
  return ((await res.json()) as Body).matches.map((match: Body) => match.partnerId);
}

describe('GET /v1/registry/export and importing it back', () => {
  for (const format of ['json', 'csv'] as const) {
    test(`a ${format} export imported again leaves every partner unchanged and the version as it was`, async () => {
      const exported = await send(`/v1/registry/export?format=${format}`);
      expect(exported.status).toBe(200);
      expect(exported.res.headers.get('content-type')).toMatch(format === 'csv' ? /^text\/csv/ : /^application\/json/);
      expect(exported.res.headers.get('content-disposition')).toContain(`registry-r1.${format}`);
      const before = await version();
      const result = await upload(exported.text, '?mode=replace', format === 'csv' ? 'text/csv' : 'application/json');
      expect(result.status, result.text).toBe(200);
      expect(result.body.counts).toEqual({ created: 0, updated: 0, retired: 0, unchanged: 4, pokmasCreated: 0, pokmasUpdated: 0 });
      expect(result.body.registry.version).toBe(`r${before}`);
      expect(await version()).toBe(before);
    });
  }

  test("a bapas-admin exports its own Bapas's partners; counsellors and partners may not export", async () => {
    asPrincipal(BAPAS_001_ADMIN);
    const own = await send('/v1/registry/export');
    expect(own.body.partners.map((partner: Partner) => partner.id)).toEqual(['P-004']);
    for (const principal of [COUNSELLOR_026, PARTNER_001, PLANNER]) {
      asPrincipal(principal);
      expect((await send('/v1/registry/export')).status, principal.role).toBe(403);
    }
  });
});

describe('POST /v1/registry/import', () => {
  test('upsert creates, updates and leaves unchanged, in one new version; the next recommendation sees it', async () => {
    const partners = clone();
    partners[0] = { ...partners[0]!, offerings: [{ service: 'legal-aid' }] };
    partners.push({ ...structuredClone(PARTNERS[0]!), id: 'P-200', name: 'Mitra Impor' });
    const before = await version();
    const result = await upload(asJson(partners));
    expect(result.status, result.text).toBe(200);
    expect(result.body).toMatchObject({
      mode: 'upsert',
      dryRun: false,
      counts: { created: 1, updated: 1, retired: 0, unchanged: 3 },
      created: ['P-200'],
      updated: ['P-001'],
      registry: { version: `r${before + 1}` },
    });
    const ids = await recommendedIds();
    expect(ids).toContain('P-200');
    expect(ids).not.toContain('P-001');
    const history = await send('/v1/partners/P-001/history');
    expect(history.body.entries[0]).toMatchObject({ action: 'partner.import', account: 'root', changes: [{ field: 'offerings' }] });
  });

  test('a CSV file is taken as text/csv; partners absent from it are left as they are in upsert', async () => {
    const result = await upload(registryToCsv([PARTNERS[0]!], POKMAS), '', 'text/csv');
    expect(result.status, result.text).toBe(200);
    expect(result.body.counts).toMatchObject({ unchanged: 1, retired: 0 });
  });

  test('a file with bad rows is refused whole: 422 with every row issue, nothing changed', async () => {
    const partners = clone();
    partners[0] = { ...partners[0]!, name: 'Akan berubah' };
    const bad = [...partners, { ...partners[1]!, id: 'P-300', kind: 'alien' }, { ...partners[1]!, id: 'P-301', regencyCode: '99.99' }];
    const before = await version();
    const result = await upload(JSON.stringify({ pokmas: POKMAS, partners: bad }));
    expect(result.status).toBe(422);
    expect(result.res.headers.get('content-type')).toBe('application/problem+json');
    const rows = (result.body.issues as Body[]).map((issue) => issue.path.slice(0, 2).join('.'));
    expect(rows).toEqual(expect.arrayContaining(['partners.5', 'partners.6']));
    expect(result.body.detail).toMatch(/nothing was changed/);
    expect(await version()).toBe(before);
    expect((await t.store.getPartner('P-001'))!.partner.name).toBe(PARTNERS[0]!.name);

    const csv = registryToCsv(partners, POKMAS).replace('civil-society', 'alien');
    const csvResult = await upload(csv, '', 'text/csv');
    expect(csvResult.status).toBe(422);
    expect(csvResult.body.issues[0].message).toMatch(/^row \d+, kind/);
    expect(await version()).toBe(before);
  });

  test('every row issue is listed, past the 20 of other problems', async () => {
    const bad = Array.from({ length: 30 }, (_, index) => ({ ...structuredClone(PARTNERS[1]!), id: `P-B${index}`, kind: 'alien' }));
    const result = await upload(asJson(bad as never));
    expect(result.status).toBe(422);
    expect(result.body.issues).toHaveLength(30);
  });

  test('replace retires the partners the file leaves out, step by step, until none would be left active', async () => {
    const two = clone().filter((partner) => partner.id !== 'P-003');
    const first = await upload(asJson(two), '?mode=replace');
    expect(first.status, first.text).toBe(200);
    expect(first.body.retired).toEqual(['P-003']);
    expect((await t.store.getPartner('P-003'))!.partner.active).toBe(false);

    const before = await version();
    const one = clone().filter((partner) => partner.id === 'P-004' || partner.id === 'P-001');
    const cut = await upload(asJson([...one, { ...PARTNERS[1]!, active: false }]), '?mode=replace');
    expect(cut.status).toBe(200);
    const shrink = await upload(asJson(clone().filter((partner) => partner.id === 'P-004')), '?mode=replace');
    expect(shrink.status).toBe(422);
    expect(shrink.body.detail).toMatch(/no active partner|more than half/);
    expect(await version()).toBe(before + 1);
  });

  test('a cut file in replace mode is refused (more than half retired) unless allowShrink=true', async () => {
    const cut = asJson(clone().filter((partner) => partner.id === 'P-001'));
    const before = await version();
    const refused = await upload(cut, '?mode=replace');
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('retire 2 of the 3 active partners');
    expect(refused.body.detail).toContain('allowShrink');
    expect(await version()).toBe(before);
    const allowed = await upload(cut, '?mode=replace&allowShrink=true');
    expect(allowed.status).toBe(200);
    expect(allowed.body.retired).toEqual(['P-002', 'P-003']);
  });

  test('an import that would leave no active partner is refused, allowShrink or not', async () => {
    const none = asJson(clone().map((partner) => ({ ...partner, active: false })));
    for (const query of ['', '?mode=replace&allowShrink=true']) {
      const result = await upload(none, query);
      expect(result.status, query).toBe(422);
      expect(result.body.detail).toContain('no active partner');
    }
    expect(await recommendedIds()).toContain('P-001');
  });

  test('a dry run answers what it would do and changes nothing', async () => {
    const before = await version();
    const result = await upload(asJson(clone().filter((partner) => partner.id !== 'P-003')), '?mode=replace&dryRun=true');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ dryRun: true, retired: ['P-003'], registry: { version: `r${before}` } });
    expect(await version()).toBe(before);
    expect((await t.store.getPartner('P-003'))!.partner.active).not.toBe(false);
  });

  test('only text/csv or application/json (415); a bad mode or flag is a 422 naming it', async () => {
    expect((await upload('x', '', 'text/plain')).status).toBe(415);
    const mode = await upload(asJson(clone()), '?mode=merge');
    expect(mode.status).toBe(422);
    expect(mode.body.issues[0].path).toEqual(['mode']);
    expect((await upload(asJson(clone()), '?dryRun=yes')).status).toBe(422);
  });

  test('has its own body limit, above MAX_BODY_BYTES; beyond it a 413', async () => {
    t = await makeApp({ MAX_BODY_BYTES: '1024' });
    await signInAll(t.store);
    const file = asJson(clone());
    expect(file.length).toBeGreaterThan(1024);
    expect((await upload(file)).status).toBe(200);
    const huge = await send('/v1/registry/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(65 * 1024 * 1024) },
      body: file,
    });
    expect(huge.status).toBe(413);
  });

  test("a bapas-admin imports its own Bapas's partners only, and replace retires only its own", async () => {
    asPrincipal(BAPAS_026_ADMIN);
    const foreign = await upload(asJson(clone()));
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('P-004');
    const own = clone().filter((partner) => partner.bapasId === '026' && partner.id !== 'P-003');
    const result = await upload(asJson(own), '?mode=replace');
    expect(result.status, result.text).toBe(200);
    expect(result.body.retired).toEqual(['P-003']);
    for (const principal of [COUNSELLOR_026, PARTNER_001, PLANNER]) {
      asPrincipal(principal);
      expect((await upload(asJson(own))).status, principal.role).toBe(403);
    }
  });
});
