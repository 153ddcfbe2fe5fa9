import { bodyLimit } from 'hono/body-limit';
import { createRouter } from '../../lib/create-app';
import * as coverage from '../coverage/coverage.handlers';
import { getPageCoverageCsv, getPageCoverageMap } from '../coverage/coverage.routes';
import * as handlers from './web.handlers';
import * as referrals from './web.referrals';
import { pageGuard, signIn, signInForm, signOut, type PageAccess } from './web.session';

/** The largest search form accepted (the real one is under 2 KiB). */
export const FORM_MAX_BYTES = 16 * 1024;

/**
 * The counsellor page, served at `/` beside the API (which owns `/v1`, `/openapi.json`,
 * `/docs` and `/healthz`). Server-rendered HTML that works without scripts; not in the
 * OpenAPI document, being pages rather than API.
 *
 * Every page needs a session (from the sign-in form) or the open demo mode; each route names
 * the guard, because a sub-router's `use('*')` would guard the whole app once mounted. The
 * sign-in form and the stylesheet stay open.
 */
export function createWebRouter(access: PageAccess) {
  const guard = pageGuard(access);
  const router = createRouter()
    // The map and the CSV the coverage page links to: the API's handlers, under the page's guard.
    .openapi({ ...getPageCoverageMap, middleware: [guard] }, coverage.getCoverageMap)
    .openapi({ ...getPageCoverageCsv, middleware: [guard] }, coverage.getPageCoverageCsv);
  router
    .get('/', guard, handlers.form)
    // The form is a few kilobytes at most; refuse anything much larger before parsing it.
    .post('/search', guard, bodyLimit({ maxSize: FORM_MAX_BYTES }), handlers.search(access.searches))
    .get('/results/:id', guard, handlers.results(access.searches))
    .get('/search', guard, handlers.searchByGet)
    .get('/partners/:id', guard, handlers.partner)
    .get('/coverage', guard, handlers.coveragePage)
    .post('/referrals', guard, bodyLimit({ maxSize: FORM_MAX_BYTES }), referrals.refer)
    .get('/referrals', guard, referrals.list)
    .get('/referrals/:id', guard, referrals.detail)
    .post('/referrals/:id/transitions', guard, bodyLimit({ maxSize: FORM_MAX_BYTES }), referrals.move)
    .get('/referrals/:id/letter', guard, referrals.letter)
    .get('/sign-in', signInForm(access))
    .post('/sign-in', bodyLimit({ maxSize: FORM_MAX_BYTES }), signIn(access))
    .post('/sign-out', guard, bodyLimit({ maxSize: FORM_MAX_BYTES }), signOut(access))
    .get('/assets/app.css', handlers.stylesheet);
  return router;
}
