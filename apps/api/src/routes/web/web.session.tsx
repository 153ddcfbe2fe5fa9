import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { OPEN_DEMO_PRINCIPAL, type Principal } from '../../lib/access';
import type { AccessGate } from '../../lib/auth';
import type { SavedSearches } from '../../lib/saved-searches';
import type { SearchFormValues } from '../../views/form';
import { newCsrfToken, SESSION_IDLE_MS, type SessionStore } from '../../lib/sessions';
import type { SignInThrottle } from '../../lib/throttle';
import type { AppBindings } from '../../lib/types';
import { parseLang, strings, type Lang } from '../../views/i18n';
import { Layout, withLang } from '../../views/layout';
import { Notice } from '../../views/notice';
import { SignInPage } from '../../views/sign-in';
import { page } from './web.page';
import { readFormBody } from './web.body';
import { lastValue } from './web.form';

/** The page session's cookie. */
export const SESSION_COOKIE = 'pokmas_session';
/** The sign-in form's double-submit CSRF cookie (there is no session yet to hold a token). */
export const SIGN_IN_CSRF_COOKIE = 'pokmas_sign_in';

export interface PageAccess {
  gate: AccessGate;
  sessions: SessionStore;
  throttle: SignInThrottle;
  /** TRUST_PROXY: believe X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy: boolean;
  /** The searches behind the results pages, each for its owner only (`searchOwner`). */
  searches: SavedSearches<SearchFormValues>;
}

/** Whose a saved search is: the page session's, or the open demo mode's (which has no session). */
export function searchOwner(c: Context<AppBindings>): string | undefined {
  const session = c.get('session');
  if (session) return `session:${session.id}`;
  return c.get('principal')?.via === 'open' ? 'open-demo' : undefined;
}

const queryLang = (c: Context<AppBindings>): Lang => parseLang(c.req.query('lang'));

/** Whether the browser reached us over HTTPS: the URL's scheme, or the trusted proxy's word for it. */
function overHttps(c: Context<AppBindings>, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** The address sign-ins are throttled by: the socket's peer, or the last hop the trusted proxy names. */
function clientAddress(c: Context<AppBindings>, trustProxy: boolean): string {
  if (trustProxy) {
    const hop = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (hop) return hop;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

const cookieOptions = (c: Context<AppBindings>, trustProxy: boolean) =>
  ({ path: '/', httpOnly: true, sameSite: 'Lax', secure: overHttps(c, trustProxy) }) as const;

// An empty token on both sides (a cookie set to nothing) is no token.
const sameToken = (a: string | undefined, b: string | undefined): boolean =>
  !!a && !!b && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A `next` that is a path of this site (never `//host` or a scheme), else the form. */
function safeNext(value: string | undefined): string | undefined {
  return value !== undefined && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : undefined;
}

/**
 * Every page but the sign-in form and the stylesheet: a live session, or the open demo mode;
 * otherwise a GET is sent to the sign-in form (and back after it), anything else gets 401.
 */
export function pageGuard({ gate, sessions }: PageAccess): MiddlewareHandler<AppBindings> {
  return async function pageGuard(c, next) {
    const session = sessions.touch(getCookie(c, SESSION_COOKIE));
    if (session) {
      c.set('principal', session.principal);
      c.set('session', session);
      return next();
    }
    if (await gate.isOpen()) {
      c.set('principal', OPEN_DEMO_PRINCIPAL);
      return next();
    }
    c.header('Cache-Control', 'no-store');
    const lang = queryLang(c);
    const next_ = c.req.method === 'GET' ? c.req.path : undefined;
    const query = new URLSearchParams({ ...(lang !== 'id' && { lang }), ...(next_ && next_ !== '/' && { next: next_ }) }).toString();
    return c.redirect(`/sign-in${query ? `?${query}` : ''}`, 303);
  };
}

/** `GET /sign-in`: the form, with a fresh double-submit token in a cookie and the form. */
export function signInForm(access: PageAccess) {
  return async (c: Context<AppBindings>) => {
    const lang = queryLang(c);
    return renderSignIn(c, access, { lang, next: safeNext(c.req.query('next')), open: await access.gate.isOpen() }, 200);
  };
}

function renderSignIn(
  c: Context<AppBindings>,
  access: PageAccess,
  props: { lang: Lang; next?: string | undefined; login?: string; error?: string; open?: boolean },
  status: 200 | 401 | 403 | 429,
) {
  const csrf = newCsrfToken();
  setCookie(c, SIGN_IN_CSRF_COOKIE, csrf, { ...cookieOptions(c, access.trustProxy), maxAge: 60 * 60 });
  return page(c, <SignInPage csrf={csrf} {...props} />, { status, private: true });
}

/**
 * `POST /sign-in`: the double-submit token checked first (403 without it), then the throttle
 * (429 with Retry-After, the password not even checked), then the password. Every attempt is
 * in the audit log; a failure names no account the store does not have.
 */
export function signIn(access: PageAccess) {
  const { sessions, throttle, trustProxy } = access;
  return async (c: Context<AppBindings>) => {
    const lang = queryLang(c);
    const read = await readFormBody(c.req);
    const body = read.success ? read.body : {};
    if (!sameToken(getCookie(c, SIGN_IN_CSRF_COOKIE), lastValue(body, 'csrf'))) return csrfFailed(c, lang);

    const login = lastValue(body, 'login');
    const password = lastValue(body, 'password');
    const next = safeNext(lastValue(body, 'next') || undefined);
    const address = clientAddress(c, trustProxy);
    const t = strings(lang).signIn;

    const wait = throttle.retryAfter(login, address);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return renderSignIn(c, access, { lang, next, login, error: t.throttled(Math.ceil(wait / 60)) }, 429);
    }
    const account = login && password ? await c.var.store.verifyPassword(login, password) : undefined;
    if (!account) {
      throttle.fail(login, address);
      await c.var.store.recordAuthEvent('sign-in.failed', login);
      return renderSignIn(c, access, { lang, next, login, error: t.failed }, 401);
    }
    throttle.succeed(login);
    await c.var.store.recordAuthEvent('sign-in.succeeded', account.login);
    const principal: Principal = {
      login: account.login,
      role: account.role,
      ...(account.bapasId !== undefined && { bapasId: account.bapasId }),
      ...(account.partnerId !== undefined && { partnerId: account.partnerId }),
      via: 'session',
    };
    // A new id at each sign-in: a session id planted before it is worth nothing after.
    const old = getCookie(c, SESSION_COOKIE);
    if (old) sessions.end(old);
    const session = sessions.create(principal);
    setCookie(c, SESSION_COOKIE, session.id, { ...cookieOptions(c, trustProxy), maxAge: Math.floor(SESSION_IDLE_MS / 1000) });
    deleteCookie(c, SIGN_IN_CSRF_COOKIE, { path: '/' });
    return c.redirect(next ?? withLang('/', lang), 303);
  };
}

/** `POST /sign-out` (behind the page guard): the session's CSRF token, then the session ends. */
export function signOut(access: PageAccess) {
  return async (c: Context<AppBindings>) => {
    const lang = queryLang(c);
    const session = c.get('session');
    if (!session) return c.redirect(withLang('/', lang), 303); // the open demo mode: nobody to sign out
    const read = await readFormBody(c.req);
    if (!sameToken(read.success ? lastValue(read.body, 'csrf') : undefined, session.csrf)) return csrfFailed(c, lang);
    access.searches.forget(`session:${session.id}`);
    access.sessions.end(session.id);
    if (session.principal.login) await c.var.store.recordAuthEvent('sign-out', session.principal.login);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overHttps(c, access.trustProxy) });
    return c.redirect(withLang('/sign-in', lang), 303);
  };
}

/**
 * Whether a changing form (a referral, a move) came from this site's own page: with a session,
 * its CSRF token; in the open demo mode (no session, loopback only), the browser's word that the
 * form is this site's (`Sec-Fetch-Site`, else `Origin`), so another site cannot post for it.
 */
export function formFromThisSite(c: Context<AppBindings>, token: string | undefined): boolean {
  const session = c.get('session');
  if (session) return sameToken(token, session.csrf);
  if (c.get('principal')?.via !== 'open') return false;
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = c.req.header('Origin');
  return origin === undefined || origin === new URL(c.req.url).origin;
}

/** A changing form without this page's token: 403 with a page saying to reload and send again. */
export function csrfFailed(c: Context<AppBindings>, lang: Lang) {
  const { title, message } = strings(lang).csrfFailed;
  return page(
    c,
    <Layout lang={lang} title={title} path="/">
      <Notice lang={lang} title={title} message={message} />
    </Layout>,
    { status: 403, private: true },
  );
}
