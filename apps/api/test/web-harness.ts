import { loadDemoRegistry, loadDirectory } from '@pokmas/directory';
import { createApp } from '../src/app';
import { parseConfig } from '../src/env';
import { createRegistryStore, prepareRegistry } from '../src/lib/registry-store';

/** The whole app (as `index.ts` assembles it) over the demo registry, for the page's tests. */
export async function webApp() {
  const directory = await loadDirectory();
  const registry = prepareRegistry(await loadDemoRegistry(directory));
  const app = createApp({ directory, registry: createRegistryStore(registry), config: parseConfig({}) });
  return { app, registry, directory };
}
