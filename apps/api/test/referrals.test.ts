import { lifecycleMermaid } from '@pokmas/store';
import { beforeEach, describe, expect, test } from 'vitest';
import { makeApp, postJson, type TestApp } from './fixtures';
import {
  ADMIN,
  BAPAS_001_ADMIN,
  BAPAS_026_ADMIN,
  COUNSELLOR_026,
  PARTNER_001,
  PARTNER_002,
  PLANNER,
  type TestPerson,
  signInAll,
  withToken,
} from './helpers/principal';

type Body = Record<string, any>;

let t: TestApp;
beforeEach(async () => {
  t = await makeApp();
  await signInAll(t.store);
});

async function send(person: TestPerson, path: string, init: RequestInit = {}) {
  const res = await t.app.request(path, withToken(person, init));
  const text = await res.text();
  return { res, status: res.status, body: (text ? JSON.parse(text) : undefined) as Body };
}

const client = (fields: Body = {}) => ({
  id: 'K-0042',
  location: { lat: -6.92, lon: 107.61 },
  ageGroup: 'adult',
  gender: 'female',
  religion: 'islam',
  needs: [{ service: 'job-placement', priority: 3 }],
  ...fields,
});
const refer = (body: Body, person: TestPerson = COUNSELLOR_026) =>
  send(person, '/v1/referrals', postJson({ client: client(), partnerId: 'P-001', services: ['job-placement'], ...body }));
const move = (person: TestPerson, id: string, body: Body, ifMatch: string | null = '"1"') =>
  send(person, `/v1/referrals/${id}/transitions`, postJson(body, ifMatch === null ? {} : { 'If-Match': ifMatch }));

/** The free places recommendations see for P-001, from the capacity reason of its match. */
async function freeSeen(): Promise<number> {
  const { body } = await send(COUNSELLOR_026, '/v1/recommendations', postJson({ client: client() }));
  const match = body.matches.find((candidate: Body) => candidate.partnerId === 'P-001');
  return match.reasons.find((reason: Body) => reason.code === 'capacity-free').params.free;
}

async function setUsed(used: number): Promise<void> {
  const current = await send(ADMIN, '/v1/partners/P-001');
  const res = await t.app.request(
    '/v1/partners/P-001',
    withToken(ADMIN, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': current.res.headers.get('etag')! },
      body: JSON.stringify({ capacity: { used } }),
    }),
  );
  expect(res.status).toBe(200);
}

describe('POST /v1/referrals', () => {
  test('makes a requested referral with the match as scored, keeping only the pseudonym, and holds a place', async () => {
    expect(await freeSeen()).toBe(8);
    const { status, res, body } = await refer({ note: 'Datang Senin pagi' });
    expect(status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/v1/referrals/${body.id}`);
    expect(body).toMatchObject({
      number: 'RJ-000001',
      status: 'requested',
      partnerId: 'P-001',
      bapasId: '026',
      clientRef: 'K-0042',
      services: ['job-placement'],
      history: [{ account: 'citra', role: 'counsellor', from: null, to: 'requested', note: 'Datang Senin pagi' }],
    });
    expect(body.match.score).toBeGreaterThan(0);
    expect(body.match.factors.map((factor: Body) => factor.id)).toContain('capacity');
    expect(Math.abs(Date.parse(body.expiresAt) - Date.parse(body.createdAt) - 14 * 86_400_000)).toBeLessThan(1000);
    for (const field of ['female', 'islam', 'adult', '107.61']) expect(JSON.stringify(body)).not.toContain(field);
    // The next recommendation on this instance already counts the hold.
    expect(await freeSeen()).toBe(7);
  });

  test.each([
    ['a juvenile and an adults-only partner', { ageGroup: 'juvenile' }, 'P-001', ['job-placement'], 'ineligible-age'],
    [
      'the wrong faith for religious guidance',
      { religion: 'catholic', needs: [{ service: 'religious-guidance' }] },
      'P-002',
      ['religious-guidance'],
      'religion-mismatch',
    ],
    ['a retired partner', { needs: [{ service: 'legal-aid' }] }, 'P-004', ['legal-aid'], 'inactive'],
    ['out of reach', { location: { lat: 3.59, lon: 98.67 }, maxDistanceKm: 10 }, 'P-001', ['job-placement'], 'out-of-range'],
    ['a partner offering none of the services', { needs: [{ service: 'legal-aid' }] }, 'P-001', ['legal-aid'], 'no-matching-service'],
  ])('refuses %s with 422 and the rule’s code, holding nothing', async (_what, fields, partnerId, services, code) => {
    const { status, body } = await refer({ client: client(fields), partnerId, services });
    expect(status, JSON.stringify(body)).toBe(422);
    expect(body.code).toBe(code);
    expect((await t.store.listReferrals()).referrals).toEqual([]);
  });

  test('refuses a service the partner does not meet, and one the client does not need, naming each', async () => {
    const unmet = await refer({
      client: client({ needs: [{ service: 'job-placement' }, { service: 'legal-aid' }] }),
      services: ['job-placement', 'legal-aid'],
    });
    expect(unmet.status).toBe(422);
    expect(unmet.body.code).toBe('service-not-met');
    expect(unmet.body.issues.map((issue: Body) => issue.pointer)).toEqual(['/services/1']);
    const unneeded = await refer({ services: ['job-placement', 'skills-training'] });
    expect(unneeded.status).toBe(422);
    expect(unneeded.body.code).toBe('service-not-needed');
    expect(unneeded.body.issues.map((issue: Body) => issue.pointer)).toEqual(['/services/1']);
  });

  test('answers 409 no-capacity once the last place is taken', async () => {
    await setUsed(9);
    expect((await refer({})).status).toBe(201);
    const full = await refer({ client: client({ id: 'K-0043' }) });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('no-capacity');
  });

  test('N concurrent referrals for k free places give exactly k 201s and N - k 409s', async () => {
    await setUsed(7);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => refer({ client: client({ id: `K-${index}` }) })));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => answer.body.code === 'no-capacity')).toBe(true);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(9);
    expect((await t.store.getPartner('P-001'))?.held).toBe(3);
  });

  test('refuses the roles that may not refer, and a client of another Bapas', async () => {
    for (const person of [PLANNER, PARTNER_001, BAPAS_026_ADMIN]) expect((await refer({}, person)).status).toBe(403);
    expect((await refer({ client: client({ bapasId: '001' }) })).status).toBe(403);
    expect((await refer({}, ADMIN)).status).toBe(201);
    expect((await refer({ partnerId: 'P-404' })).status).toBe(404);
  });

  test('no answer about a referral is ever stored by a cache', async () => {
    const { body, res } = await refer({});
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const path of [`/v1/referrals/${body.id}`, '/v1/referrals', '/v1/events']) {
      expect((await send(COUNSELLOR_026, path)).res.headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await move(PARTNER_001, body.id, { to: 'accepted' })).res.headers.get('cache-control')).toBe('no-store');
    expect((await send(ADMIN, '/v1/clients/K-0042/referrals', { method: 'DELETE' })).res.headers.get('cache-control')).toBe('no-store');
    expect((await send(PLANNER, '/v1/referrals/lifecycle')).res.headers.get('cache-control')).toBe('no-store');
  });

  test('refuses a note over 1,000 characters, naming the field', async () => {
    const { status, body } = await refer({ note: 'x'.repeat(1001) });
    expect(status).toBe(422);
    expect(body.issues.map((issue: Body) => issue.pointer)).toEqual(['/note']);
  });
});

describe('placing a cohort for real: POST /v1/allocations with options.commit', () => {
  const cohort = {
    clients: [client({ id: 'K-A1' }), client({ id: 'K-A2' }), client({ id: 'K-A3', needs: [{ service: 'legal-aid' }] })],
    options: { commit: true },
  };

  test('makes a referral for every assignment in one go, each holding its place', async () => {
    const { status, body } = await send(COUNSELLOR_026, '/v1/allocations', postJson(cohort));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.referrals).toHaveLength(body.assignments.length);
    expect(body.referrals.map((made: Body) => [made.clientId, made.service, made.partnerId])).toEqual(
      body.assignments.map((assignment: Body) => [assignment.clientId, assignment.service, assignment.partnerId]),
    );
    const stored = (await t.store.listReferrals()).referrals;
    expect(stored.map((referral) => referral.number).sort()).toEqual(body.referrals.map((made: Body) => made.number).sort());
    expect(stored.every((referral) => referral.status === 'requested' && referral.bapasId === '026')).toBe(true);
    const toP001 = body.assignments.filter((assignment: Body) => assignment.partnerId === 'P-001').length;
    expect(await freeSeen()).toBe(8 - toP001);
  });

  test('without commit nothing is made; a bapas-admin or a planner may not commit', async () => {
    const dry = await send(COUNSELLOR_026, '/v1/allocations', postJson({ ...cohort, options: {} }));
    expect(dry.status).toBe(200);
    expect(dry.body.referrals).toBeUndefined();
    expect((await send(BAPAS_026_ADMIN, '/v1/allocations', postJson(cohort))).status).toBe(403);
    expect((await send(PLANNER, '/v1/allocations', postJson(cohort))).status).toBe(403);
    expect((await t.store.listReferrals()).referrals).toEqual([]);
  });
});

describe('moving a referral', () => {
  async function made(): Promise<string> {
    const { body } = await refer({});
    return body.id as string;
  }

  test('the partner accepts, starts and completes it with outcomes; the place is freed at the end', async () => {
    const id = await made();
    expect((await move(PARTNER_001, id, { to: 'accepted' })).status).toBe(200);
    const started = await move(PARTNER_001, id, { to: 'in-progress' }, '"2"');
    expect(started.res.headers.get('etag')).toBe('"3"');
    expect(await freeSeen()).toBe(7);
    const done = await move(
      PARTNER_001,
      id,
      { to: 'completed', outcome: { services: [{ service: 'job-placement', result: 'achieved' }], sessionsAttended: 4 } },
      '"3"',
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: { sessionsAttended: 4 } });
    expect(done.body.history.map((entry: Body) => entry.to)).toEqual(['requested', 'accepted', 'in-progress', 'completed']);
    expect(await freeSeen()).toBe(8);
    const audit = await send(ADMIN, `/v1/audit?entity=referral&entityId=${id}`);
    expect(audit.body.entries.map((entry: Body) => entry.action)).toEqual([
      'referral.transition',
      'referral.transition',
      'referral.transition',
      'referral.create',
    ]);
  });

  test('answers 409 naming the allowed moves, 403 to a role the table does not name, 412 stale, 428 without If-Match', async () => {
    const id = await made();
    const invalid = await move(PARTNER_001, id, { to: 'completed' });
    expect(invalid.status).toBe(409);
    expect(invalid.body).toMatchObject({ code: 'invalid-transition', allowed: ['accepted', 'declined', 'cancelled'] });
    const forbidden = await move(COUNSELLOR_026, id, { to: 'accepted' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.detail).toContain('admin or partner or bapas-admin');
    expect((await move(PARTNER_001, id, { to: 'accepted' }, '"7"')).status).toBe(412);
    expect((await move(PARTNER_001, id, { to: 'accepted' }, null)).status).toBe(428);
    const noReason = await move(PARTNER_001, id, { to: 'declined' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.issues.map((issue: Body) => issue.pointer)).toEqual(['/reason']);
    expect((await move(PARTNER_001, id, { to: 'declined', reason: 'no-capacity' })).status).toBe(200);
    const final = await move(PARTNER_001, id, { to: 'accepted' }, '"2"');
    expect(final.status).toBe(409);
    expect(final.body.allowed).toEqual([]);
  });

  test('a referral outside one’s scope is not found, and a planner sees none', async () => {
    const id = await made();
    for (const person of [PARTNER_002, BAPAS_001_ADMIN]) {
      expect((await send(person, `/v1/referrals/${id}`)).status).toBe(404);
      expect((await move(person, id, { to: 'accepted' })).status).toBe(404);
    }
    expect((await send(PLANNER, `/v1/referrals/${id}`)).status).toBe(403);
    expect((await send(PLANNER, '/v1/referrals')).status).toBe(403);
    expect((await send(PARTNER_001, `/v1/referrals/${id}`)).status).toBe(200);
    expect((await send(BAPAS_001_ADMIN, '/v1/referrals')).body.referrals).toEqual([]);
    expect((await send(PARTNER_001, '/v1/referrals')).body.referrals).toHaveLength(1);
    expect((await send(PARTNER_002, '/v1/referrals?partnerId=P-001')).body.referrals).toEqual([]);
  });
});

describe('the lifecycle, events, expiry and erasure', () => {
  test('serves the lifecycle table with labels and its Mermaid diagram', async () => {
    const { status, body } = await send(PLANNER, '/v1/referrals/lifecycle');
    expect(status).toBe(200);
    expect(body.transitions).toContainEqual({
      from: ['requested', 'accepted'],
      to: 'cancelled',
      who: ['counsellor', 'bapas-admin'],
      reasons: expect.arrayContaining(['duplicate']),
    });
    expect(body.reasons['returned-to-custody']).toEqual({ id: 'Kembali ke tahanan', en: 'Returned to custody' });
    expect(body.statuses.filter((status: Body) => status.holdsPlace).map((status: Body) => status.id)).toEqual([
      'requested',
      'accepted',
      'in-progress',
      'on-hold',
    ]);
    expect(body.mermaid).toBe(lifecycleMermaid());
  });

  test('the event feed gives one’s scope in commit order with no client data, resumable', async () => {
    const first = (await refer({})).body;
    await move(PARTNER_001, first.id, { to: 'accepted' });
    const all = await send(COUNSELLOR_026, '/v1/events');
    expect(all.body.events.map((event: Body) => event.type)).toEqual(['referral.requested', 'referral.accepted']);
    expect(JSON.stringify(all.body)).not.toContain('K-0042');
    const rest = await send(COUNSELLOR_026, `/v1/events?after=${all.body.events[0].id}`);
    expect(rest.body.events.map((event: Body) => event.type)).toEqual(['referral.accepted']);
    expect((await send(PARTNER_002, '/v1/events')).body.events).toEqual([]);
    expect((await send(PLANNER, '/v1/events')).status).toBe(403);
  });

  test('an unanswered referral expires and frees its place', async () => {
    const { body } = await refer({});
    await t.store.expireReferrals(new Date(Date.now() + 15 * 86_400_000));
    await t.live.catchUp(await t.store.registryVersion());
    expect((await send(COUNSELLOR_026, `/v1/referrals/${body.id}`)).body.status).toBe('expired');
    expect(await freeSeen()).toBe(8);
  });

  test('an admin erases a pseudonym from every referral at once; nobody else may', async () => {
    await refer({});
    expect((await send(COUNSELLOR_026, '/v1/clients/K-0042/referrals', { method: 'DELETE' })).status).toBe(403);
    const erased = await send(ADMIN, '/v1/clients/K-0042/referrals', { method: 'DELETE' });
    expect(erased.body).toEqual({ erased: 1 });
    expect((await send(COUNSELLOR_026, '/v1/referrals?clientRef=K-0042')).body.referrals).toEqual([]);
    expect((await send(COUNSELLOR_026, '/v1/referrals')).body.referrals[0].clientRef).toBeNull();
  });
});
