import { loadDemoRegistry, loadDirectory } from '@pokmas/directory';
import { createApp } from '../src/app';
import { parseConfig } from '../src/env';
import { makeStore } from './fixtures';

/** The whole app (as `index.ts` assembles it) over the demo registry, for the page's tests. */
export async function webApp() {
  const directory = await loadDirectory();
  const { store, live } = await makeStore(await loadDemoRegistry(directory));
  const registry = live.current();
  const app = createApp({ directory, registry: live, store, config: parseConfig({}) });
  return { app, registry, directory };
}
