import { loadDemoRegistry, loadDirectory } from '@pokmas/directory';
import { Hono } from 'hono';
import { prepareRegistry } from '../src/lib/registry-store';
import type { AppBindings } from '../src/lib/types';
import web from '../src/routes/web/web.index';

/** The web router over the demo registry, with the variables the app's middleware would set. */
export async function webApp() {
  const directory = await loadDirectory();
  const registry = prepareRegistry(await loadDemoRegistry(directory));
  const app = new Hono<AppBindings>()
    .use(async (c, next) => {
      c.set('registry', registry);
      c.set('directory', directory);
      c.set('requestId', 'test');
      await next();
    })
    .route('/', web);
  return { app, registry, directory };
}
