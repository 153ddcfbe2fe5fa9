import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { swaggerUI } from '@hono/swagger-ui';
import { Hono } from 'hono';
import type { AppBindings } from '../../lib/types';

// The reference page works without the internet (offices may be offline): Swagger UI's script
// and stylesheet come from the `swagger-ui-dist` package and are served by the app itself.
const ASSET_BASE = '/docs/assets';
// A Map, not an object: a name such as `constructor` or `__proto__` must find nothing, not Object's own.
const ASSETS: ReadonlyMap<string, string> = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
]);
const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const cache = new Map<string, Promise<Buffer>>();

const router = new Hono<AppBindings>()
  .get('/docs', swaggerUI({ url: '/openapi.json', title: 'pokmas-match API', baseUrl: ASSET_BASE }))
  .get(`${ASSET_BASE}/swagger-ui-dist/:file`, async (c) => {
    const file = c.req.param('file');
    const type = ASSETS.get(file);
    if (!type) return c.notFound();
    let content = cache.get(file);
    if (!content) cache.set(file, (content = readFile(join(distDir, file))));
    return c.body(new Uint8Array(await content), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });

export default router;
