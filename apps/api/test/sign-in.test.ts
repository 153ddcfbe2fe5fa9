import { describe, expect, test } from 'vitest';
import { createApp } from '../src/app';
import { parseConfig } from '../src/env';
import { SESSION_IDLE_MS } from '../src/lib/sessions';
import { FAILURES_PER_ADDRESS, FAILURES_PER_LOGIN, THROTTLE_WINDOW_MS } from '../src/lib/throttle';
import { addAccount, makeStore } from './fixtures';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** An app whose sessions and throttle follow a clock the test moves, with a counsellor and a planner. */
async function pages(env: Record<string, string> = {}) {
  const { store, live, directory } = await makeStore();
  let now = Date.parse('2026-12-07T09:00:00Z');
  const app = createApp({ directory, registry: live, store, config: parseConfig(env), clock: () => now });
  const counsellor = await addAccount(store, 'pk-026', 'counsellor', { bapasId: '026' });
  const planner = await addAccount(store, 'plan', 'planner');
  return { app, store, counsellor, planner, advance: (ms: number) => (now += ms) };
}

type App = Awaited<ReturnType<typeof pages>>['app'];

const cookieOf = (res: Response, name: string): string | undefined =>
  res.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.split(';')[0];

/** The sign-in form's CSRF cookie and the same token from its hidden field. */
async function signInForm(app: App, url = '/sign-in') {
  const res = await app.request(url);
  const html = await res.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  return { res, html, csrf: csrf!, cookie: cookieOf(res, 'pokmas_sign_in')! };
}

async function postSignIn(app: App, fields: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) {
  return app.request('/sign-in', {
    method: 'POST',
    headers: { ...FORM, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Signs in and answers the session cookie (`pokmas_session=...`). */
async function signIn(app: App, login: string, password: string) {
  const form = await signInForm(app);
  const res = await postSignIn(app, { csrf: form.csrf, login, password }, form.cookie);
  expect(res.status).toBe(303);
  return { res, session: cookieOf(res, 'pokmas_session')! };
}

describe('the sign-in form', () => {
  test('once an account exists, every page sends a browser without a session to the form, and back after it', async () => {
    const { app } = await pages();
    for (const [path, expected] of [
      ['/', '/sign-in'],
      ['/coverage', '/sign-in?next=%2Fcoverage'],
      ['/partners/P-001?lang=en', '/sign-in?lang=en&next=%2Fpartners%2FP-001'],
      ['/coverage/map.svg', '/sign-in?next=%2Fcoverage%2Fmap.svg'],
      ['/coverage.csv', '/sign-in?next=%2Fcoverage.csv'],
    ] as const) {
      const res = await app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(expected);
    }
    const search = await app.request('/search', { method: 'POST', headers: FORM, body: 'need=legal-aid' });
    expect(search.status).toBe(303);
    expect(search.headers.get('location')).toBe('/sign-in');
  });

  test('a good password starts a session: HttpOnly, SameSite=Lax, no Secure over plain HTTP, 30 minutes; back to `next`', async () => {
    const { app } = await pages();
    const form = await signInForm(app, '/sign-in?next=/coverage');
    expect(form.html).toContain('name="next" value="/coverage"');
    const res = await postSignIn(
      app,
      { csrf: form.csrf, login: 'pk-026', password: 'pk-026-password-0123', next: '/coverage' },
      form.cookie,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/coverage');
    const cookie = res.headers.getSetCookie().find((each) => each.startsWith('pokmas_session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=1800/);
    expect(cookie).not.toMatch(/Secure/);

    const page = await app.request('/coverage', { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Masuk sebagai pk-026 (counsellor)');
    expect(html).not.toContain('data-open-demo');
  });

  test('a `next` that leaves the site is ignored', async () => {
    const { app } = await pages();
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'coverage']) {
      const form = await signInForm(app);
      const res = await postSignIn(app, { csrf: form.csrf, login: 'pk-026', password: 'pk-026-password-0123', next }, form.cookie);
      expect(res.headers.get('location'), next).toBe('/');
    }
  });

  test('the cookies are Secure over HTTPS, and behind a proxy only with TRUST_PROXY=true', async () => {
    const direct = await pages();
    const secure = await direct.app.request('https://pokmas.example/sign-in');
    expect(cookieOf(secure, 'pokmas_sign_in')).toBeDefined();
    expect(secure.headers.getSetCookie()[0]).toMatch(/; Secure/);
    const spoofed = await direct.app.request('/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(spoofed.headers.getSetCookie()[0]).not.toMatch(/Secure/);

    const proxied = await pages({ TRUST_PROXY: 'true' });
    const behind = await proxied.app.request('/sign-in', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(behind.headers.getSetCookie()[0]).toMatch(/; Secure/);
  });

  test('a wrong password or an unknown login: 401, the same words, the login kept, the password not; both in the audit log, an unknown login never as typed', async () => {
    const { app, store } = await pages();
    const wrong = await signInForm(app);
    const res = await postSignIn(app, { csrf: wrong.csrf, login: 'pk-026', password: 'not-the-password' }, wrong.cookie);
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('Nama akun atau kata sandi tidak benar.');
    expect(html).toContain('value="pk-026"');
    expect(html).not.toContain('not-the-password');
    expect(cookieOf(res, 'pokmas_session')).toBeUndefined();

    const unknown = await signInForm(app);
    const other = await postSignIn(app, { csrf: unknown.csrf, login: 'Secret Typo', password: 'whatever-it-is' }, unknown.cookie);
    expect(other.status).toBe(401);
    expect(await other.text()).toContain('Nama akun atau kata sandi tidak benar.');

    const failed = await store.listAudit({ filters: { action: 'sign-in.failed' } });
    expect(failed.entries.map((entry) => entry.account)).toEqual([null, 'pk-026']);
    expect(JSON.stringify(failed.entries)).not.toContain('Secret Typo');
    await signIn(app, 'pk-026', 'pk-026-password-0123');
    expect((await store.listAudit({ filters: { action: 'sign-in.succeeded' } })).entries).toMatchObject([{ account: 'pk-026' }]);
  });

  test('without the CSRF token, or with a wrong one, a sign-in is refused 403 before the password is looked at', async () => {
    const { app, store } = await pages();
    const form = await signInForm(app);
    const good = { login: 'pk-026', password: 'pk-026-password-0123' };
    for (const [fields, cookie] of [
      [good, form.cookie],
      [{ ...good, csrf: form.csrf }, undefined],
      [{ ...good, csrf: `${form.csrf.slice(0, -1)}A` }, form.cookie],
      [{ ...good, csrf: '' }, 'pokmas_sign_in='],
    ] as const) {
      const res = await postSignIn(app, fields, cookie);
      expect(res.status).toBe(403);
      expect(cookieOf(res, 'pokmas_session')).toBeUndefined();
      expect(await res.text()).toContain('Formulir kedaluwarsa');
    }
    expect((await store.listAudit({ filters: { account: 'pk-026' } })).entries.filter((e) => e.action.startsWith('sign-in'))).toEqual([]);
  });

  test(`after ${FAILURES_PER_LOGIN} failures a login is throttled: 429 with Retry-After, even with the right password, until the window ends`, async () => {
    const { app, advance } = await pages();
    for (let i = 0; i < FAILURES_PER_LOGIN; i++) {
      const form = await signInForm(app);
      expect((await postSignIn(app, { csrf: form.csrf, login: 'pk-026', password: `wrong-${i}` }, form.cookie)).status).toBe(401);
    }
    const form = await signInForm(app);
    const res = await postSignIn(app, { csrf: form.csrf, login: 'pk-026', password: 'pk-026-password-0123' }, form.cookie);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(THROTTLE_WINDOW_MS / 1000);
    expect(await res.text()).toContain('Coba lagi dalam 15 menit');
    expect(cookieOf(res, 'pokmas_session')).toBeUndefined();
    // Another login from the same address is not held by this one's failures.
    await signIn(app, 'plan', 'plan-password-0123');

    advance(THROTTLE_WINDOW_MS);
    await signIn(app, 'pk-026', 'pk-026-password-0123');
  });

  test(`after ${FAILURES_PER_ADDRESS} failures from one address, every login from it is throttled`, async () => {
    const { app } = await pages({ TRUST_PROXY: 'true' });
    const from = (address: string) => ({ 'X-Forwarded-For': `203.0.113.9, ${address}` });
    for (let i = 0; i < FAILURES_PER_ADDRESS; i++) {
      const form = await signInForm(app);
      const res = await postSignIn(
        app,
        { csrf: form.csrf, login: `guess-${i}`, password: 'wrong-password' },
        form.cookie,
        from('198.51.100.7'),
      );
      expect(res.status).toBe(401);
    }
    const form = await signInForm(app);
    const held = await postSignIn(
      app,
      { csrf: form.csrf, login: 'pk-026', password: 'pk-026-password-0123' },
      form.cookie,
      from('198.51.100.7'),
    );
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toMatch(/^\d+$/);
    const elsewhere = await postSignIn(
      app,
      { csrf: form.csrf, login: 'pk-026', password: 'pk-026-password-0123' },
      form.cookie,
      from('198.51.100.8'),
    );
    expect(elsewhere.status).toBe(303);
  }, 60_000);

  test('a session ends after 30 idle minutes; each request restarts the idle time', async () => {
    const { app, advance } = await pages();
    const { session } = await signIn(app, 'pk-026', 'pk-026-password-0123');
    const open = () => app.request('/coverage', { headers: { Cookie: session } });
    advance(SESSION_IDLE_MS - 1000);
    expect((await open()).status).toBe(200);
    advance(SESSION_IDLE_MS - 1000);
    expect((await open()).status).toBe(200);
    advance(SESSION_IDLE_MS + 1);
    const expired = await open();
    expect(expired.status).toBe(303);
    expect(expired.headers.get('location')).toBe('/sign-in?next=%2Fcoverage');
  });

  test('a session cookie opens the pages only, never /v1 (the API takes bearer tokens)', async () => {
    const { app } = await pages();
    const { session } = await signIn(app, 'pk-026', 'pk-026-password-0123');
    expect((await app.request('/v1/taxonomy', { headers: { Cookie: session } })).status).toBe(401);
  });
});

describe('signing out', () => {
  test('needs the session’s CSRF token (403 without or with another), then ends the session and is audited', async () => {
    const { app, store } = await pages();
    const { session } = await signIn(app, 'pk-026', 'pk-026-password-0123');
    const page = await (await app.request('/', { headers: { Cookie: session } })).text();
    const csrf = /action="\/sign-out"[^>]*>[\s\S]*?name="csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(csrf).toBeDefined();
    const out = (body: string) => app.request('/sign-out', { method: 'POST', headers: { ...FORM, Cookie: session }, body });
    expect((await out('')).status).toBe(403);
    expect((await out(`csrf=${csrf}x`)).status).toBe(403);
    expect((await app.request('/coverage', { headers: { Cookie: session } })).status).toBe(200);

    const done = await out(`csrf=${encodeURIComponent(csrf!)}`);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/sign-in');
    expect(done.headers.getSetCookie().join()).toMatch(/pokmas_session=;/);
    expect((await app.request('/coverage', { headers: { Cookie: session } })).status).toBe(303);
    expect((await store.listAudit({ filters: { action: 'sign-out' } })).entries).toMatchObject([{ account: 'pk-026' }]);
  });

  test('without a session, a sign-out is sent to the form', async () => {
    const { app } = await pages();
    expect((await app.request('/sign-out', { method: 'POST', headers: FORM, body: 'csrf=x' })).headers.get('location')).toBe('/sign-in');
  });
});

describe('the pages by role', () => {
  test('the counsellor page fills in the signed-in counsellor’s Bapas, on the form and in a search by regency only', async () => {
    const { app } = await pages();
    const { session } = await signIn(app, 'pk-026', 'pk-026-password-0123');
    const form = await (await app.request('/', { headers: { Cookie: session } })).text();
    expect(form).toMatch(/<option value="026" selected=""/);
    const res = await app.request('/search', {
      method: 'POST',
      headers: { ...FORM, Cookie: session },
      body: new URLSearchParams([
        ['need', 'job-placement'],
        ['regencyCode', '32.73'],
        ['ageGroup', 'adult'],
        ['mode', 'in-person'],
      ]).toString(),
    });
    expect(res.status).toBe(303);
    const results = res.headers.get('location')!;
    const html = await (await app.request(results, { headers: { Cookie: session } })).text();
    expect(html).toContain('data-partner-id="P-001"');
    expect(html).toMatch(/name="bapasId" value="026"/);
    // The results are this session's only: another browser, signed in as another, gets none.
    const other = await signIn(app, 'plan', 'plan-password-0123');
    expect((await app.request(results, { headers: { Cookie: other.session } })).status).toBe(403);
    const second = await signIn(app, 'pk-026', 'pk-026-password-0123');
    expect((await app.request(results, { headers: { Cookie: second.session } })).status).toBe(404);
  });

  test('results are held 30 minutes and then forgotten', async () => {
    const { app, advance } = await pages();
    const { session } = await signIn(app, 'pk-026', 'pk-026-password-0123');
    const body = new URLSearchParams([
      ['need', 'job-placement'],
      ['regencyCode', '32.73'],
      ['ageGroup', 'adult'],
      ['mode', 'in-person'],
    ]).toString();
    const results = (await app.request('/search', { method: 'POST', headers: { ...FORM, Cookie: session }, body })).headers.get(
      'location',
    )!;
    advance(29 * 60 * 1000);
    expect((await app.request(results, { headers: { Cookie: session } })).status).toBe(200);
    advance(2 * 60 * 1000);
    const gone = await app.request(results, { headers: { Cookie: session } });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('Hasil pencarian disimpan 30 menit');
  });

  test('a planner gets the coverage page, and a 403 page naming the roles on the search', async () => {
    const { app } = await pages();
    const { session } = await signIn(app, 'plan', 'plan-password-0123');
    expect((await app.request('/coverage', { headers: { Cookie: session } })).status).toBe(200);
    const search = await app.request('/?lang=en', { headers: { Cookie: session } });
    expect(search.status).toBe(403);
    expect(await search.text()).toContain('This page needs the role admin or counsellor or bapas-admin.');
  });
});

describe('the open demo mode on the pages', () => {
  test('every page says so, in both languages; the sign-in form says there is no account yet', async () => {
    const { store, live, directory } = await makeStore();
    const app = createApp({ directory, registry: live, store, config: parseConfig({}) });
    for (const path of ['/', '/coverage', '/partners/P-001', '/partners/nope']) {
      const html = await (await app.request(path)).text();
      expect(html, path).toContain('data-open-demo="true"');
      expect(html).toContain('Mode demo terbuka');
    }
    expect(await (await app.request('/?lang=en')).text()).toContain('Open demo mode: this server has no accounts');
    expect(await (await app.request('/sign-in?lang=en')).text()).toContain('This server has no accounts yet and runs as an open demo');
    await addAccount(store, 'root', 'admin');
    expect((await app.request('/')).status).toBe(303);
  });
});
