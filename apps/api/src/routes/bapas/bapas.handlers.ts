import { authorize, ROUTE_ROLES } from '../../lib/access';
import { ProblemError } from '../../lib/problem';
import type { AppRouteHandler } from '../../lib/types';
import type { GetOneRoute, ListRoute } from './bapas.routes';

export const list: AppRouteHandler<ListRoute> = (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  const items = [...c.var.directory.bapas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return c.json({ items, total: items.length }, 200);
};

export const getOne: AppRouteHandler<GetOneRoute> = (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  const { id } = c.req.valid('param');
  const office = c.var.directory.getBapas(id);
  if (!office) throw new ProblemError('not-found', `No Bapas has the id ${id}; GET /v1/bapas lists them.`);
  const { registry } = c.var;
  return c.json(
    {
      ...office,
      pokmas: registry.pokmas.filter((group) => group.bapasId === office.id),
      partnerCount: registry.partners.filter((partner) => partner.bapasId === office.id).length,
    },
    200,
  );
};
