import { Hono } from 'hono';
import type { AppBindings } from '../../lib/types';
import * as handlers from './web.handlers';

/**
 * The counsellor page, served at `/` beside the API (which owns `/v1`, `/openapi.json`,
 * `/docs` and `/healthz`). Server-rendered HTML that works without scripts; not in the
 * OpenAPI document, being pages rather than API.
 */
const router = new Hono<AppBindings>()
  .get('/', handlers.form)
  .post('/search', handlers.search)
  .get('/search', handlers.searchByGet)
  .get('/partners/:id', handlers.partner)
  .get('/coverage', handlers.coveragePage)
  .get('/assets/app.css', handlers.stylesheet);

export default router;
