import type { Context, Handler } from 'hono';
import { DEFAULT_SERVICE_RADIUS_KM } from '@pokmas/matcher';
import { APP_CSS } from '../../assets/app-css';
import type { AppBindings } from '../../lib/types';
import { CoveragePage } from '../../views/coverage';
import { EMPTY_FORM, type FormErrors } from '../../views/form';
import { FORM_FIELDS, parseLang, strings, type BodyError, type Lang } from '../../views/i18n';
import { Layout } from '../../views/layout';
import { Notice } from '../../views/notice';
import { NotFound, PartnerPage } from '../../views/partner';
import { SearchPage } from '../../views/search-page';
import { bapasCoverage } from '../coverage/coverage.data';
import { readFormBody } from './web.body';
import { formChoices, matchViews, partnerNames, placeNames } from './web.data';
import { formEntries, lastValue, readForm, toClient } from './web.form';

type WebHandler = Handler<AppBindings>;

/** How many partners a search lists. */
export const RESULTS_LIMIT = 10;

const queryLang = (c: Context<AppBindings>): Lang => parseLang(c.req.query('lang'));

/**
 * Everything a page loads comes from the app itself: the browser is told so, and refuses the
 * rest. Inline `style` attributes draw the score bars; there are no scripts at all.
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

type Html = Parameters<Context<AppBindings>['html']>[0];

/**
 * Sends a page with its security policy. `private` pages carry a client's details and must
 * never be kept by a browser or a proxy.
 */
function page(
  c: Context<AppBindings>,
  body: Html,
  { status = 200, private: isPrivate = false }: { status?: 200 | 400 | 401 | 404 | 415 | 422; private?: boolean } = {},
) {
  c.header('Content-Security-Policy', PAGE_CSP);
  if (isPrivate) c.header('Cache-Control', 'no-store');
  return c.html(body, status);
}

/** `GET /`: the empty form. */
export const form: WebHandler = (c) => {
  const lang = queryLang(c);
  return page(c, <SearchPage lang={lang} values={EMPTY_FORM} errors={{}} {...formChoices(c.var.directory)} />);
};

/**
 * `POST /search`: the form parsed into a client, located, matched and rendered. Invalid input
 * re-renders the form as sent with the messages beside the fields, status 422. Nothing about
 * the client is stored or logged, and the answer is `no-store`. A body that is not a form the
 * page can read answers 415 or 400, with a page saying what to do.
 */
export const search: WebHandler = async (c) => {
  const read = await readFormBody(c.req);
  if (!read.success) return bodyError(c, read.error);
  const body = read.body;
  const lang = parseLang(lastValue(body, 'lang'));
  const values = readForm(body);
  const { registry, directory } = c.var;
  const outcome = toClient(values, directory);
  const choices = formChoices(directory);

  if (!outcome.success) {
    const t = strings(lang);
    const errors: FormErrors = Object.fromEntries(
      FORM_FIELDS.filter((field) => outcome.fields.includes(field)).map((field) => [field, t.errors[field]]),
    );
    return page(c, <SearchPage lang={lang} values={values} errors={errors} {...choices} />, { status: 422, private: true });
  }

  const recommendation = registry.matcher.recommend(outcome.located.client, { lang, limit: RESULTS_LIMIT });
  return page(
    c,
    <SearchPage
      lang={lang}
      values={values}
      errors={{}}
      {...choices}
      results={{
        located: outcome.located,
        placeNames: placeNames(outcome.located, directory),
        matches: matchViews(recommendation, registry, directory),
        excluded: recommendation.excluded,
      }}
      repost={formEntries(values)}
    />,
    { private: true },
  );
};

const BODY_ERROR_STATUS = { 'unsupported-media-type': 415, unreadable: 400 } as const satisfies Record<BodyError, 400 | 415>;

/**
 * A body that is not a form the page can read: a page saying so, in the language of the query
 * (the body's own `lang` is unreadable), never a 5xx.
 */
function bodyError(c: Context<AppBindings>, error: BodyError) {
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
      <PartnerPage lang={lang} {...names} defaultServiceRadiusKm={DEFAULT_SERVICE_RADIUS_KM} />
    </Layout>,
  );
};

/**
 * `GET /coverage`: the links to the map and the CSV, at the page's own addresses (a browser
 * sends the page's Basic key there, never the API's bearer key), and the summaries, from the
 * same data as `GET /v1/coverage`.
 */
export const coveragePage: WebHandler = async (c) => {
  const lang = queryLang(c);
  const { summary, groups } = await bapasCoverage(c.var.registry, c.var.directory, c.var.workers);
  return page(
    c,
    <Layout lang={lang} title={strings(lang).coverageTitle} path="/coverage">
      <CoveragePage lang={lang} summary={summary} groups={groups} mapUrl="/coverage/map.svg" dataUrl="/coverage.csv" />
    </Layout>,
  );
};

/**
 * The answer to a page asked for without a key, when the server has API_KEYS: what to do, in
 * the query's language. `basicAuth` adds the challenge, so the browser prompts by itself.
 */
export const unauthorized = (c: Context<AppBindings>) => {
  const lang = queryLang(c);
  const { title, message } = strings(lang).authRequired;
  return page(
    c,
    <Layout lang={lang} title={title} path={c.req.method === 'GET' ? c.req.path : '/'}>
      <Notice lang={lang} title={title} message={message} />
    </Layout>,
    { status: 401, private: true },
  );
};

/** `GET /assets/app.css`: the one stylesheet, served by the app itself. */
export const stylesheet: WebHandler = (c) => {
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(APP_CSS);
};
