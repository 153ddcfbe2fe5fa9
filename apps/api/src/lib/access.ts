import { ROLES, type Actor, type Role } from '@pokmas/store';
import type { Context } from 'hono';
import { ProblemError } from './problem';
import type { AppBindings } from './types';

/**
 * Who is asking: an account of the store, or the implicit admin of the open demo mode (a store
 * with no accounts, served on loopback only). Set on every request before any route runs.
 */
export interface Principal {
  /** The account's login; null in the open demo mode. */
  readonly login: string | null;
  readonly role: Role;
  /** The Bapas of a `bapas-admin` or `counsellor`. */
  readonly bapasId?: string;
  /** The partner of a `partner` account. */
  readonly partnerId?: string;
  /** How the request proved it: a bearer token, a page session, or nothing (open demo mode). */
  readonly via: 'token' | 'session' | 'open';
}

/** The implicit admin of the open demo mode. */
export const OPEN_DEMO_PRINCIPAL: Principal = Object.freeze({ login: null, role: 'admin', via: 'open' });

/** The principal as the store's audit log records a write. */
export const actorOf = (principal: Principal): Actor => ({
  login: principal.login,
  role: principal.via === 'open' ? null : principal.role,
});

/** What a route asks of the principal: one of `roles`, and, for a scoped role, this scope. */
export interface Need {
  readonly roles: readonly Role[];
  /** The Bapas the thing belongs to: a scoped `bapas-admin` or `counsellor` must be of it. */
  readonly bapasId?: string;
  /** The partner the thing is: a `partner` account must be it. */
  readonly partnerId?: string;
}

/**
 * Whether `principal` meets `need`: admin always; a Bapas-scoped role only for its own Bapas
 * when the need names one; a partner only for itself when the need names one.
 */
export function allows(principal: Principal, need: Need): boolean {
  if (principal.role === 'admin') return true;
  if (!need.roles.includes(principal.role)) return false;
  if ((principal.role === 'bapas-admin' || principal.role === 'counsellor') && need.bapasId !== undefined) {
    return principal.bapasId === need.bapasId;
  }
  if (principal.role === 'partner' && need.partnerId !== undefined) return principal.partnerId === need.partnerId;
  return true;
}

/**
 * The roles each kind of route asks for (admin is always allowed). Recommending and allocating
 * take client details: a counsellor or a bapas-admin, for a client of their own Bapas when the
 * client names one. Coverage is about partners only (no client, no referral): planners
 * nationwide, and the Bapas roles too, nationwide. Reading the registry, the Bapas list and
 * the taxonomy: any signed-in role. The audit log: admin only.
 */
export const ROUTE_ROLES = {
  recommend: ['counsellor', 'bapas-admin'],
  coverage: ['planner', 'bapas-admin', 'counsellor'],
  read: ROLES,
  /** Create, replace and change partners (of one's own Bapas for a bapas-admin). */
  edit: ['bapas-admin'],
  /** Change a partner or read its history: its Bapas's bapas-admin, or the partner's own account. */
  editOwn: ['bapas-admin', 'partner'],
  /** Import and export registry files (one's own Bapas's partners for a bapas-admin). */
  registryFiles: ['bapas-admin'],
  audit: [],
  /** Make a referral: a counsellor, for a client of their own Bapas. */
  refer: ['counsellor'],
  /** Read referrals and their events: one's Bapas's (counsellor, bapas-admin), one's own (partner). Never a planner. */
  referrals: ['counsellor', 'bapas-admin', 'partner'],
  /** Erase a pseudonym's referrals at once: admin only. */
  eraseClient: [],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Throws 403 unless the principal may act for every client: the recommending roles, and for a
 * Bapas-scoped one, each client that names a Bapas must name its own.
 */
export function authorizeClients(c: Context<AppBindings>, clients: ReadonlyArray<{ readonly bapasId?: string | undefined }>): Principal {
  const principal = authorize(c, { roles: ROUTE_ROLES.recommend });
  for (const bapasId of new Set(clients.map((client) => client.bapasId))) {
    if (bapasId !== undefined) authorize(c, { roles: ROUTE_ROLES.recommend, bapasId });
  }
  return principal;
}

/**
 * Throws 401 for a request that reached it with no principal (a route outside the guarded
 * paths), and 403 (problem+json naming the roles and scope needed) unless the request's principal
 * meets `need`. The one check of roles: every route that limits access calls it.
 *
 * @example
 * authorize(c, { roles: ['bapas-admin'], bapasId: partner.bapasId });
 */
export function authorize(c: Context<AppBindings>, need: Need): Principal {
  const principal = c.get('principal') as Principal | undefined;
  if (!principal) throw new ProblemError('unauthorized', 'Sign in first: send Authorization: Bearer <token>.');
  if (allows(principal, need)) return principal;
  const scope =
    need.bapasId !== undefined ? ` of Bapas ${need.bapasId}` : need.partnerId !== undefined ? ` for partner ${need.partnerId}` : '';
  const roles = rolesNeeded(need);
  throw new ProblemError(
    'forbidden',
    `This needs the role ${roles}${scope}; the account ${principal.login ?? '(none)'} is ${principal.role}.`,
  );
}

/** The roles a need allows, as a 403 names them: `admin or counsellor or bapas-admin`. */
export const rolesNeeded = (need: Pick<Need, 'roles'>): string => ['admin', ...need.roles.filter((role) => role !== 'admin')].join(' or ');
