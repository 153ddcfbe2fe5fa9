import { authorize, ROUTE_ROLES } from '../../lib/access';
import type { AppRouteHandler } from '../../lib/types';
import type { ListRoute } from './audit.routes';

export const list: AppRouteHandler<ListRoute> = async (c) => {
  authorize(c, { roles: ROUTE_ROLES.audit });
  const { cursor, limit, ...filters } = c.req.valid('query');
  const page = await c.var.store.listAudit({
    filters,
    ...(cursor !== undefined && { cursor }),
    ...(limit !== undefined && { limit }),
  });
  // Who signed in when is not for any cache.
  const entries = page.entries.map((entry) => ({ ...entry, changes: [...entry.changes] }));
  return c.json({ entries, ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }) }, 200, { 'Cache-Control': 'no-store' });
};
