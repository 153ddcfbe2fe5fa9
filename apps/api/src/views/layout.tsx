import type { Child } from 'hono/jsx';
import { html } from 'hono/html';
import { useContext } from 'hono/jsx';
import { LANGS, strings, type Lang } from './i18n';
import { PageViewerContext } from './page-context';
import type { Role } from '@pokmas/store';
import { ROUTE_ROLES } from '../lib/access';

/** The fields of a posted search, sent again when the language is switched on a results page. */
export type Repost = ReadonlyArray<readonly [name: string, value: string]>;

export interface LayoutProps {
  lang: Lang;
  title: string;
  /** The path the language links point at (GET pages keep their place). */
  path: string;
  /** On a results page: the posted fields, so switching language re-runs the same search. */
  repost?: Repost | undefined;
  children?: Child;
}

/** `path?lang=xx` (or `&lang=xx` after a query the path already has, such as a province chosen). */
export const withLang = (path: string, lang: Lang): string =>
  lang === 'id' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

function LangSwitch({ lang, path, repost }: Pick<LayoutProps, 'lang' | 'path' | 'repost'>) {
  const t = strings(lang);
  return (
    <div class="lang-switch" role="group" aria-label={t.languageSwitch}>
      <span aria-hidden="true">{t.languageSwitch}:</span>
      {LANGS.map((other) => {
        const name = t.languageNames[other];
        if (other === lang) {
          return (
            <span aria-current="true" lang={other}>
              {name}
            </span>
          );
        }
        if (repost) {
          // A POST, so the client's details never land in a URL when the language changes.
          return (
            <form method="post" action="/search">
              {repost.map(([field, value]) => (
                <input type="hidden" name={field} value={value} />
              ))}
              <button type="submit" name="lang" value={other} lang={other} data-lang-switch={other}>
                {name}
              </button>
            </form>
          );
        }
        return (
          <a href={withLang(path, other)} lang={other} hreflang={other} data-lang-switch={other}>
            {name}
          </a>
        );
      })}
    </div>
  );
}

/** The signed-in account and its sign-out button (a POST with the session's CSRF token). */
function Viewer({ lang }: { lang: Lang }) {
  const viewer = useContext(PageViewerContext);
  if (viewer.mode !== 'signed-in') return null;
  const t = strings(lang);
  return (
    <form class="viewer" method="post" action={withLang('/sign-out', lang)}>
      <span data-signed-in={viewer.login}>{t.signedInAs(viewer.login, viewer.role)}</span>{' '}
      <input type="hidden" name="csrf" value={viewer.csrf} />
      <button type="submit">{t.signOut}</button>
    </form>
  );
}

/** The pages of the menu, each shown to the roles it serves (all of them before signing in). */
const NAV: ReadonlyArray<{ path: string; label: (t: ReturnType<typeof strings>) => string; roles: readonly Role[] }> = [
  { path: '/', label: (t) => t.navSearch, roles: ROUTE_ROLES.recommend },
  { path: '/referrals', label: (t) => t.navReferrals, roles: ROUTE_ROLES.referrals },
  { path: '/coverage', label: (t) => t.navCoverage, roles: ROUTE_ROLES.coverage },
];

function NavLinks({ lang, path }: { lang: Lang; path: string }) {
  const viewer = useContext(PageViewerContext);
  const t = strings(lang);
  const role = viewer.mode === 'signed-in' ? (viewer.role as Role) : undefined;
  const here = path.split('?')[0]!;
  const shown = NAV.filter((item) => role === undefined || role === 'admin' || item.roles.includes(role));
  return (
    <ul>
      {shown.map((item) => (
        <li>
          <a
            href={withLang(item.path, lang)}
            aria-current={item.path === here || (item.path !== '/' && here.startsWith(`${item.path}/`)) ? 'page' : undefined}
          >
            {item.label(t)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Every page of the open demo mode says so, above everything else. */
function OpenDemoBanner({ lang }: { lang: Lang }) {
  const viewer = useContext(PageViewerContext);
  if (viewer.mode !== 'open') return null;
  return (
    <p class="banner" role="status" data-open-demo="true">
      {strings(lang).openDemoBanner}
    </p>
  );
}

/** The page shell: header with navigation and language switch, main, footer. */
export function Layout({ lang, title, path, repost, children }: LayoutProps) {
  const t = strings(lang);
  return (
    <>
      {html`<!DOCTYPE html>`}
      <html lang={t.htmlLang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${title} · ${t.appName}`}</title>
          <link rel="stylesheet" href="/assets/app.css" />
        </head>
        <body>
          <a class="skip" href="#main">
            {t.skipToContent}
          </a>
          <OpenDemoBanner lang={lang} />
          <header class="site">
            <div class="inner">
              <a class="brand" href={withLang('/', lang)}>
                {t.appName}
              </a>
              <nav aria-label={t.appName}>
                <NavLinks lang={lang} path={path} />
              </nav>
              <LangSwitch lang={lang} path={path} repost={repost} />
              <Viewer lang={lang} />
            </div>
          </header>
          <main id="main" class="inner" tabindex={-1}>
            {children}
          </main>
          <footer class="site">
            <div class="inner">
              <p>{t.footer}</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
