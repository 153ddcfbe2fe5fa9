import type { Context, Handler } from 'hono';
import { DEFAULT_SERVICE_RADIUS_KM } from '@pokmas/matcher';
import { APP_CSS } from '../../assets/app-css';
import { allows, rolesNeeded, ROUTE_ROLES, type Need } from '../../lib/access';
import type { AppBindings } from '../../lib/types';
import { CoveragePage } from '../../views/coverage';
import { EMPTY_FORM, type FormErrors, type SearchFormValues } from '../../views/form';
import type { ReferState } from '../../views/refer-form';
import type { LocatedClient } from '../../lib/locate';
import { FORM_FIELDS, parseLang, strings, type BodyError, type FormField, type Lang } from '../../views/i18n';
import { Layout, withLang } from '../../views/layout';
import { Notice } from '../../views/notice';
import { NotFound, PartnerPage } from '../../views/partner';
import { SearchPage } from '../../views/search-page';
import { coveragePageProps } from '../coverage/coverage.page';
import { readFormBody } from './web.body';
import { formChoices, matchViews, needSummary, partnerNames, placeNames } from './web.data';
import { formEntries, lastValue, readForm, toClient, type FormBody } from './web.form';
import { page } from './web.page';
import { searchOwner } from './web.session';
import { isSearchId, type SavedSearches } from '../../lib/saved-searches';

type WebHandler = Handler<AppBindings>;

/** How many partners a search lists. */
export const RESULTS_LIMIT = 10;
/** How many matches the summary by need counts at most ("500 or more"). */
export const SUMMARY_LIMIT = 500;

const queryLang = (c: Context<AppBindings>): Lang => parseLang(c.req.query('lang'));

/** `GET /`: the empty form. */
export const form: WebHandler = (c) => {
  const lang = queryLang(c);
  // A partner's work is its inbox of referrals: it starts there.
  if (c.var.principal.role === 'partner') return c.redirect(withLang('/referrals', lang), 303);
  const refused = forbidden(c, lang, { roles: ROUTE_ROLES.recommend });
  if (refused) return refused;
  // A counsellor works for one Bapas: the form starts with it chosen.
  const values = { ...EMPTY_FORM, bapasId: c.var.principal.bapasId ?? '' };
  return page(c, <SearchPage lang={lang} values={values} errors={{}} {...formChoices(c.var.directory)} />);
};

/**
 * A page the principal's role does not cover: 403 with a page naming the roles it needs (a
 * planner signs in and finds the coverage page in the menu); undefined when allowed.
 */
export function forbidden(c: Context<AppBindings>, lang: Lang, need: Need) {
  if (allows(c.var.principal, need)) return undefined;
  const { title, message } = strings(lang).forbidden(rolesNeeded(need));
  return page(
    c,
    <Layout lang={lang} title={title} path={c.req.method === 'GET' ? c.req.path : '/'}>
      <Notice lang={lang} title={title} message={message} />
    </Layout>,
    { status: 403, private: true },
  );
}

/**
 * `POST /search`: the form parsed into a client, located and checked. Invalid input re-renders
 * the form as sent with the messages beside the fields, status 422 (its language switch posts
 * the input again). A valid search is held for its owner (`SavedSearches`) and answered with 303
 * to its results' own address, `/results/{id}`, so Back and reload never resubmit and no client
 * detail is in a URL. A body that is not a form the page can read answers 415 or 400.
 */
export function search(searches: SavedSearches<SearchFormValues>): WebHandler {
  return async (c) => {
    const read = await readFormBody(c.req);
    if (!read.success) return bodyError(c, read.error);
    const body = read.body;
    const lang = parseLang(lastValue(body, 'lang'));
    const refused = forbidden(c, lang, { roles: ROUTE_ROLES.recommend });
    if (refused) return refused;
    const { values, outcome } = readSearch(c, body);
    if (!outcome.success) return showFormErrors(c, lang, values, outcome.fields);
    const owner = searchOwner(c);
    if (owner === undefined) return showResults(c, lang, values, outcome.located);
    c.header('Cache-Control', 'no-store');
    return c.redirect(withLang(`/results/${searches.save(owner, values)}`, lang), 303);
  };
}

/**
 * `GET /results/{id}`: a saved search's results, computed afresh (places taken since show), for
 * its owner only; an id unknown, forgotten (30 minutes) or another's is a 404 page that says so.
 */
export function results(searches: SavedSearches<SearchFormValues>): WebHandler {
  return (c) => {
    const lang = queryLang(c);
    const refused = forbidden(c, lang, { roles: ROUTE_ROLES.recommend });
    if (refused) return refused;
    const id = c.req.param('id') ?? '';
    const owner = searchOwner(c);
    const values = owner === undefined ? undefined : searches.get(owner, id);
    const outcome = values === undefined ? undefined : toClient(values, c.var.directory);
    if (!values || !outcome?.success) {
      const { title, message } = strings(lang).resultsGone;
      return page(
        c,
        <Layout lang={lang} title={title} path="/">
          <Notice lang={lang} title={title} message={message} />
        </Layout>,
        { status: 404, private: true },
      );
    }
    return showResults(c, lang, values, outcome.located, { resultsId: id });
  };
}

/**
 * The search a form sent (the search form, or a referral form that carries it): its values as
 * sent and the client they make. The signed-in counsellor's own Bapas stands in when the form
 * names none, so that the own-Bapas factor is known even when only a regency or coordinates are given.
 */
export function readSearch(c: Context<AppBindings>, body: FormBody) {
  const sent = readForm(body);
  const ownBapas = c.var.principal.bapasId;
  const values = sent.bapasId === '' && ownBapas !== undefined ? { ...sent, bapasId: ownBapas } : sent;
  return { values, outcome: toClient(values, c.var.directory) };
}

/** The form as sent, with the messages beside the fields at fault: 422. */
export function showFormErrors(c: Context<AppBindings>, lang: Lang, values: SearchFormValues, fields: readonly FormField[]) {
  const t = strings(lang);
  const errors: FormErrors = Object.fromEntries(
    FORM_FIELDS.filter((field) => fields.includes(field)).map((field) => [field, t.errors[field]]),
  );
  return page(
    c,
    <SearchPage lang={lang} values={values} errors={errors} {...formChoices(c.var.directory)} repost={formEntries(values)} />,
    {
      status: 422,
      private: true,
    },
  );
}

/**
 * The results of a valid search, with the form kept filled in below. Where the viewer may
 * refer, each match offers the referral form; `referral` is the last one sent, when refused.
 */
export function showResults(
  c: Context<AppBindings>,
  lang: Lang,
  values: SearchFormValues,
  located: LocatedClient,
  referral: { state?: ReferState; alert?: string; status?: 409 | 422; resultsId?: string | undefined } = {},
) {
  const { registry, directory } = c.var;
  // One search for the list and for the summary by need: every match up to the cap, the best shown.
  const recommendation = registry.matcher.recommend(located.client, { lang, limit: SUMMARY_LIMIT });
  const shown = { ...recommendation, matches: recommendation.matches.slice(0, RESULTS_LIMIT) };
  const repost = formEntries(values);
  return page(
    c,
    <SearchPage
      lang={lang}
      values={values}
      errors={{}}
      {...formChoices(directory)}
      results={{
        located,
        placeNames: placeNames(located, directory),
        matches: matchViews(shown, registry, directory),
        needs: needSummary(located.client, recommendation.matches, registry, recommendation.matches.length === SUMMARY_LIMIT),
        computedAt: new Date(c.var.referrals.now()).toISOString(),
        excluded: recommendation.excluded,
        refer: allows(c.var.principal, { roles: ROUTE_ROLES.refer })
          ? { repost, state: referral.state, resultsId: referral.resultsId }
          : undefined,
        referAlert: referral.alert,
        resultsId: referral.resultsId,
      }}
      // With an address of their own, the results switch language by a link; else by posting the search again.
      {...(referral.resultsId ? { path: `/results/${referral.resultsId}` } : { repost })}
    />,
    { private: true, status: referral.status ?? 200 },
  );
}

const BODY_ERROR_STATUS = { 'unsupported-media-type': 415, unreadable: 400 } as const satisfies Record<BodyError, 400 | 415>;

/**
 * A body that is not a form the page can read: a page saying so, in the language of the query
 * (the body's own `lang` is unreadable), never a 5xx.
 */
export function bodyError(c: Context<AppBindings>, error: BodyError) {
  const lang = queryLang(c);
  const { title, message } = strings(lang).bodyErrors[error];
  return page(
    c,
    <Layout lang={lang} title={title} path="/">
      <Notice lang={lang} title={title} message={message} />
    </Layout>,
    { status: BODY_ERROR_STATUS[error], private: true },
  );
}

/** `GET /search` (a reload or a bookmark of the results): back to the form, nothing to show. */
export const searchByGet: WebHandler = (c) => c.redirect(queryLang(c) === 'id' ? '/' : `/?lang=${queryLang(c)}`, 303);

/** The results page a partner was opened from (an id of ours, never any other path). */
const resultsPath = (from: string | undefined): string | undefined => (isSearchId(from) ? `/results/${from}` : undefined);

/** `GET /partners/:id`: a partner's offerings, capacity and contact; 404 for an unknown id. */
export const partner: WebHandler = (c) => {
  const lang = queryLang(c);
  const t = strings(lang);
  const id = c.req.param('id') ?? '';
  const names = partnerNames(c.var.registry, c.var.directory, id);
  if (!names) {
    return page(
      c,
      <Layout lang={lang} title={t.notFoundTitle} path={c.req.path}>
        <NotFound lang={lang} message={t.partnerNotFound} />
      </Layout>,
      { status: 404 },
    );
  }
  return page(
    c,
    <Layout lang={lang} title={names.partner.name} path={c.req.path}>
      <PartnerPage lang={lang} {...names} defaultServiceRadiusKm={DEFAULT_SERVICE_RADIUS_KM} backTo={resultsPath(c.req.query('from'))} />
    </Layout>,
  );
};

/**
 * `GET /coverage` (`?province=32` for one province): the map, the gaps and the summaries, from
 * the same data as `GET /v1/coverage`, and links to the map and the CSV at the page's own
 * addresses (a browser sends the page's session cookie there, never the API's bearer token).
 */
export const coveragePage: WebHandler = async (c) => {
  const lang = queryLang(c);
  const refused = forbidden(c, lang, { roles: ROUTE_ROLES.coverage });
  if (refused) return refused;
  const props = await coveragePageProps(c.var, lang, c.req.query('province'));
  return page(
    c,
    <Layout
      lang={lang}
      title={strings(lang).coverageTitle}
      // The language switch keeps the province chosen.
      path={props.province ? `/coverage?province=${encodeURIComponent(props.province.code)}` : '/coverage'}
    >
      <CoveragePage {...props} />
    </Layout>,
  );
};

/** `GET /assets/app.css`: the one stylesheet, served by the app itself. */
export const stylesheet: WebHandler = (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(APP_CSS);
};
