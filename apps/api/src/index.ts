import { serve } from '@hono/node-server';
import { loadDemoRegistry, loadDirectory, loadRegistryFile } from '@pokmas/directory';
import { createApp } from './app';
import { ConfigError, loadConfig } from './env';
import { createLogger } from './lib/logger';
import { createRegistryStore, describeError, prepareRegistry, reloadRegistry } from './lib/registry-store';

/** How long SIGTERM waits for requests in flight before closing their connections. */
const DRAIN_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const directory = await loadDirectory();
  const load = () => (config.registryFile ? loadRegistryFile(config.registryFile, directory) : loadDemoRegistry(directory));
  const store = createRegistryStore(prepareRegistry(await readable(load, config.registryFile)));
  const app = createApp({ directory, registry: store, config, logger });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const registry = store.current();
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    // Always printed (whatever LOG_LEVEL): tests and operators read the port from this line.
    console.log(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'info',
        msg: `listening on http://${host}:${info.port}, serving ${registry.source} (version ${registry.version}, ${registry.partners.length} partners)`,
        url: `http://${host}:${info.port}`,
        registry: { source: registry.source, version: registry.version, partners: registry.partners.length },
      }),
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const hint = error.code === 'EADDRINUSE' ? `; port ${config.port} is taken: set PORT to a free port` : '';
    console.error(`Cannot listen on ${config.host}:${config.port}: ${error.message}${hint}`);
    process.exit(1);
  });

  let reloading = Promise.resolve(true);
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading the registry', { source: config.registryFile ?? 'demo' });
    reloading = reloading.then(() => reloadRegistry(store, load, logger));
  });

  // SIGTERM (and Ctrl-C): stop accepting, let requests in flight finish, then exit 0.
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info(`${signal}: finishing requests in flight, then exiting`);
    server.close(() => process.exit(0));
    // Keep-alive connections idle between requests would otherwise hold the close until they time out.
    if ('closeIdleConnections' in server) setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      logger.warn('requests still open after the drain time; closing them');
      if ('closeAllConnections' in server) server.closeAllConnections();
      process.exit(1);
    }, DRAIN_MS).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** The first load: a file that cannot be read at all says which setting to change. */
async function readable<T>(load: () => Promise<T>, file: string | undefined): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (file && typeof code === 'string') {
      throw new Error(
        `REGISTRY_FILE ${file} cannot be read (${code}): give a readable .json or .csv file, or leave REGISTRY_FILE unset for the demo registry`,
      );
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  const what = error instanceof ConfigError ? '' : 'Cannot start: ';
  console.error(`${what}${describeError(error)}`);
  process.exit(1);
});
