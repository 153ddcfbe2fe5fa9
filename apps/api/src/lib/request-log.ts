import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from './logger';
import type { AppBindings } from './types';

/**
 * Logs one line per request: its id, method, route pattern (never the path or the query, which
 * may carry client data), status and latency. Bodies are never read here.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppBindings> {
  return async function requestLog(c, next) {
    const start = performance.now();
    await next();
    const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: handler?.path ?? null,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  };
}
