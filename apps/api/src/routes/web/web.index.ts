import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppBindings } from '../../lib/types';
import * as handlers from './web.handlers';

/** The largest search form accepted (the real one is under 2 KiB). */
export const FORM_MAX_BYTES = 16 * 1024;

/**
 * The counsellor page, served at `/` beside the API (which owns `/v1`, `/openapi.json`,
 * `/docs` and `/healthz`). Server-rendered HTML that works without scripts; not in the
 * OpenAPI document, being pages rather than API.
 */
const router = new Hono<AppBindings>()
  .get('/', handlers.form)
  // The form is a few kilobytes at most; refuse anything much larger before parsing it.
  .use('/search', bodyLimit({ maxSize: FORM_MAX_BYTES }))
  .post('/search', handlers.search)
  .get('/search', handlers.searchByGet)
  .get('/partners/:id', handlers.partner)
  .get('/coverage', handlers.coveragePage)
  .get('/assets/app.css', handlers.stylesheet);

export default router;
