import type { Partner } from '@pokmas/matcher';
import { describe, expect, test } from 'vitest';
import { createApp } from '../src/app';
import { parseConfig } from '../src/env';
import { addAccount, fixtureRegistry, makeStore, PARTNERS } from './fixtures';
import { csrfOf, postForm, signInAs } from './helpers/pages';

/**
 * The referral pages over a real store: "Rujuk" on a match, the referrals list, a referral's
 * page with its moves, the letter. Every refusal is checked to leave nothing behind.
 */

// BLK Bandung with one free place left; LBH Bandung takes adults only (the default).
const ONE_PLACE: Partner[] = PARTNERS.map((partner) =>
  partner.id === 'P-001' ? { ...partner, capacity: { total: 10, used: 9 } } : partner,
);

async function pages() {
  const { store, live, directory } = await makeStore(fixtureRegistry('one-place', ONE_PLACE));
  const app = createApp({ directory, registry: live, store, config: parseConfig({}) });
  const accounts = {
    counsellor: await addAccount(store, 'pk-026', 'counsellor', { bapasId: '026' }),
    otherCounsellor: await addAccount(store, 'pk-001', 'counsellor', { bapasId: '001' }),
    blk: await addAccount(store, 'mitra-blk', 'partner', { partnerId: 'P-001' }),
    lbh: await addAccount(store, 'mitra-lbh', 'partner', { partnerId: 'P-003' }),
    planner: await addAccount(store, 'plan', 'planner'),
  };
  const sessions = new Map<string, string>();
  /** A signed-in browser: its session cookie on every request, and the CSRF token of its pages. */
  const as = async (who: keyof typeof accounts) => {
    const account = accounts[who];
    if (!sessions.has(who)) sessions.set(who, await signInAs(app, account.login, account.password));
    const cookie = sessions.get(who)!;
    const get = (path: string) => app.request(path, { headers: { Cookie: cookie } });
    const csrf = csrfOf(await (await get('/referrals')).text())!;
    const post = (path: string, pairs: Array<[string, string]>, headers: Record<string, string> = {}) =>
      app.request(path, postForm(pairs, { Cookie: cookie, ...headers }));
    return { get, post, csrf };
  };
  return { app, store, as };
}

/** An adult in Kota Bandung who needs skills training: BLK Bandung (P-001) is among the matches. */
const ADULT_SKILLS: Array<[string, string]> = [
  ['lang', 'id'],
  ['need', 'skills-training'],
  ['regencyCode', '32.73'],
  ['ageGroup', 'adult'],
  ['mode', 'in-person'],
];

const referTo = (partnerId: string, csrf: string, fields: Array<[string, string]> = [], search = ADULT_SKILLS): Array<[string, string]> => [
  ['csrf', csrf],
  ...search,
  ['partnerId', partnerId],
  ['clientRef', 'KASUS-0042'],
  ['service', 'skills-training'],
  ...fields,
];

const referralIdOf = (location: string | null) => /^\/referrals\/([^?]+)/.exec(location ?? '')?.[1];

describe('"Rujuk" on the results', () => {
  test('a counsellor signed in sees the form on each match, says not to write names, and a referral made shows its number', async () => {
    const { store, as } = await pages();
    const counsellor = await as('counsellor');
    const searched = await counsellor.post('/search', ADULT_SKILLS);
    expect(searched.status).toBe(303);
    const results = await (await counsellor.get(searched.headers.get('location')!)).text();
    expect(results).toContain('data-refer="P-001"');
    expect(results).toContain('Jangan menulis nama, NIK atau alamat klien.');

    const made = await counsellor.post('/referrals', referTo('P-001', counsellor.csrf, [['note', 'Datang hari Senin.']]));
    expect(made.status).toBe(303);
    const id = referralIdOf(made.headers.get('location'))!;
    const shown = await (await counsellor.get(made.headers.get('location')!)).text();
    const referral = (await store.getReferral(id))!;
    expect(shown).toContain(`Rujukan ${referral.number} telah dibuat`);
    expect(referral).toMatchObject({ status: 'requested', partnerId: 'P-001', bapasId: '026', clientRef: 'KASUS-0042' });
    expect(referral.history[0]).toMatchObject({ account: 'pk-026', role: 'counsellor', note: 'Datang hari Senin.' });
    // Nothing of the client's own details is kept: the stored referral names no age group or place.
    expect(JSON.stringify(referral)).not.toMatch(/adult|32\.73|ageGroup|regencyCode/);
  });

  test('the last place taken in between: 409, the results again without the partner, and the reason above them', async () => {
    const { store, as } = await pages();
    const counsellor = await as('counsellor');
    expect((await counsellor.post('/referrals', referTo('P-001', counsellor.csrf))).status).toBe(303);
    const again = await counsellor.post('/referrals', referTo('P-001', counsellor.csrf, [], ADULT_SKILLS));
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain('Tempat terakhir di mitra ini baru saja terisi.');
    expect(html).not.toContain('data-partner-id="P-001"');
    expect((await store.listReferrals()).referrals).toHaveLength(1);
  });

  test('a pair a rule refuses (a juvenile, an adults-only partner) is 422 with the rule in words, and nothing is made', async () => {
    const { store, as } = await pages();
    const counsellor = await as('counsellor');
    const juvenile: Array<[string, string]> = [
      ['lang', 'id'],
      ['need', 'legal-aid'],
      ['regencyCode', '32.73'],
      ['ageGroup', 'juvenile'],
      ['mode', 'in-person'],
    ];
    const res = await counsellor.post('/referrals', [
      ['csrf', counsellor.csrf],
      ...juvenile,
      ['partnerId', 'P-003'],
      ['clientRef', 'KASUS-7'],
      ['service', 'legal-aid'],
    ]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Aturan kesesuaian menolak rujukan ini: Tidak menerima kelompok umur klien.');
    expect((await store.listReferrals()).referrals).toHaveLength(0);
  });

  test('a missing client code, an NIK for one, no service, a note too long: 422 beside each field, the form kept open', async () => {
    const { store, as } = await pages();
    const counsellor = await as('counsellor');
    const missing = await counsellor.post('/referrals', [
      ['csrf', counsellor.csrf],
      ...ADULT_SKILLS,
      ['partnerId', 'P-001'],
      ['clientRef', ''],
      ['note', 'x'.repeat(1001)],
    ]);
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(html).toContain('Tulis kode klien');
    expect(html).toContain('Pilih paling sedikit satu layanan');
    expect(html).toContain('Catatan paling banyak 1.000 karakter.');
    expect(html).toMatch(/<details class="refer no-print" open=""/);

    const nik = await counsellor.post('/referrals', referTo('P-001', counsellor.csrf, [['clientRef', '3273012345678901']]));
    expect(nik.status).toBe(422);
    expect(await nik.text()).toContain('Ini tampak seperti NIK.');
    expect((await store.listReferrals()).referrals).toHaveLength(0);
  });

  test('without the session’s CSRF token, or as a role that does not refer, nothing is made', async () => {
    const { store, as } = await pages();
    const counsellor = await as('counsellor');
    expect((await counsellor.post('/referrals', referTo('P-001', 'forged-token'))).status).toBe(403);
    const planner = await as('planner');
    const refused = await planner.post('/referrals', referTo('P-001', planner.csrf));
    expect(refused.status).toBe(403);
    // A counsellor of another Bapas, for a client of this one.
    const other = await as('otherCounsellor');
    expect((await other.post('/referrals', referTo('P-001', other.csrf, [['bapasId', '026']]))).status).toBe(403);
    expect((await store.listReferrals()).referrals).toHaveLength(0);
  });
});

describe('the referral, from both sides', () => {
  test('the partner accepts in its inbox, the counsellor sees it accepted; the partner never sees another partner’s', async () => {
    const { as, store } = await pages();
    const counsellor = await as('counsellor');
    const id = referralIdOf((await counsellor.post('/referrals', referTo('P-001', counsellor.csrf))).headers.get('location'))!;

    const lbh = await as('lbh');
    expect((await lbh.get(`/referrals/${id}`)).status).toBe(404);
    expect(await (await lbh.get('/referrals')).text()).toContain('id="referrals-empty"');

    const blk = await as('blk');
    expect((await blk.get('/')).headers.get('location')).toBe('/referrals');
    const inbox = await (await blk.get('/referrals')).text();
    expect(inbox).toContain(`data-referral-id="${id}"`);
    const page = await (await blk.get(`/referrals/${id}`)).text();
    expect(page).toContain('data-move="accepted"');
    expect(page).toContain('data-move="declined"');
    expect(page).not.toContain('data-move="cancelled"');
    // The partner is not the referring side: no letter.
    expect(page).not.toContain('data-letter');

    const accepted = await blk.post(`/referrals/${id}/transitions`, [
      ['csrf', blk.csrf],
      ['to', 'accepted'],
      ['version', '1'],
    ]);
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`/referrals/${id}?moved=accepted`);
    const seen = await (await counsellor.get(`/referrals/${id}`)).text();
    expect(seen).toContain('data-status="accepted"');
    expect(seen).toContain('data-move="cancelled"');
    expect((await store.getReferral(id))!.history.map((entry) => [entry.to, entry.account])).toEqual([
      ['requested', 'pk-026'],
      ['accepted', 'mitra-blk'],
    ]);
  });

  test('a stale page, a move the role may not make, a decline without a reason: the referral as it is, unchanged', async () => {
    const { as, store } = await pages();
    const counsellor = await as('counsellor');
    const id = referralIdOf((await counsellor.post('/referrals', referTo('P-001', counsellor.csrf))).headers.get('location'))!;
    const blk = await as('blk');

    const noReason = await blk.post(`/referrals/${id}/transitions`, [
      ['csrf', blk.csrf],
      ['to', 'declined'],
      ['version', '1'],
      ['reason', ''],
    ]);
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Pilih alasan.');

    const byCounsellor = await counsellor.post(`/referrals/${id}/transitions`, [
      ['csrf', counsellor.csrf],
      ['to', 'accepted'],
      ['version', '1'],
    ]);
    expect(byCounsellor.status).toBe(403);
    expect(await byCounsellor.text()).toContain('Peran akun Anda tidak dapat melakukan langkah itu.');

    expect(
      (
        await blk.post(`/referrals/${id}/transitions`, [
          ['csrf', blk.csrf],
          ['to', 'accepted'],
          ['version', '1'],
        ])
      ).status,
    ).toBe(303);
    // The same page sent again: the referral moved on since.
    const stale = await blk.post(`/referrals/${id}/transitions`, [
      ['csrf', blk.csrf],
      ['to', 'declined'],
      ['version', '1'],
      ['reason', 'no-capacity'],
    ]);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('baru saja diubah orang lain');

    const forged = await blk.post(`/referrals/${id}/transitions`, [
      ['csrf', 'nope'],
      ['to', 'in-progress'],
      ['version', '2'],
    ]);
    expect(forged.status).toBe(403);
    expect((await store.getReferral(id))!).toMatchObject({ status: 'accepted', version: 2 });
  });

  test('completing takes an outcome for every service, then the page shows it and offers nothing more', async () => {
    const { as, store } = await pages();
    const counsellor = await as('counsellor');
    const id = referralIdOf((await counsellor.post('/referrals', referTo('P-001', counsellor.csrf))).headers.get('location'))!;
    const blk = await as('blk');
    for (const [to, version] of [
      ['accepted', '1'],
      ['in-progress', '2'],
    ]) {
      expect(
        (
          await blk.post(`/referrals/${id}/transitions`, [
            ['csrf', blk.csrf],
            ['to', to!],
            ['version', version!],
          ])
        ).status,
      ).toBe(303);
    }
    const incomplete = await blk.post(`/referrals/${id}/transitions`, [
      ['csrf', blk.csrf],
      ['to', 'completed'],
      ['version', '3'],
      ['sessionsAttended', '-1'],
    ]);
    expect(incomplete.status).toBe(422);
    const html = await incomplete.text();
    expect(html).toContain('Pilih hasil untuk setiap layanan.');
    expect(html).toContain('Tulis bilangan bulat 0 atau lebih');

    const done = await blk.post(`/referrals/${id}/transitions`, [
      ['csrf', blk.csrf],
      ['to', 'completed'],
      ['version', '3'],
      ['outcome-skills-training', 'achieved'],
      ['sessionsAttended', '8'],
    ]);
    expect(done.status).toBe(303);
    expect((await store.getReferral(id))!.outcome).toEqual({
      services: [{ service: 'skills-training', result: 'achieved' }],
      sessionsAttended: 8,
    });
    const page = await (await counsellor.get(`/referrals/${id}`)).text();
    expect(page).toContain('Pelatihan kerja dan keterampilan: Tercapai');
    expect(page).toContain('Tidak ada tindakan yang dapat Anda lakukan pada status ini.');
  });

  test('the letter names the partner, the services, the number, the date and the Bapas, with a blank line for the name', async () => {
    const { as, store } = await pages();
    const counsellor = await as('counsellor');
    const id = referralIdOf((await counsellor.post('/referrals', referTo('P-001', counsellor.csrf))).headers.get('location'))!;
    const letter = await counsellor.get(`/referrals/${id}/letter`);
    expect(letter.status).toBe(200);
    const html = await letter.text();
    const referral = (await store.getReferral(id))!;
    expect(html).toContain(referral.number);
    expect(html).toContain('BLK Bandung');
    expect(html).toContain('Pelatihan kerja dan keterampilan');
    expect(html).toContain(`data-letter-bapas="true">Bapas Kelas I Bandung<`);
    expect(html).toContain('data-blank-name');
    // The pseudonym stays off the paper that travels with the client.
    expect(html).not.toContain('KASUS-0042');
    expect((await (await as('blk')).get(`/referrals/${id}/letter`)).status).toBe(404);
  });

  test('a planner has no referrals page; the list filters by status', async () => {
    const { as } = await pages();
    expect((await (await as('planner')).get('/referrals')).status).toBe(403);
    const counsellor = await as('counsellor');
    const id = referralIdOf((await counsellor.post('/referrals', referTo('P-001', counsellor.csrf))).headers.get('location'))!;
    expect(await (await counsellor.get('/referrals?status=requested')).text()).toContain(`data-referral-id="${id}"`);
    expect(await (await counsellor.get('/referrals?status=completed')).text()).not.toContain(`data-referral-id="${id}"`);
    expect(await (await counsellor.get('/referrals?cursor=not-a-cursor')).text()).toContain(`data-referral-id="${id}"`);
  });
});

describe('the open demo mode', () => {
  test('takes a referral from this site’s own page, and refuses a form another site posts', async () => {
    const { store, live, directory } = await makeStore(fixtureRegistry('one-place', ONE_PLACE));
    const app = createApp({ directory, registry: live, store, config: parseConfig({}) });
    const crossSite = await app.request('/referrals', postForm(referTo('P-001', ''), { 'Sec-Fetch-Site': 'cross-site' }));
    expect(crossSite.status).toBe(403);
    const otherOrigin = await app.request('/referrals', postForm(referTo('P-001', ''), { Origin: 'http://evil.example' }));
    expect(otherOrigin.status).toBe(403);
    expect((await store.listReferrals()).referrals).toHaveLength(0);
    const own = await app.request('/referrals', postForm(referTo('P-001', ''), { 'Sec-Fetch-Site': 'same-origin' }));
    expect(own.status).toBe(303);
    expect((await store.listReferrals()).referrals).toHaveLength(1);
  });
});
