import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Directory } from '@pokmas/directory';
import type { Store } from '@pokmas/store';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import packageJson from '../package.json' with { type: 'json' };
import type { Config } from './env';
import { bearerAuth, createAccessGate, type AccessGate } from './lib/auth';
import { cacheControlByDefault } from './lib/cache-control';
import { limitBody } from './lib/body-limit';
import { createRouter } from './lib/create-app';
import { errorToProblem } from './lib/errors';
import { silentLogger, type Logger } from './lib/logger';
import { clip, MAX_ISSUES, problem } from './lib/problem';
import { requestLog } from './lib/request-log';
import { SavedSearches } from './lib/saved-searches';
import { SessionStore } from './lib/sessions';
import { SignInThrottle } from './lib/throttle';
import type { AppBindings } from './lib/types';
import type { LiveRegistry } from './store/live-registry';
import { inlineWorkers, type Workers } from './workers/pool';
import allocations from './routes/allocations/allocations.index';
import audit from './routes/audit/audit.index';
import { allocate as allocationRoute, MAX_ALLOCATION_BODY_BYTES, MAX_CLIENTS } from './routes/allocations/allocations.routes';
import bapas from './routes/bapas/bapas.index';
import coverage from './routes/coverage/coverage.index';
import docs from './routes/docs/docs.index';
import health from './routes/health/health.index';
import partners from './routes/partners/partners.index';
import recommendations from './routes/recommendations/recommendations.index';
import referrals from './routes/referrals/referrals.index';
import registryFiles from './routes/registry/registry.index';
import { importRegistry as importRoute, MAX_IMPORT_BODY_BYTES } from './routes/registry/registry.routes';
import taxonomy from './routes/taxonomy/taxonomy.index';
import { createWebRouter } from './routes/web/web.index';

/** A request's path as a problem quotes it: a path may be as long as the URL a client sends. */
const quotedPath = (path: string): string => clip(path, 200);

export interface AppDeps {
  directory: Directory;
  /** The registry served, following `store`. */
  registry: LiveRegistry;
  /** The registry, the accounts and the audit log. */
  store: Store;
  config: Config;
  logger?: Logger;
  /** Where allocations and coverage run: the server's worker pool; on the calling thread when absent. */
  workers?: Workers;
  /** Whether the open demo mode holds; by default from the store's accounts and `config.host`. */
  gate?: AccessGate;
  /** The clock of page sessions and sign-in throttling (tests move it). */
  clock?: () => number;
}

/**
 * Every router the app serves, mounted at `/`; each declares its own full paths. Name the
 * libraries' schemas with `component()` / `annotate()` (lib/schemas.ts), not their `.openapi()`.
 */
const ROUTERS = [health, recommendations, allocations, partners, registryFiles, bapas, taxonomy, coverage, audit, referrals];

/**
 * Assembles the API: middleware, routes, the OpenAPI document and its reference page, and the
 * answers for errors. Starting a server is `index.ts`'s job; tests call `app.request` directly.
 *
 * @example
 * const store = await openAppStore(config, directory);
 * await seedStore(store, config, directory);
 * const app = createApp({ directory, registry: await followStore(store, logger), store, config });
 * const res = await app.request('/v1/taxonomy');
 */
export function createApp({
  directory,
  registry,
  store,
  config,
  logger = silentLogger,
  workers = inlineWorkers,
  gate = createAccessGate(store, config.host),
  clock = Date.now,
}: AppDeps): OpenAPIHono<AppBindings> {
  const app = createRouter();

  app.use(requestId());
  app.use(requestLog(logger));
  app.use(cacheControlByDefault);
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problem(c, 'method-not-allowed', `${quotedPath(c.req.path)} accepts ${methods.join(', ')}, not ${c.req.method}.`, {
          headers: { Allow: methods.join(', ') },
        }),
    }),
  );
  app.use(secureHeaders());
  if (config.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: config.corsOrigins.includes('*') ? '*' : [...config.corsOrigins],
        allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'If-Match'],
        exposeHeaders: ['X-Request-Id'],
        maxAge: 600,
      }),
    );
  }
  const referralSettings = { expiryDays: config.referralExpiryDays, now: clock };
  // A request keeps the registry it started with, even if a reload swaps in another meanwhile.
  app.use(async (c, next) => {
    c.set('registry', registry.current());
    c.set('live', registry);
    c.set('store', store);
    c.set('directory', directory);
    c.set('workers', workers);
    c.set('referrals', referralSettings);
    await next();
  });

  // Before the body limit and the routes: a request without a valid token learns nothing else first.
  // The principal is set here for /v1, and by the page guard for pages; other paths have none.
  app.use('/v1/*', bearerAuth(gate));
  // A cohort needs more than MAX_BODY_BYTES: the allocations route sets its own limit, not looser for any other.
  // A plain path test, not hono/combine's except(): that composes new middleware on every request.
  const limit = limitBody(config.maxBodyBytes);
  // The same for a registry import (MAX_IMPORT_BODY_BYTES).
  const ownLimit = new Set<string>([allocationRoute.path, importRoute.path]);
  app.use('/v1/*', (c, next) => (ownLimit.has(c.req.path) ? next() : limit(c, next)));

  for (const router of ROUTERS) app.route('/', router);
  // The counsellor page (HTML): /, /search, /partners/:id, /coverage (with its map and CSV), /assets/app.css.
  app.route(
    '/',
    createWebRouter({
      gate,
      sessions: new SessionStore(clock),
      throttle: new SignInThrottle(clock),
      trustProxy: config.trustProxy,
      searches: new SavedSearches(clock),
    }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description:
      'Required on /v1: a token of an account (`npm run accounts -- token NAME`); each route names the roles it needs, and answers 403 outside them. Only the open demo mode (a store with no accounts, served on a loopback address) serves /v1 without a token, as an implicit admin.',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'pokmas-match API',
      version: packageJson.version,
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
      description:
        "Ranks POKMAS LIPAS partners for probation clients, and places cohorts of clients within partners' free places. " +
        `Errors are application/problem+json (RFC 9457); schema errors answer 422 with the issues and their paths (the first ${MAX_ISSUES}), ` +
        `a body that is not JSON answers 400. Bodies are limited to ${config.maxBodyBytes} bytes (MAX_BODY_BYTES), except ` +
        `POST /v1/allocations: ${MAX_ALLOCATION_BODY_BYTES} bytes (2 MiB) and at most ${MAX_CLIENTS} clients a request, and POST /v1/registry/import: ${MAX_IMPORT_BODY_BYTES} bytes (64 MiB).`,
    },
    // Relative: the document describes the server it is fetched from, wherever that runs.
    servers: [{ url: '/', description: 'The server that serves this document' }],
    // /healthz declares none of its own.
    security: [{ bearerAuth: [] }],
  });
  app.route('/', docs); // the reference page, with Swagger UI served from the app (works offline)

  app.notFound((c) => problem(c, 'not-found', `Nothing is served at ${c.req.method} ${quotedPath(c.req.path)}; see /docs.`));
  app.onError(errorToProblem(logger));
  return app;
}
