import { haversineKm, type Partner } from '@pokmas/matcher';
import type { PartnerRecord, PartnerWrite } from '@pokmas/store';
import type { Context } from 'hono';
import { actorOf, authorize, ROUTE_ROLES } from '../../lib/access';
import { etagOf, matchIfMatch, preconditionFailed } from '../../lib/etag';
import { ProblemError } from '../../lib/problem';
import { storeWrite } from '../../lib/store-problem';
import type { AppBindings, AppRouteHandler } from '../../lib/types';
import {
  DEFAULT_PER_PAGE,
  type CreateRoute,
  type GetOneRoute,
  type HistoryRoute,
  type ListRoute,
  type PatchRoute,
  type ReplaceRoute,
} from './partners.routes';

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

// Read from the store, not the registry in memory: the body and its ETag are of one version.
export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  const { id } = c.req.valid('param');
  const record = await c.var.store.getPartner(id);
  if (!record) throw new ProblemError('not-found', `No partner has the id ${id} in the current registry.`);
  return c.json(record.partner, 200, { ETag: etagOf(record.version) });
};

/** The fields a `partner` account may change of itself. */
const PARTNER_OWN_FIELDS = ['capacity', 'active'] as const;

const bapasOf = (body: Record<string, unknown>): string | undefined => (typeof body.bapasId === 'string' ? body.bapasId : undefined);

/** A write's answer, once this instance serves it: a recommendation sent after it sees it. */
async function answered(c: Context<AppBindings>, write: PartnerWrite): Promise<void> {
  await c.var.live.catchUp(write.registryVersion);
}

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const body = c.req.valid('json');
  authorize(c, { roles: ROUTE_ROLES.edit, ...(bapasOf(body) === undefined ? {} : { bapasId: bapasOf(body)! }) });
  const write = await storeWrite(c.var.store.createPartner(body, actorOf(c.var.principal)));
  await answered(c, write);
  return c.json(write.partner, 201, { ETag: etagOf(write.version), Location: `/v1/partners/${encodeURIComponent(write.partner.id)}` });
};

async function stored(c: Context<AppBindings>, id: string): Promise<PartnerRecord> {
  const record = await c.var.store.getPartner(id);
  if (!record) throw new ProblemError('not-found', `No partner has the id ${id}.`);
  return record;
}

/**
 * The version If-Match names, checked after access (so that only those who may write learn the
 * ETag from a refusal). The store checks it again in the write itself: a change committed in
 * between is still a 412.
 */
function ifMatchVersion(c: Context<AppBindings>, record: PartnerRecord): number {
  const version = matchIfMatch(c.req.header('If-Match'), record.version);
  if (version === undefined) throw preconditionFailed(record.version);
  return version;
}

export const replace: AppRouteHandler<ReplaceRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const record = await stored(c, id);
  authorize(c, { roles: ROUTE_ROLES.edit, bapasId: record.partner.bapasId });
  const target = bapasOf(body);
  if (target !== undefined) authorize(c, { roles: ROUTE_ROLES.edit, bapasId: target });
  const version = ifMatchVersion(c, record);
  const write = await storeWrite(c.var.store.replacePartner(id, body, version, actorOf(c.var.principal)));
  await answered(c, write);
  return c.json(write.partner, 200, { ETag: etagOf(write.version) });
};

export const patch: AppRouteHandler<PatchRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const record = await stored(c, id);
  const principal = authorize(c, { roles: ROUTE_ROLES.editOwn, bapasId: record.partner.bapasId, partnerId: id });
  const target = bapasOf(body);
  if (target !== undefined && principal.role !== 'partner') authorize(c, { roles: ROUTE_ROLES.edit, bapasId: target });
  if (principal.role === 'partner') {
    const others = Object.keys(body).filter((key) => !(PARTNER_OWN_FIELDS as readonly string[]).includes(key));
    if (others.length > 0) {
      throw new ProblemError(
        'forbidden',
        `A partner account may change only ${PARTNER_OWN_FIELDS.join(' and ')} of itself, not ${others.slice(0, 5).join(', ')}${others.length > 5 ? ' and more' : ''}; ask its Bapas's bapas-admin for the rest.`,
      );
    }
  }
  const version = ifMatchVersion(c, record);
  const write = await storeWrite(c.var.store.patchPartner(id, body, version, actorOf(c.var.principal)));
  await answered(c, write);
  return c.json(write.partner, 200, { ETag: etagOf(write.version) });
};

export const history: AppRouteHandler<HistoryRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const record = await stored(c, id);
  authorize(c, { roles: ROUTE_ROLES.editOwn, bapasId: record.partner.bapasId, partnerId: id });
  const entries = await storeWrite(c.var.store.partnerHistory(id));
  return c.json(
    { id, entries: entries.map(({ time, account, role, action, changes }) => ({ time, account, role, action, changes: [...changes] })) },
    200,
  );
};
