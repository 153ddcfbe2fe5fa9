import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, runs } from '../../../vitest.requirements';
import { makeApp, type TestApp } from './fixtures';

// The map as a browser shows it when opened directly: served with the app's own headers, at
// an address of its own, in Debian's Chromium. Skipped where Chromium is missing, except in CI.
describe.runIf(runs('Chromium'))('the coverage map in Chromium', () => {
  let ctx: TestApp;
  let browser: Browser | undefined;

  beforeAll(async () => {
    ctx = await makeApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens as an image with every dot and label inside the picture', async () => {
    const res = await ctx.app.request('/v1/coverage/map.svg?lang=en');
    const body = await res.text();
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const page = await browser!.newPage({ viewport: { width: 1100, height: 700 } });
    await page.route('http://map.test/**', (route) => route.fulfill({ status: 200, headers, body }));
    await page.goto('http://map.test/v1/coverage/map.svg');

    const seen = await page.evaluate(() => {
      const root = document.documentElement as unknown as SVGSVGElement;
      const box = root.viewBox.baseVal;
      const inside = (element: Element) => {
        const r = (element as SVGGraphicsElement).getBBox();
        return r.x >= box.x && r.y >= box.y && r.x + r.width <= box.x + box.width && r.y + r.height <= box.y + box.height;
      };
      return {
        root: root.localName,
        errors: document.getElementsByTagName('parsererror').length,
        dots: document.querySelectorAll('circle.bapas').length,
        outside: Array.from(document.querySelectorAll('circle, text, rect')).filter((element) => !inside(element)).length,
        title: document.querySelector('text')?.textContent,
        width: root.getBoundingClientRect().width,
      };
    });
    expect(seen).toMatchObject({ root: 'svg', errors: 0, outside: 0, title: 'POKMAS service coverage per Bapas' });
    expect(seen.dots).toBe(ctx.directory.bapas.filter((office) => office.status !== 'planned').length);
    expect(seen.width).toBeGreaterThan(800);
    if (process.env.COVERAGE_MAP_SCREENSHOT) await page.screenshot({ path: process.env.COVERAGE_MAP_SCREENSHOT });
    await page.close();
  });
});
