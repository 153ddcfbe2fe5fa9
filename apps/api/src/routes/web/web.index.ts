import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { basicAuth } from '../../lib/auth';
import { createRouter } from '../../lib/create-app';
import type { AppBindings } from '../../lib/types';
import * as coverage from '../coverage/coverage.handlers';
import { getPageCoverageCsv, getPageCoverageMap } from '../coverage/coverage.routes';
import * as handlers from './web.handlers';

/** The largest search form accepted (the real one is under 2 KiB). */
export const FORM_MAX_BYTES = 16 * 1024;

const open: MiddlewareHandler<AppBindings> = (_c, next) => next();

/**
 * The counsellor page, served at `/` beside the API (which owns `/v1`, `/openapi.json`,
 * `/docs` and `/healthz`). Server-rendered HTML that works without scripts; not in the
 * OpenAPI document, being pages rather than API.
 *
 * With `apiKeys` (API_KEYS), every page asks for a key by HTTP Basic authentication (the key
 * as the password): a browser prompts for it by itself, where it could never send a bearer
 * key. Each route names the guard, because a sub-router's `use('*')` would guard the whole app
 * once mounted. The stylesheet stays open: it is the same for everyone, and the 401 page uses it.
 */
export function createWebRouter({ apiKeys }: { apiKeys: readonly string[] }) {
  const guard = apiKeys.length > 0 ? basicAuth<AppBindings>(apiKeys, handlers.unauthorized) : open;
  const router = createRouter()
    // The map and the CSV the coverage page links to: the API's handlers, under the page's guard.
    .openapi({ ...getPageCoverageMap, middleware: [guard] }, coverage.getCoverageMap)
    .openapi({ ...getPageCoverageCsv, middleware: [guard] }, coverage.getPageCoverageCsv);
  router
    .get('/', guard, handlers.form)
    // The form is a few kilobytes at most; refuse anything much larger before parsing it.
    .post('/search', guard, bodyLimit({ maxSize: FORM_MAX_BYTES }), handlers.search)
    .get('/search', guard, handlers.searchByGet)
    .get('/partners/:id', guard, handlers.partner)
    .get('/coverage', guard, handlers.coveragePage)
    .get('/assets/app.css', handlers.stylesheet);
  return router;
}
