import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runs } from '../../../vitest.requirements';
import { startServer, type RunningServer } from './helpers/server';
import { seriousViolations } from './helpers/layout';
import { serverAndBrowser } from './helpers/browser-server';

/**
 * The counsellor page in a real browser (Debian's Chromium driven by playwright-core) against
 * the real server, started from the sources as a child process, on a free port of 127.0.0.1.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../../docs/screenshots/results.png', import.meta.url));

const haveChromium = existsSync(CHROMIUM);

type Server = RunningServer;

describe.runIf(runs('Chromium'))('the counsellor page in Chromium', () => {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  /** Requests the browser tried to make anywhere but the app (there must be none). */
  const outside: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) before running the browser tests in CI.`,
      );
    }
    server = await startServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // The pages' security policy forbids scripts; axe is injected as one, so this context lets it in.
    context = await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale: 'id-ID', bypassCSP: true });
    const origin = new URL(server.url).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  /** Fills the form for a juvenile client in Kota Bandung who needs legal aid, and submits it with the keyboard. */
  async function searchJuvenileInBandung(target: Page) {
    await target.goto(`${server!.url}/`);
    await target.getByLabel('Bantuan hukum', { exact: true }).check();
    await target.getByLabel('Prioritas Bantuan hukum').selectOption('3');
    await target.getByLabel('Kabupaten/kota tempat tinggal').selectOption('32.73');
    await target.getByLabel('Anak', { exact: true }).check();
    await target.getByRole('button', { name: 'Cari mitra' }).focus();
    await Promise.all([target.waitForURL(/\/results\/[A-Za-z0-9_-]+$/), target.keyboard.press('Enter')]);
  }

  const listedPartners = (target: Page) =>
    target.locator('li.match').evaluateAll((items) => items.map((item) => item.getAttribute('data-partner-id')!));

  it('has an accessibility check that can fail (an unlabelled field in low contrast)', async () => {
    const scratch = await context.newPage();
    try {
      await scratch.setContent(
        '<!DOCTYPE html><html lang="en"><body><main><p style="color:#bbb;background:#fff">faint</p><input type="text"></main></body></html>',
      );
      const found = await seriousViolations(scratch);
      expect(found.some((line) => line.includes('label'))).toBe(true);
      expect(found.some((line) => line.includes('color-contrast'))).toBe(true);
    } finally {
      await scratch.close();
    }
  }, 60_000);

  it('has a form that axe finds no serious accessibility problem in', async () => {
    await page.goto(`${server!.url}/`);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('#privacy-note').textContent()).toContain('tidak meminta nama');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('starts the keyboard at a skip link that moves focus to the main content', async () => {
    await page.goto(`${server!.url}/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    expect(skip.text).toBe('Langsung ke isi');
    expect(skip.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  }, 60_000);

  it('lists only partners that accept juveniles for a juvenile client in Bandung needing legal aid', async () => {
    await searchJuvenileInBandung(page);
    expect(await page.locator('h2#results-title').textContent()).toBe('Mitra yang disarankan');
    const ids = await listedPartners(page);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const response = await fetch(`${server!.url}/v1/partners/${encodeURIComponent(id)}`);
      expect(response.status, id).toBe(200);
      const partner = (await response.json()) as { eligibility?: { ageGroups?: string[] } };
      expect(partner.eligibility?.ageGroups, id).toContain('juvenile');
    }
    expect(await page.locator('#why-missing').textContent()).toBe('Mengapa mitra tidak muncul?');

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    expect(await seriousViolations(page)).toEqual([]);

    // Printed, the results stay and the form, the navigation and the language switch go.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#results').isVisible()).toBe(true);
    expect(await page.locator('form.search').isVisible()).toBe(false);
    expect(await page.locator('.lang-switch').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it('switches the results to English, keeping the same search', async () => {
    await searchJuvenileInBandung(page);
    const before = await listedPartners(page);
    const results = page.url();
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForSelector('html[lang="en"]');
    expect(await page.locator('h2#results-title').textContent()).toBe('Recommended partners');
    expect(await page.locator('li.match').first().textContent()).toContain('Legal aid');
    expect(await listedPartners(page)).toEqual(before);
    expect(page.url()).toBe(`${results}?lang=en`);
  }, 60_000);

  it("opens a partner's page with its offerings, capacity and contact", async () => {
    await searchJuvenileInBandung(page);
    const first = page.locator('li.match h3 a').first();
    const name = (await first.textContent())!;
    const id = await page.locator('li.match').first().getAttribute('data-partner-id');
    const results = page.url();
    await Promise.all([page.waitForURL(new RegExp(`/partners/${id}\\?from=`)), first.click()]);
    expect(await page.locator('h1').textContent()).toBe(name);
    for (const heading of ['Layanan yang diberikan', 'Kapasitas', 'Klien yang diterima', 'Kontak']) {
      expect(await page.getByRole('heading', { name: heading, exact: true }).isVisible(), heading).toBe(true);
    }
    expect(await seriousViolations(page)).toEqual([]);
    // Back, by the browser or by the page's own link, is the results again: no resubmission asked.
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    const back = await page.goBack();
    expect(back?.status()).toBe(200);
    expect(page.url()).toBe(results);
    expect(await listedPartners(page)).toContain(id);
    await Promise.all([page.waitForURL(new RegExp(`/partners/${id}\\?from=`)), first.click()]);
    await Promise.all([page.waitForURL(results), page.getByRole('link', { name: 'Kembali ke hasil pencarian' }).click()]);
    expect(await page.locator('h2#results-title').isVisible()).toBe(true);
    expect(dialogs).toBe(0);
  }, 60_000);

  it('shows the errors beside the fields, accessibly, when the form is incomplete', async () => {
    await page.goto(`${server!.url}/?lang=en`);
    await Promise.all([page.waitForURL(`${server!.url}/search`), page.getByRole('button', { name: 'Find partners' }).click()]);
    expect(await page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.locator('#error-needs').textContent()).toBe('Choose at least one need.');
    // Focus lands on the list of problems, whose links lead to the fields.
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', undefined, { timeout: 5_000 });
    await page.locator('.error-summary a[href="#needs"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('needs');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('links the coverage map and shows its summary table', async () => {
    await page.goto(`${server!.url}/`);
    await Promise.all([page.waitForURL(`${server!.url}/coverage`), page.getByRole('link', { name: 'Peta cakupan' }).click()]);
    expect(await page.locator('#coverage-map-link').getAttribute('href')).toBe('/coverage/map.svg');
    expect(await page.locator('#coverage-data-link').getAttribute('href')).toBe('/coverage.csv');
    expect(await page.locator('#coverage-by-service tbody tr').count()).toBe(16);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('works with JavaScript turned off, styled under its own security policy', async () => {
    const noScript = await browser!.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      const refused: string[] = [];
      plain.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await searchJuvenileInBandung(plain);
      expect((await listedPartners(plain)).length).toBeGreaterThan(0);
      // The stylesheet and the score bars' inline widths are allowed by the policy.
      expect(await plain.locator('header.site').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(11, 79, 108)');
      const bar = plain.locator('li.match .bar span.f-coverage').first();
      expect(await bar.evaluate((element) => element.getBoundingClientRect().width)).toBeGreaterThan(0);
      expect(refused).toEqual([]);
    } finally {
      await noScript.close();
    }
  }, 60_000);

  it('never asked for anything outside the app', () => {
    expect(outside).toEqual([]);
  });
});

describe.runIf(runs('Chromium'))('the counsellor page in Chromium, with accounts', () => {
  const PASSWORD = 'counsellor-password-0123';
  let server: Server | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ({ server, browser } = await serverAndBrowser('pokmas-browser-accounts-', [
      { login: 'pk-026', role: 'counsellor', bapasId: '026', password: PASSWORD },
    ]));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
  });

  it('sends a page asked for without a session to the sign-in form, and a wrong password keeps it there', async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server!.url}/coverage`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(await page.locator('[data-open-demo]').count()).toBe(0);
      await page.fill('#login', 'pk-026');
      await page.fill('#password', 'not-the-password-at-all');
      const answer = await Promise.all([
        page.waitForResponse((res) => res.request().method() === 'POST'),
        page.click('button[type=submit]'),
      ]);
      expect(answer[0].status()).toBe(401);
      expect(await page.locator('#sign-in-error').textContent()).toContain('tidak benar');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('signs in, back to the page asked for, opens the map and the CSV, fills in the Bapas, and signs out', async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server!.url}/coverage`);
      await page.fill('#login', 'pk-026');
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(/\/coverage$/), page.click('form.sign-in button[type=submit]')]);
      expect(await page.locator('[data-signed-in="pk-026"]').count()).toBe(1);
      const map = await Promise.all([page.waitForResponse(/\/coverage\/map\.svg$/), page.locator('#coverage-map-link').click()]);
      expect(map[0].status()).toBe(200);
      expect(map[0].headers()['content-type']).toMatch(/^image\/svg\+xml/);
      const csv = await page.request.get(`${server!.url}/coverage.csv`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);

      await page.goto(`${server!.url}/`);
      expect(await page.locator('#bapasId').inputValue()).toBe('026');
      await Promise.all([page.waitForURL(/\/sign-in$/), page.click('form.viewer button[type=submit]')]);
      await page.goto(`${server!.url}/coverage`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    } finally {
      await context.close();
    }
  }, 60_000);
});
