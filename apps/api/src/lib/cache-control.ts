import { createMiddleware } from 'hono/factory';

/**
 * Every answer says how it may be cached. A route that allows more says so itself (the reference
 * page's and the counsellor page's static assets: `public, max-age=...`); anything else, a page,
 * the OpenAPI document, a registry read, an error, is `no-store`: nothing unclassified is kept,
 * and a query such as `near=lat,lon` may be where a client lives.
 */
export const cacheControlByDefault = createMiddleware(async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
});
