import { beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './fixtures';

let app: TestApp['app'];
beforeAll(async () => {
  ({ app } = await makeApp());
});

describe('the reference page', () => {
  it('loads Swagger UI from the app itself, never from outside', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/openapi.json');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(urls.sort()).toEqual(['/docs/assets/swagger-ui-dist/swagger-ui-bundle.js', '/docs/assets/swagger-ui-dist/swagger-ui.css']);
  });

  it('serves the script and the stylesheet it needs', async () => {
    const js = await app.request('/docs/assets/swagger-ui-dist/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('SwaggerUIBundle');
    const css = await app.request('/docs/assets/swagger-ui-dist/swagger-ui.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await css.text()).length).toBeGreaterThan(10_000);
  });

  it('serves nothing else from the package', async () => {
    // Names an object has by inheritance are not assets: only the names listed are served.
    const inherited = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
    for (const path of ['package.json', 'index.html', '..%2F..%2Fpackage.json', ...inherited]) {
      const res = await app.request(`/docs/assets/swagger-ui-dist/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });
});
