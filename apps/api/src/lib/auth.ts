import { isIP } from 'node:net';
import type { Store, TokenMatch } from '@pokmas/store';
import type { MiddlewareHandler } from 'hono';
import { OPEN_DEMO_PRINCIPAL, type Principal } from './access';
import { ProblemError } from './problem';
import type { AppBindings } from './types';

/**
 * Whether `host` (the address the server binds, HOST) is reachable from this machine only:
 * 127.0.0.0/8, ::1 (also IPv4-mapped) or `localhost`. The open demo mode needs it.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  if (isIP(bare) === 6) return /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(bare);
  return false;
}

/** The command that creates the first admin, as the refusal to start and the page name it. */
export const FIRST_ADMIN_COMMAND = 'npm run accounts -- add --login NAME --role admin';

/** Which access the server runs with, as the start line names it. */
export type AccessMode = 'open-demo' | 'accounts';

/**
 * Decides, per request, whether the open demo mode holds: only on a loopback address, and
 * only while the store has no account. While open, every request asks the store (an account
 * made by the command line closes the mode on the very next request, on every instance); once
 * an account exists the answer is kept, since accounts are never deleted.
 */
export interface AccessGate {
  /** Whether this request is served as the open demo mode's admin. */
  isOpen(): Promise<boolean>;
  /** The mode as of the last check, for the start line. */
  mode(): Promise<AccessMode>;
}

export function createAccessGate(store: Pick<Store, 'hasAccounts'>, host: string): AccessGate {
  const loopback = isLoopbackHost(host);
  let closed = !loopback;
  const isOpen = async () => {
    if (closed) return false;
    if (await store.hasAccounts()) closed = true;
    return !closed;
  };
  return { isOpen, mode: async () => ((await isOpen()) ? 'open-demo' : 'accounts') };
}

/** The principal of a token's account. */
export const tokenPrincipal = ({ account }: TokenMatch): Principal => ({
  login: account.login,
  role: account.role,
  ...(account.bapasId !== undefined && { bapasId: account.bapasId }),
  ...(account.partnerId !== undefined && { partnerId: account.partnerId }),
  via: 'token',
});

const CHALLENGE = 'Bearer realm="pokmas-match"';

/** The token of `Authorization: Bearer <token>`; null without the header, undefined when malformed. */
function bearerToken(header: string | undefined): string | null | undefined {
  if (header === undefined) return null;
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
  return match?.[1];
}

/**
 * Sets the principal of every `/v1` request from `Authorization: Bearer <token>`, looked up in
 * the store on each request (no cache: a revoked token fails on its next request, on every
 * instance). Without the header, the open demo mode's admin while the gate is open; otherwise
 * 401 with a `WWW-Authenticate` challenge, before the body or the route is looked at.
 */
export function bearerAuth(gate: AccessGate): MiddlewareHandler<AppBindings> {
  return async function bearerAuth(c, next) {
    const token = bearerToken(c.req.header('Authorization'));
    if (token === null && (await gate.isOpen())) {
      c.set('principal', OPEN_DEMO_PRINCIPAL);
      return next();
    }
    if (token === null) {
      throw new ProblemError(
        'unauthorized',
        'Send the header Authorization: Bearer <token> with a token of your account (npm run accounts -- token NAME).',
        {
          headers: { 'WWW-Authenticate': CHALLENGE },
        },
      );
    }
    const match = token === undefined ? undefined : await c.var.store.findAccountByToken(token);
    if (!match) {
      throw new ProblemError('unauthorized', 'The bearer token is malformed, unknown or revoked.', {
        headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
      });
    }
    c.set('principal', tokenPrincipal(match));
    return next();
  };
}
