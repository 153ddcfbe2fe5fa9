import {
  FINAL_STATUSES,
  HOLDING_STATUSES,
  OUTCOME_LABELS,
  REFERRAL_REASON_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  lifecycleMermaid,
  type Referral,
} from '@pokmas/store';
import { actorOf, authorize, ROUTE_ROLES } from '../../lib/access';
import { etagOf, matchIfMatch } from '../../lib/etag';
import { makeReferral, moveReferral, referralProblem, scopeOf, visibleReferral } from '../../lib/referrals';
import type { AppRouteHandler } from '../../lib/types';
import type {
  CreateRoute,
  EraseClientRoute,
  EventsRoute,
  GetOneRoute,
  LifecycleRoute,
  ListRoute,
  TransitionRoute,
} from './referrals.routes';

/** The body served: the stored referral without its version (that is the ETag), the history without event ids. */
function served(referral: Referral) {
  const { version, outcome, ...rest } = referral;
  void version;
  return {
    ...rest,
    services: [...rest.services],
    history: rest.history.map(({ id, ...entry }) => (void id, entry)),
    ...(outcome === undefined ? {} : { outcome: { ...outcome, services: outcome.services.map((entry) => ({ ...entry })) } }),
  };
}

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const referral = await makeReferral(c, c.req.valid('json'));
  return c.json(served(referral), 201, {
    ETag: etagOf(referral.version),
    Location: `/v1/referrals/${referral.id}`,
    'Cache-Control': 'no-store',
  });
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const principal = authorize(c, { roles: ROUTE_ROLES.referrals });
  const { cursor, limit, ...filters } = c.req.valid('query');
  const scope = scopeOf(principal);
  // A filter outside one's scope finds nothing, as a referral outside it is not found.
  if (
    (scope.bapasId && filters.bapasId && filters.bapasId !== scope.bapasId) ||
    (scope.partnerId && filters.partnerId && filters.partnerId !== scope.partnerId)
  ) {
    return c.json({ referrals: [] }, 200, { 'Cache-Control': 'no-store' });
  }
  const page = await c.var.store
    .listReferrals({
      filters: { ...filters, ...scope },
      ...(cursor === undefined ? {} : { cursor }),
      ...(limit === undefined ? {} : { limit }),
    })
    .catch(referralProblem);
  return c.json({ referrals: page.referrals.map(served), ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) }, 200, {
    'Cache-Control': 'no-store',
  });
};

export const getOne: AppRouteHandler<GetOneRoute> = async (c) => {
  const { referral } = await visibleReferral(c, c.req.valid('param').id);
  return c.json(served(referral), 200, { ETag: etagOf(referral.version), 'Cache-Control': 'no-store' });
};

export const transition: AppRouteHandler<TransitionRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { to, reason, note, outcome } = c.req.valid('json');
  const ifMatch = c.req.header('If-Match');
  const referral = await moveReferral(
    c,
    id,
    {
      to,
      ...(reason === undefined ? {} : { reason }),
      ...(note === undefined ? {} : { note }),
      ...(outcome === undefined ? {} : { outcome }),
    },
    (current) => matchIfMatch(ifMatch, current.version, 'referral'),
  );
  return c.json(served(referral), 200, { ETag: etagOf(referral.version), 'Cache-Control': 'no-store' });
};

export const lifecycle: AppRouteHandler<LifecycleRoute> = (c) => {
  authorize(c, { roles: ROUTE_ROLES.read });
  return c.json(
    {
      statuses: REFERRAL_STATUSES.map((status) => ({
        id: status,
        holdsPlace: (HOLDING_STATUSES as readonly string[]).includes(status),
        final: (FINAL_STATUSES as readonly string[]).includes(status),
        label: REFERRAL_STATUS_LABELS[status],
      })),
      transitions: REFERRAL_TRANSITIONS.map((row) => ({
        from: [...row.from],
        to: row.to,
        who: [...row.who],
        ...(row.reasons ? { reasons: [...row.reasons] } : {}),
        ...(row.outcome ? { outcome: true } : {}),
      })),
      reasons: REFERRAL_REASON_LABELS,
      outcomes: OUTCOME_LABELS,
      mermaid: lifecycleMermaid(),
    },
    200,
  );
};

export const events: AppRouteHandler<EventsRoute> = async (c) => {
  const principal = authorize(c, { roles: ROUTE_ROLES.referrals });
  const { after, limit } = c.req.valid('query');
  const page = await c.var.store
    .referralEvents({ ...scopeOf(principal), ...(after === undefined ? {} : { after }), ...(limit === undefined ? {} : { limit }) })
    .catch(referralProblem);
  return c.json({ events: [...page.events], cursor: page.cursor }, 200, { 'Cache-Control': 'no-store' });
};

export const eraseClient: AppRouteHandler<EraseClientRoute> = async (c) => {
  const principal = authorize(c, { roles: ROUTE_ROLES.eraseClient });
  const erased = await c.var.store.eraseClientReferrals(c.req.valid('param').clientRef, actorOf(principal));
  return c.json({ erased }, 200, { 'Cache-Control': 'no-store' });
};
