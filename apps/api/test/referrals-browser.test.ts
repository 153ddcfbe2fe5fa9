import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runs } from '../../../vitest.requirements';
import { addStoreAccounts, serverAndBrowser } from './helpers/browser-server';
import type { RunningServer } from './helpers/server';

/**
 * A referral made and answered in a real browser (Debian's Chromium) against the real server:
 * the counsellor refers from the results, the partner accepts in its inbox, the counsellor sees
 * it accepted. Each signs in with an account of their own, in a browser context of their own.
 */

const PASSWORD = 'referral-browser-0123';
const SCREENSHOT = fileURLToPath(new URL('../../../docs/screenshots/referral.png', import.meta.url));

describe.runIf(runs('Chromium'))('a referral in Chromium, from the counsellor to the partner and back', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium).`);
    ({ server, browser, dataDir } = await serverAndBrowser('pokmas-browser-referrals-', [
      { login: 'pk-026', role: 'counsellor', bapasId: '026', password: PASSWORD },
    ]));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  async function signIn(login: string, width: number): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width, height: 900 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${server!.url}/sign-in`);
    await page.fill('#login', login);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL((url) => url.pathname !== '/sign-in'), page.click('form.sign-in button[type=submit]')]);
    return page;
  }

  it('refers from the results, the partner accepts, and the counsellor sees it accepted', async () => {
    const counsellor = await signIn('pk-026', 390);
    await counsellor.getByLabel('Bantuan hukum', { exact: true }).check();
    await counsellor.getByLabel('Kabupaten/kota tempat tinggal').selectOption('32.73');
    await counsellor.getByLabel('Anak', { exact: true }).check();
    await Promise.all([
      counsellor.waitForURL(/\/results\/[A-Za-z0-9_-]+$/),
      counsellor.getByRole('button', { name: 'Cari mitra' }).click(),
    ]);

    const first = counsellor.locator('li.match').first();
    const partnerId = (await first.getAttribute('data-partner-id'))!;
    await first.locator('summary', { hasText: 'Rujuk' }).click();
    await first.getByLabel('Kode klien *').fill('KASUS-2026-0042');
    await first.getByLabel('Catatan untuk mitra').fill('Sidang berikutnya bulan depan.');
    await Promise.all([counsellor.waitForURL(/\/referrals\/[^/]+\?made=1$/), first.getByRole('button', { name: 'Kirim rujukan' }).click()]);
    const number = (await counsellor.locator('[data-referral-number]').first().textContent())!;
    expect(number).toMatch(/^RJ-\d+$/);
    expect(await counsellor.locator('#referral-notice').textContent()).toContain(`Rujukan ${number} telah dibuat`);
    expect(await counsellor.locator('.status').first().getAttribute('data-status')).toBe('requested');
    const referralUrl = new URL(counsellor.url());
    referralUrl.search = '';

    // The partner's account, made while the server runs (as `npm run accounts` would).
    await addStoreAccounts(dataDir, [{ login: 'mitra', role: 'partner', partnerId, password: PASSWORD }]);

    const partner = await signIn('mitra', 1280);
    expect(new URL(partner.url()).pathname).toBe('/referrals');
    await partner.getByRole('link', { name: number }).click();
    await Promise.all([partner.waitForURL(/\?moved=accepted$/), partner.getByRole('button', { name: 'Terima' }).click()]);
    expect(await partner.locator('#referral-notice').textContent()).toContain('Diterima');
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await partner.screenshot({ path: SCREENSHOT, fullPage: false });

    await counsellor.goto(referralUrl.toString());
    expect(await counsellor.locator('.status').first().getAttribute('data-status')).toBe('accepted');
    expect(await counsellor.locator('.timeline li').allTextContents()).toEqual([
      expect.stringContaining('pk-026 (counsellor)'),
      expect.stringContaining('mitra (partner)'),
    ]);
    // Printed, the letter keeps a blank line for the client's name and drops the menu.
    await counsellor.getByRole('link', { name: 'Cetak surat rujukan' }).click();
    await counsellor.emulateMedia({ media: 'print' });
    expect(await counsellor.locator('[data-blank-name]').isVisible()).toBe(true);
    expect(await counsellor.locator('header.site nav').isVisible()).toBe(false);
    expect(await counsellor.locator('body').textContent()).not.toContain('KASUS-2026-0042');
  }, 90_000);
});
