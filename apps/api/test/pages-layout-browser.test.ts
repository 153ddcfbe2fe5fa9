import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runs } from '../../../vitest.requirements';
import { serverAndBrowser } from './helpers/browser-server';
import { layoutProblems, seriousViolations } from './helpers/layout';
import type { RunningServer } from './helpers/server';

/**
 * Every page at a phone's width and a desktop's, in Chromium against the real server: nothing
 * scrolls sideways, no label lies over a control, axe finds nothing serious; and the results
 * print compactly, only the partners ticked when some are.
 */

const PASSWORD = 'layout-browser-0123';
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
] as const;

describe.runIf(runs('Chromium'))('the pages on any screen, in Chromium', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  /** Every page a counsellor uses, by name, found once by using them. */
  const paths = new Map<string, string>();

  async function signedIn(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    // axe is injected as a script, which the pages' policy refuses: this context lets it in.
    const context = await browser!.newContext({ viewport, locale: 'id-ID', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server!.url}/sign-in`);
    await page.fill('#login', 'pk-026');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.click('form.sign-in button[type=submit]')]);
    return { context, page };
  }

  /** The search of three needs (ten matches), in this browser's session: results are its own. */
  async function search(page: Page): Promise<string> {
    await page.goto(`${server!.url}/`);
    for (const need of ['Bantuan hukum', 'Pelatihan kerja dan keterampilan', 'Kesehatan'])
      await page.getByLabel(need, { exact: true }).check();
    await page.getByLabel('Kabupaten/kota tempat tinggal').selectOption('32.73');
    await page.getByLabel('Dewasa', { exact: true }).check();
    await Promise.all([page.waitForURL(/\/results\//), page.getByRole('button', { name: 'Cari mitra' }).click()]);
    return new URL(page.url()).pathname;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium).`);
    ({ server, browser } = await serverAndBrowser('pokmas-browser-layout-', [
      { login: 'pk-026', role: 'counsellor', bapasId: '026', password: PASSWORD },
    ]));

    // A search with three needs (ten matches), a partner from it, a referral made from it.
    const { context, page } = await signedIn(WIDTHS[1]);
    paths.set('form', '/');
    for (const need of ['Bantuan hukum', 'Pelatihan kerja dan keterampilan', 'Kesehatan'])
      await page.getByLabel(need, { exact: true }).check();
    await page.getByLabel('Kabupaten/kota tempat tinggal').selectOption('32.73');
    await page.getByLabel('Dewasa', { exact: true }).check();
    await Promise.all([page.waitForURL(/\/results\//), page.getByRole('button', { name: 'Cari mitra' }).click()]);
    paths.set('partner', new URL((await page.locator('li.match h3 a').first().getAttribute('href'))!, server.url).pathname);
    const first = page.locator('li.match').first();
    await first.locator('summary').click();
    await first.getByLabel('Kode klien *').fill('KASUS-1');
    await Promise.all([page.waitForURL(/\/referrals\//), first.getByRole('button', { name: 'Kirim rujukan' }).click()]);
    const referral = new URL(page.url()).pathname;
    paths.set('referral', referral);
    paths.set('letter', `${referral}/letter`);
    paths.set('referrals', '/referrals');
    paths.set('coverage', '/coverage');
    await context.close();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  for (const viewport of WIDTHS) {
    it(`fits ${viewport.width} px: no sideways scroll, no label over a control, nothing serious for axe, on every page`, async () => {
      const { context, page } = await signedIn(viewport);
      try {
        const found: Record<string, string[]> = {};
        for (const [name, path] of [...paths, ['results', await search(page)] as const]) {
          const res = await page.goto(`${server!.url}${path}`);
          expect(res?.status(), `${name} ${path}`).toBe(200);
          if (name === 'results') await page.locator('li.match summary').first().click(); // the referral form open too
          const problems = [...(await layoutProblems(page)), ...(await seriousViolations(page))];
          if (problems.length > 0) found[name] = problems;
        }
        const signIn = await (await browser!.newContext({ viewport, bypassCSP: true })).newPage();
        await signIn.goto(`${server!.url}/sign-in`);
        const signInProblems = [...(await layoutProblems(signIn)), ...(await seriousViolations(signIn))];
        if (signInProblems.length > 0) found['sign-in'] = signInProblems;
        expect(found).toEqual({});
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('prints ten matches on at most two A4 pages, with the date and the Bapas; ticked, only those', async () => {
    const { context, page } = await signedIn(WIDTHS[1]);
    try {
      await search(page);
      expect(await page.locator('li.match').count()).toBe(10);
      const pdf = await page.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
      expect(pages.length).toBeGreaterThan(0);
      expect(pages.length).toBeLessThanOrEqual(2);

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.printed-on').textContent()).toMatch(/^Dicetak \d{1,2} \w+ \d{4} · Bapas Kelas I Bandung$/);
      expect(await page.locator('tr.print-row:visible').count()).toBe(10);
      await page.emulateMedia({ media: 'screen' });
      await page
        .getByRole('checkbox', { name: /^Cetak/ })
        .nth(0)
        .check();
      await page
        .getByRole('checkbox', { name: /^Cetak/ })
        .nth(2)
        .check();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('tr.print-row:visible').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-rank')))).toEqual([
        '1',
        '3',
      ]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
