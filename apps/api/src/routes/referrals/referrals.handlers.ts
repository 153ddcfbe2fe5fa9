import {
  FINAL_STATUSES,
  HOLDING_STATUSES,
  OUTCOME_LABELS,
  REFERRAL_REASON_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRAL_STATUSES,
  REFERRAL_TRANSITIONS,
  StoreError,
  lifecycleMermaid,
  movesFrom,
  type Referral,
  type ReferralStatus,
  type ReferralScope,
} from '@pokmas/store';
import type { Context } from 'hono';
import { actorOf, authorize, type Principal, ROUTE_ROLES } from '../../lib/access';
import { etagOf, matchIfMatch, preconditionFailed } from '../../lib/etag';
import { locateClient } from '../../lib/locate';
import { ProblemError, toIssues } from '../../lib/problem';
import { checkReferral } from '../../lib/referral-check';
import { storeProblem } from '../../lib/store-problem';
import type { AppBindings, AppRouteHandler } from '../../lib/types';
import type {
  CreateRoute,
  EraseClientRoute,
  EventsRoute,
  GetOneRoute,
  LifecycleRoute,
  ListRoute,
  TransitionRoute,
} from './referrals.routes';

const DAY_MS = 86_400_000;

/** The referrals a principal may see: its Bapas's, its own partner's, or all for an admin. */
function scopeOf(principal: Principal): ReferralScope {
  if (principal.role === 'partner') return { partnerId: principal.partnerId! };
  if (principal.role === 'counsellor' || principal.role === 'bapas-admin') return { bapasId: principal.bapasId! };
  return {};
}

const inScope = (scope: ReferralScope, referral: Pick<Referral, 'bapasId' | 'partnerId'>): boolean =>
  (scope.bapasId === undefined || scope.bapasId === referral.bapasId) &&
  (scope.partnerId === undefined || scope.partnerId === referral.partnerId);

/** A referral outside one's scope is not found: its existence is not told. */
async function visible(c: Context<AppBindings>, id: string): Promise<{ referral: Referral; principal: Principal }> {
  const principal = authorize(c, { roles: ROUTE_ROLES.referrals });
  const referral = await c.var.store.getReferral(id);
  if (!referral || !inScope(scopeOf(principal), referral)) throw new ProblemError('not-found', `No referral has the id ${id}.`);
  return { referral, principal };
}

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

/**
 * A referral's refusals from the store, as problems; anything else as `storeProblem` answers it.
 * `from`, the status the move was asked from, names the moves allowed instead of an invalid one.
 */
function referralProblem(error: unknown, from?: ReferralStatus): never {
  if (!(error instanceof StoreError)) throw error;
  switch (error.code) {
    case 'NO_CAPACITY':
      throw new ProblemError('conflict', 'The partner has no free place left: its last place was just taken.', { code: 'no-capacity' });
    case 'PARTNER_CHANGED':
      throw new ProblemError('conflict', 'The partner changed while the referral was checked; send it again.', { code: 'partner-changed' });
    case 'INVALID_TRANSITION':
      throw new ProblemError('conflict', `${error.message}.`, {
        code: 'invalid-transition',
        allowed: from === undefined ? [] : movesFrom(from).filter((to) => to !== 'expired'),
      });
    case 'TRANSITION_FORBIDDEN':
      throw new ProblemError('forbidden', `${error.message}.`, { code: 'transition-forbidden' });
    case 'VERSION_MISMATCH':
      throw error.currentVersion === undefined
        ? new ProblemError('precondition-failed', error.message)
        : preconditionFailed(error.currentVersion, 'referral');
    case 'NOT_FOUND':
      throw new ProblemError('not-found', 'No partner or referral has this id.');
    case 'INVALID_REFERRAL':
      throw new ProblemError('validation', `The referral is refused, nothing was changed: ${error.message}`, {
        issues: toIssues(error.issues),
      });
    default:
      return storeProblem(error);
  }
}

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const body = c.req.valid('json');
  const principal = authorize(c, {
    roles: ROUTE_ROLES.refer,
    ...(body.client.bapasId === undefined ? {} : { bapasId: body.client.bapasId }),
  });
  const bapasId = body.client.bapasId ?? principal.bapasId;
  const record = await c.var.store.getPartner(body.partnerId);
  if (!record) throw new ProblemError('not-found', `No partner has the id ${body.partnerId}.`);
  const referralBapas = bapasId ?? record.partner.bapasId;
  const client = { ...body.client, bapasId: referralBapas };
  const located = locateClient(c.var.directory, client);
  const match = checkReferral(located.client, record, body.services);
  const { expiryDays, now } = c.var.referrals;
  const write = await c.var.store
    .createReferral(
      {
        clientRef: body.client.id,
        bapasId: referralBapas,
        partnerId: body.partnerId,
        services: body.services,
        match,
        ...(body.note === undefined ? {} : { note: body.note }),
        partnerVersion: record.version,
        expiresAt: new Date(now() + expiryDays * DAY_MS).toISOString(),
      },
      actorOf(principal),
    )
    .catch(referralProblem);
  await c.var.live.catchUp(write.registryVersion);
  return c.json(served(write.referral), 201, {
    ETag: etagOf(write.referral.version),
    Location: `/v1/referrals/${write.referral.id}`,
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
  const { referral } = await visible(c, c.req.valid('param').id);
  return c.json(served(referral), 200, { ETag: etagOf(referral.version), 'Cache-Control': 'no-store' });
};

export const transition: AppRouteHandler<TransitionRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { referral, principal } = await visible(c, id);
  const version = matchIfMatch(c.req.header('If-Match'), referral.version, 'referral');
  if (version === undefined) throw preconditionFailed(referral.version, 'referral');
  const write = await c.var.store
    .transitionReferral(
      id,
      {
        to: body.to,
        as: principal.role,
        ...(body.reason === undefined ? {} : { reason: body.reason }),
        ...(body.note === undefined ? {} : { note: body.note }),
        ...(body.outcome === undefined ? {} : { outcome: body.outcome }),
      },
      version,
      actorOf(principal),
    )
    .catch((error: unknown) => referralProblem(error, referral.status));
  await c.var.live.catchUp(write.registryVersion);
  return c.json(served(write.referral), 200, { ETag: etagOf(write.referral.version), 'Cache-Control': 'no-store' });
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
