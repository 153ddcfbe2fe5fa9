import { createMiddleware } from 'hono/factory';

/**
 * Route middleware for answers that hold client data: `Cache-Control: no-store` on every
 * answer, errors included.
 */
export const noStore = createMiddleware(async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
});
