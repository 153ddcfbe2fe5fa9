import { TAXONOMY } from '@pokmas/matcher';
import { authorize, ROUTE_ROLES } from '../../lib/access';
import type { AppRouteHandler } from '../../lib/types';
import type { GetRoute } from './taxonomy.routes';

export const get: AppRouteHandler<GetRoute> = (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  return c.json(TAXONOMY, 200);
};
