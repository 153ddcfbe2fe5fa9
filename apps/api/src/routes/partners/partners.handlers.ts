import { haversineKm, type Partner } from '@pokmas/matcher';
import { authorize, ROUTE_ROLES } from '../../lib/access';
import { ProblemError } from '../../lib/problem';
import type { AppRouteHandler } from '../../lib/types';
import { DEFAULT_PER_PAGE, type GetOneRoute, type ListRoute } from './partners.routes';

const byId = (a: { partner: Partner }, b: { partner: Partner }) => (a.partner.id < b.partner.id ? -1 : a.partner.id > b.partner.id ? 1 : 0);

export const list: AppRouteHandler<ListRoute> = (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  const { service, bapasId, regencyCode, near, radiusKm, page = 1, perPage = DEFAULT_PER_PAGE } = c.req.valid('query');
  const { registry } = c.var;

  const found = registry.partners
    .filter(
      (partner) =>
        (service === undefined || partner.offerings.some((offering) => offering.service === service)) &&
        (bapasId === undefined || partner.bapasId === bapasId) &&
        (regencyCode === undefined || (partner.regencyCode?.startsWith(regencyCode) ?? false)),
    )
    .map((partner) => ({ partner, distanceKm: near && partner.location ? haversineKm(near, partner.location) : undefined }))
    .filter((item) => radiusKm === undefined || (item.distanceKm !== undefined && item.distanceKm <= radiusKm));

  // Without coordinates a partner sorts after every partner with them.
  found.sort(near ? (a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || byId(a, b) : byId);

  const start = (page - 1) * perPage;
  return c.json(
    {
      items: found
        .slice(start, start + perPage)
        .map(({ partner, distanceKm }) =>
          distanceKm === undefined ? partner : { ...partner, distanceKm: Math.round(distanceKm * 100) / 100 },
        ),
      page,
      perPage,
      total: found.length,
      totalPages: Math.ceil(found.length / perPage),
      registry: { version: registry.version, partners: registry.partners.length },
    },
    200,
  );
};

export const getOne: AppRouteHandler<GetOneRoute> = (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  const { id } = c.req.valid('param');
  const partner = c.var.registry.byId.get(id);
  if (!partner) throw new ProblemError('not-found', `No partner has the id ${id} in the current registry.`);
  return c.json(partner, 200);
};
