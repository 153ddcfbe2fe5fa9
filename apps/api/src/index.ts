import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { loadDirectory } from '@pokmas/directory';
import { createApp } from './app';
import { ConfigError, loadConfig } from './env';
import { createAccessGate, FIRST_ADMIN_COMMAND, isLoopbackHost } from './lib/auth';
import { createLogger } from './lib/logger';
import { describeError } from './lib/registry-store';
import { followStore } from './store/live-registry';
import { startReferralSweep } from './store/referral-sweep';
import { openAppStore, seedStore, type SeedOutcome } from './store/open';
import { createWorkerPool } from './workers/pool';

// From the first line: SIGHUP's default action would end the process. The registry follows
// the store now; there is no file to reload.
process.on('SIGHUP', () => {
  console.error(
    JSON.stringify({
      time: new Date().toISOString(),
      level: 'info',
      msg: 'SIGHUP ignored: the registry follows the store; change it through /v1/partners or npm run registry -- import FILE',
    }),
  );
});

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const directory = await loadDirectory();
  const store = await openAppStore(config, directory);
  const seeding = await seedStore(store, config, directory);
  // No setting opens access: with no account, only a loopback address may serve (the open demo mode).
  if (!isLoopbackHost(config.host) && !(await store.hasAccounts())) {
    await store.close();
    throw new ConfigError(
      `Refusing to start: HOST ${config.host} is not a loopback address and the store (${store.location}) has no accounts, ` +
        `so anyone who reaches it would be admin. Create the first admin with \`${FIRST_ADMIN_COMMAND}\` ` +
        '(same DATA_DIR or DATABASE_URL), or bind HOST=127.0.0.1 for the open demo mode.',
    );
  }
  const gate = createAccessGate(store, config.host);
  const live = await followStore(store, logger);
  const sweep = startReferralSweep(store, live, logger, { retentionDays: config.retentionDays });
  await sweep.ran;
  const workers = createWorkerPool({
    threads: config.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1)),
    queueLimit: config.queueLimit,
  });
  const app = createApp({ directory, registry: live, store, config, logger, workers, gate });
  const mode = await gate.mode();

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const access =
      mode === 'open-demo'
        ? `open demo mode: no accounts, every request is admin without signing in, on loopback only; create the first admin with ${FIRST_ADMIN_COMMAND} to end it`
        : 'accounts: /v1 needs a bearer token, the pages a sign-in';
    const registry = live.current();
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    // Always printed (whatever LOG_LEVEL): tests and operators read the port from this line.
    console.log(
      JSON.stringify({
        time: new Date().toISOString(),
        level: 'info',
        msg: `listening on http://${host}:${info.port}, serving ${registry.source} (version ${registry.version}, ${registry.partners.length} partners)${seedNote(seeding)}; access: ${access}`,
        url: `http://${host}:${info.port}`,
        registry: { source: registry.source, version: registry.version, partners: registry.partners.length },
        store: { dialect: store.dialect, location: store.location, seeded: seeding.seeded },
        access: { mode },
      }),
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const hint = error.code === 'EADDRINUSE' ? `; port ${config.port} is taken: set PORT to a free port` : '';
    console.error(`Cannot listen on ${config.host}:${config.port}: ${error.message}${hint}`);
    process.exit(1);
  });

  // SIGTERM (and Ctrl-C): stop accepting, let requests in flight finish, then exit 0. Whatever
  // is still open after DRAIN_MS (a client that never finishes its body, an allocation still in a
  // worker) is cut and the process exits 1, so that a supervisor can tell a clean stop from a cut one.
  // The event loop never runs long work, so the timer fires on time.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, then exiting`, { drainMs: config.drainMs });
    const cut = setTimeout(() => {
      logger.warn('requests still open after the drain time; closing them', { drainMs: config.drainMs });
      if ('closeAllConnections' in server) server.closeAllConnections();
      process.exit(1);
    }, config.drainMs);
    server.close(() => {
      sweep.stop();
      live.close();
      void Promise.allSettled([workers.close(), store.close()]).finally(() => {
        clearTimeout(cut);
        process.exit(0);
      });
    });
    // Keep-alive connections idle between requests would otherwise hold the close until they time out.
    if ('closeIdleConnections' in server) setInterval(() => server.closeIdleConnections(), 100).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function seedNote(seeding: SeedOutcome): string {
  if (seeding.seeded) return `; the store was empty and was seeded from ${seeding.source}`;
  if (seeding.ignoredFile) {
    return `; REGISTRY_FILE ${seeding.ignoredFile} was not applied: the store holds the registry, import the file with npm run registry -- import ${seeding.ignoredFile}`;
  }
  return '';
}

main().catch((error: unknown) => {
  const what = error instanceof ConfigError ? '' : 'Cannot start: ';
  console.error(`${what}${describeError(error)}`);
  process.exit(1);
});
