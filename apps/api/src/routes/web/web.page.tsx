import type { Context } from 'hono';
import type { AppBindings } from '../../lib/types';
import { PageViewerContext, type PageViewer } from '../../views/page-context';

/**
 * Everything a page loads comes from the app itself: the browser is told so, and refuses the
 * rest. Inline `style` attributes draw the score bars; there are no scripts at all.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

type Html = Parameters<Context<AppBindings>['html']>[0];

/** Who the page is for, from the request's principal and session (set by the page guard). */
export function viewerOf(c: Context<AppBindings>): PageViewer {
  const session = c.get('session');
  if (session?.principal.login) {
    return { mode: 'signed-in', login: session.principal.login, role: session.principal.role, csrf: session.csrf };
  }
  return c.get('principal')?.via === 'open' ? { mode: 'open' } : { mode: 'anonymous' };
}

/**
 * Sends a page with its security policy, and the viewer its header shows. `private` pages carry
 * a client's details, or are personal, and must never be kept by a browser or a proxy.
 */
export function page(
  c: Context<AppBindings>,
  body: Html,
  { status = 200, private: isPrivate = false }: { status?: 200 | 400 | 401 | 403 | 404 | 409 | 415 | 422 | 429; private?: boolean } = {},
) {
  c.header('Content-Security-Policy', PAGE_CSP);
  if (isPrivate || c.get('session')) c.header('Cache-Control', 'no-store');
  return c.html(<PageViewerContext.Provider value={viewerOf(c)}>{body}</PageViewerContext.Provider>, status);
}
