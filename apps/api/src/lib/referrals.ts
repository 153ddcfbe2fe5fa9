import { StoreError, movesFrom, type Referral, type ReferralMove, type ReferralScope, type ReferralStatus } from '@pokmas/store';
import type { Context } from 'hono';
import { freePlaces, type Client } from '@pokmas/matcher';
import { actorOf, authorize, ROUTE_ROLES, type Principal } from './access';
import { preconditionFailed } from './etag';
import { locateClient } from './locate';
import { ProblemError, toIssues } from './problem';
import { checkReferral } from './referral-check';
import { storeProblem } from './store-problem';
import type { AppBindings } from './types';

/**
 * Referrals as the API and the pages make and move them: one scope rule, one check, one
 * translation of the store's refusals into problems. The pages catch the `ProblemError`s and
 * say them in words; the API answers them as problem+json.
 */

const DAY_MS = 86_400_000;

/** The referrals a principal may see: its Bapas's, its own partner's, or all for an admin. */
export function scopeOf(principal: Principal): ReferralScope {
  if (principal.role === 'partner') return { partnerId: principal.partnerId! };
  if (principal.role === 'counsellor' || principal.role === 'bapas-admin') return { bapasId: principal.bapasId! };
  return {};
}

export const inScope = (scope: ReferralScope, referral: Pick<Referral, 'bapasId' | 'partnerId'>): boolean =>
  (scope.bapasId === undefined || scope.bapasId === referral.bapasId) &&
  (scope.partnerId === undefined || scope.partnerId === referral.partnerId);

/** A referral in the principal's scope; one outside it is not found, its existence not told. */
export async function visibleReferral(c: Context<AppBindings>, id: string): Promise<{ referral: Referral; principal: Principal }> {
  const principal = authorize(c, { roles: ROUTE_ROLES.referrals });
  const referral = await c.var.store.getReferral(id);
  if (!referral || !inScope(scopeOf(principal), referral)) throw new ProblemError('not-found', `No referral has the id ${id}.`);
  return { referral, principal };
}

/**
 * A referral's refusals from the store, as problems; anything else as `storeProblem` answers it.
 * `from`, the status the move was asked from, names the moves allowed instead of an invalid one.
 */
export function referralProblem(error: unknown, from?: ReferralStatus): never {
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

export interface ReferralRequest {
  /** The client as in recommendations; its `id` is the pseudonym kept. Used for the check, then dropped. */
  readonly client: Client;
  readonly partnerId: string;
  readonly services: readonly string[];
  readonly note?: string | undefined;
}

/**
 * Makes a referral: the principal may refer for the client's Bapas, the pair passes the
 * matcher's own rules against the partner as stored now, and the store takes a place (or
 * refuses: the last place just taken, the partner changed). Answers once the served registry
 * counts the place. @throws ProblemError
 */
export async function makeReferral(c: Context<AppBindings>, request: ReferralRequest): Promise<Referral> {
  const principal = authorize(c, {
    roles: ROUTE_ROLES.refer,
    ...(request.client.bapasId === undefined ? {} : { bapasId: request.client.bapasId }),
  });
  // No free place as this instance serves the partner (its held places counted): refused before
  // the store is asked, as most requests for a partner just filled are. The store's own check,
  // in the write's transaction, is what keeps places from being overbooked.
  const servedNow = c.var.registry.byId.get(request.partnerId);
  const freeNow = servedNow ? freePlaces(servedNow) : null;
  if (freeNow !== null && freeNow <= 0) {
    throw new ProblemError('conflict', 'The partner has no free place left.', { code: 'no-capacity' });
  }
  const record = await c.var.store.getPartner(request.partnerId);
  if (!record) throw new ProblemError('not-found', `No partner has the id ${request.partnerId}.`);
  // The referral belongs to the client's Bapas, else the counsellor's, else the partner's; the
  // pair is checked for the client as sent, so the match kept is the one a recommendation gave.
  const bapasId = request.client.bapasId ?? principal.bapasId ?? record.partner.bapasId;
  const located = locateClient(c.var.directory, request.client);
  const match = checkReferral(located.client, record, request.services);
  const { expiryDays, now } = c.var.referrals;
  const write = await c.var.store
    .createReferral(
      {
        clientRef: request.client.id,
        bapasId,
        partnerId: request.partnerId,
        services: request.services,
        match,
        ...(request.note === undefined ? {} : { note: request.note }),
        partnerVersion: record.version,
        expiresAt: new Date(now() + expiryDays * DAY_MS).toISOString(),
      },
      actorOf(principal),
    )
    .catch(referralProblem);
  await c.var.live.catchUp(write.registryVersion);
  return write.referral;
}

/**
 * Moves a referral the principal can see, if it is still at `version`, in the principal's own
 * role. Answers once the served registry counts the place freed. @throws ProblemError
 */
export async function moveReferral(
  c: Context<AppBindings>,
  id: string,
  move: Omit<ReferralMove, 'as'>,
  version: (referral: Referral) => number | undefined,
): Promise<Referral> {
  const { referral, principal } = await visibleReferral(c, id);
  const ifVersion = version(referral);
  if (ifVersion === undefined) throw preconditionFailed(referral.version, 'referral');
  const write = await c.var.store
    .transitionReferral(id, { ...move, as: principal.role }, ifVersion, actorOf(principal))
    .catch((error: unknown) => referralProblem(error, referral.status));
  await c.var.live.catchUp(write.registryVersion);
  return write.referral;
}
