/**
 * The API of this tree with the registry held as a file, not followed from the store: the demo
 * registry read once from its file and served as it is (no change feed), the way the API served
 * it before the store. What `npm run bench` compares the store-backed API with when no
 * BENCH_BASELINE worktree (a checkout that serves a file) is given. The store under DATA_DIR
 * holds the bench's account and token and no registry: recommending never reads it.
 */
import { serve } from '@hono/node-server';
import { loadDemoRegistry, loadDirectory } from '@pokmas/directory';
import { createApp } from '../../apps/api/src/app';
import { parseConfig } from '../../apps/api/src/env';
import { createRegistryStore, prepareRegistry } from '../../apps/api/src/lib/registry-store';
import { createLogger } from '../../apps/api/src/lib/logger';
import { openAppStore } from '../../apps/api/src/store/open';

const config = parseConfig(process.env);
const directory = await loadDirectory();
const file = await loadDemoRegistry();
const held = createRegistryStore(prepareRegistry(file));
const store = await openAppStore({ dataDir: config.dataDir }, directory);
const registry = { ...held, catchUp: async () => {}, close: () => {} };
const app = createApp({ directory, registry, store, config, logger: createLogger(config.logLevel) });

serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://${config.host}:${info.port}`, partners: file.partners.length }));
});
process.once('SIGTERM', () => process.exit(0));
