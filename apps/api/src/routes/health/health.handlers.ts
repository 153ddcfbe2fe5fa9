import type { AppRouteHandler } from '../../lib/types';
import type { GetRoute } from './health.routes';

export const get: AppRouteHandler<GetRoute> = (c) => {
  const { registry } = c.var;
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'ok' as const, registry: { version: registry.version, partners: registry.partners.length } }, 200);
};
