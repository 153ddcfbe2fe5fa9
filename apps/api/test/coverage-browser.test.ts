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

  it('keeps every name and dot of a zoomed province map inside the picture', async () => {
    const res = await ctx.app.request('/v1/coverage/map.svg?province=32&lang=en');
    const body = await res.text();
    const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
    await page.route('http://map.test/**', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body }));
    await page.goto('http://map.test/map.svg');
    const outside = await page.evaluate(() => {
      const box = (document.documentElement as unknown as SVGSVGElement).viewBox.baseVal;
      return Array.from(document.querySelectorAll('circle, .names text'))
        .map((element) => (element as SVGGraphicsElement).getBBox())
        .filter((r) => r.x < box.x || r.y < box.y || r.x + r.width > box.x + box.width || r.y + r.height > box.y + box.height).length;
    });
    expect(outside).toBe(0);
    expect(await page.locator('.names text').count()).toBe(ctx.directory.offices.filter((office) => office.provinceCode === '32').length);
    await page.close();
  });

  // The page as a planner opens it, every request answered by the app: its stylesheet, and the
  // map as an <img>. Nothing may scroll sideways, and the headline numbers are in the first screen.
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ] as const) {
    it(`fits the coverage page, its map and its headline numbers in ${width} px without scrolling sideways`, async () => {
      const page = await browser!.newPage({ viewport: { width, height } });
      const outside: string[] = [];
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== 'http://pokmas.test') {
          outside.push(url.href); // no CDN, no web font: nothing leaves the app
          return route.abort();
        }
        const res = await ctx.app.request(url.pathname + url.search);
        const headers: Record<string, string> = {};
        res.headers.forEach((value, name) => {
          headers[name] = value;
        });
        return route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
      });
      await page.goto('http://pokmas.test/coverage?lang=en');
      await page.waitForFunction(() => (document.querySelector('#coverage-map img') as HTMLImageElement | null)?.complete === true);

      const seen = await page.evaluate(() => {
        const root = document.documentElement;
        const img = document.querySelector('#coverage-map img') as HTMLImageElement;
        const numbers = Array.from(document.querySelectorAll('#coverage-headline dd')).map((dd) => dd.getBoundingClientRect());
        return {
          scrollWidth: root.scrollWidth,
          clientWidth: root.clientWidth,
          numbers: numbers.map((box) => ({ left: box.left, right: box.right, top: box.top, bottom: box.bottom })),
          map: { natural: img.naturalWidth, width: img.getBoundingClientRect().width },
          stylesheet: getComputedStyle(document.querySelector('#coverage-filter')!).display,
        };
      });
      expect(seen.scrollWidth).toBeLessThanOrEqual(seen.clientWidth);
      expect(seen.numbers).toHaveLength(3);
      for (const box of seen.numbers) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(width);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.bottom).toBeLessThanOrEqual(height);
      }
      expect(seen.map.natural).toBeGreaterThan(0); // the SVG loaded under the page's CSP
      expect(seen.map.width).toBeGreaterThan(width * 0.8 - 40);
      expect(seen.stylesheet).toBe('flex');
      expect(outside).toEqual([]);
      const shots = process.env.COVERAGE_PAGE_SCREENSHOTS;
      if (shots) await page.screenshot({ path: `${shots}/coverage-${width}.png`, fullPage: true, timeout: 60_000 });
      await page.close();
    });
  }
});
