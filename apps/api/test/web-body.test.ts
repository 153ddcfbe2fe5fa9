import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { formPostArb, nonFormContentTypeArb } from './arbitraries';
import { webApp } from './web-harness';

// What POST /search answers for a body that is not a form it can read: a page in the page's
// style saying so, 415 or 400, never a 5xx.

type App = Awaited<ReturnType<typeof webApp>>;
let ctx: App;
beforeAll(async () => {
  ctx = await webApp();
});

const post = (body: BodyInit | undefined, contentType?: string, path = '/search') =>
  ctx.app.request(path, { method: 'POST', body, headers: contentType === undefined ? {} : { 'Content-Type': contentType } });

const GARBAGE = new Uint8Array([0xff, 0x00, 0xfe, 0x25, 0x3d, 0x26, 0x80, 0x0d, 0x0a, 0x2d, 0x2d, 0xc3]);

/** Asserts a page (not JSON, not a stack) with the page's policy, kept out of caches. */
async function expectPage(response: Response, status: number, ...texts: string[]) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
  expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  const html = await response.text();
  expect(html).toContain('<link rel="stylesheet" href="/assets/app.css"/>');
  for (const text of texts) expect(html).toContain(text);
  return html;
}

describe('a body the page cannot read', () => {
  it('answers 400 with a page for multipart without a boundary', async () => {
    await expectPage(await post('need=legal-aid', 'multipart/form-data'), 400, 'Formulir tidak terbaca', 'href="/"');
  });

  it('answers 400 for a multipart body that does not follow its boundary, in the language of the query', async () => {
    await expectPage(await post(GARBAGE, 'multipart/form-data; boundary=X', '/search?lang=en'), 400, 'The form could not be read');
    await expectPage(await post('', 'multipart/form-data; boundary=X'), 400, 'Formulir tidak terbaca');
  });

  it('answers 415 for JSON, naming the types it takes', async () => {
    const body = JSON.stringify({ need: 'legal-aid', regencyCode: '32.73', ageGroup: 'adult' });
    const html = await expectPage(await post(body, 'application/json', '/search?lang=en'), 415, 'Not a form');
    expect(html).toContain('application/x-www-form-urlencoded or multipart/form-data');
  });

  it('answers 415 for garbage bytes sent as bytes, and for a body with no Content-Type', async () => {
    await expectPage(await post(GARBAGE, 'application/octet-stream'), 415, 'Formulir tidak dikenali');
    await expectPage(await post('need=legal-aid'), 415, 'Formulir tidak dikenali');
  });

  it('reads garbage bytes sent as a urlencoded form as a form without the fields it needs: 422', async () => {
    await expectPage(await post(GARBAGE, 'application/x-www-form-urlencoded'), 422, 'id="error-needs"', 'id="error-ageGroup"');
  });

  it('re-renders the form with every required field at fault for an empty body, as before: 422', async () => {
    const html = await expectPage(await post('', 'application/x-www-form-urlencoded'), 422, 'class="error-summary"');
    for (const field of ['needs', 'location', 'ageGroup']) expect(html).toContain(`id="error-${field}"`);
  });

  it('refuses a form over 16 KiB before reading it: 413', async () => {
    const response = await post(`need=${'x'.repeat(17 * 1024)}`, 'application/x-www-form-urlencoded');
    expect(response.status).toBe(413);
  });

  it('still reads a well-formed multipart form, as a browser sends one with enctype="multipart/form-data"', async () => {
    const form = new FormData();
    for (const [name, value] of [
      ['need', 'legal-aid'],
      ['regencyCode', '32.73'],
      ['ageGroup', 'adult'],
      ['mode', 'in-person'],
    ]) {
      form.append(name!, value!);
    }
    const response = await ctx.app.request('/search', { method: 'POST', body: form });
    expect(response.status).toBe(303);
    expect(await (await ctx.app.request(response.headers.get('location')!)).text()).toContain('data-partner-id=');
  });
});

describe('fuzzing POST /search', () => {
  it('answers any content type and body with a page below 500', async () => {
    await fc.assert(
      fc.asyncProperty(formPostArb, async ({ contentType, body }) => {
        const response = await post(body, contentType);
        const label = `${String(contentType)} ${typeof body === 'string' ? body : `[${body.length} bytes]`}`;
        expect(response.status, label).toBeLessThan(500);
        expect([303, 400, 415, 422], label).toContain(response.status);
        // A search that reads as valid goes to its results' address; anything else is a page.
        if (response.status === 303) expect(response.headers.get('Location'), label).toMatch(/^\/results\/[A-Za-z0-9_-]+(\?lang=en)?$/);
        else expect(response.headers.get('Content-Type'), label).toMatch(/^text\/html/);
        await response.text();
      }),
      { numRuns: 400 },
    );
  });

  it('answers 415 to any body not sent as a form', async () => {
    await fc.assert(
      fc.asyncProperty(nonFormContentTypeArb, fc.string({ maxLength: 100 }), async (contentType, body) => {
        expect((await post(body, contentType)).status, contentType).toBe(415);
      }),
      { numRuns: 200 },
    );
  });
});
