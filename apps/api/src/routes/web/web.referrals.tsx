import { EXCLUSION_LABELS, IdSchema, MISSING_LABELS, type ExclusionReason, type MissingReason } from '@pokmas/matcher';
import {
  MAX_NOTE_LENGTH,
  OUTCOME_RESULTS,
  REFERRAL_STATUS_LABELS,
  REFERRAL_STATUSES,
  mayMove,
  transitionFor,
  type OutcomeResult,
  type Referral,
  type ReferralMove,
  type ReferralReason,
  type ReferralStatus,
} from '@pokmas/store';
import type { Context, Handler } from 'hono';
import { allows, ROUTE_ROLES } from '../../lib/access';
import { ProblemError } from '../../lib/problem';
import { isSearchId } from '../../lib/saved-searches';
import { makeReferral, moveReferral, scopeOf, visibleReferral } from '../../lib/referrals';
import type { AppBindings } from '../../lib/types';
import { MOVE_FIELDS, parseLang, strings, type Lang, type MoveField, type ReferField } from '../../views/i18n';
import { Layout, withLang } from '../../views/layout';
import { NotFound } from '../../views/partner';
import type { ReferState } from '../../views/refer-form';
import { ReferralLetter, ReferralList, ReferralPage, type MoveOffer, type ReferralView } from '../../views/referrals';
import { readFormBody } from './web.body';
import { all, lastValue, type FormBody } from './web.form';
import { bodyError, forbidden, readSearch, showFormErrors, showResults } from './web.handlers';
import { page } from './web.page';
import { csrfFailed, formFromThisSite } from './web.session';

type WebHandler = Handler<AppBindings>;

/** How many referrals a page of the list shows. */
export const REFERRALS_PAGE_SIZE = 25;

const queryLang = (c: Context<AppBindings>): Lang => parseLang(c.req.query('lang'));

/** An NIK (the national identity number) is 16 digits: a pseudonym must never be one. */
const LOOKS_LIKE_NIK = /^\d{16}$/;

/** The referral form's own fields, checked before anything else, every fault at once. */
function readReferForm(body: FormBody, lang: Lang): ReferState {
  const t = strings(lang).refer.errors;
  const clientRef = lastValue(body, 'clientRef');
  const services = [...new Set(all(body, 'service'))];
  const note = lastValue(body, 'note');
  const errors: Partial<Record<ReferField, string>> = {};
  if (LOOKS_LIKE_NIK.test(clientRef)) errors.clientRef = t.clientRefLooksLikeNik;
  else if (!IdSchema.safeParse(clientRef).success) errors.clientRef = t.clientRef;
  if (services.length === 0) errors.services = t.services;
  if (note.length > MAX_NOTE_LENGTH) errors.note = t.note;
  return { partnerId: lastValue(body, 'partnerId'), clientRef, services, note, errors };
}

/** A refusal of the referral, in the counsellor's words: the last place, a change, or the rule. */
function refusalText(error: ProblemError, lang: Lang): string {
  const t = strings(lang).refer;
  const code = error.extras.code;
  if (code === 'no-capacity') return t.noCapacity;
  if (code === 'partner-changed') return t.partnerChanged;
  if (code !== undefined && code in EXCLUSION_LABELS) return t.refused(EXCLUSION_LABELS[code as ExclusionReason][lang]);
  if (code === 'service-not-met') {
    const reason = error.extras.issues?.[0]?.code;
    return t.refused(reason !== undefined && reason in MISSING_LABELS ? MISSING_LABELS[reason as MissingReason][lang] : error.detail);
  }
  return t.refused(error.detail);
}

/**
 * `POST /referrals`: "Rujuk" on a match. The form carries the search, so that every refusal
 * shows the results again, up to date, with the reason above them and the form kept open on
 * its match: the last place just taken (409), a rule that refuses the pair (422), a field at
 * fault (422). A referral made answers 303 to its page, which says its number.
 */
export const refer: WebHandler = async (c) => {
  const read = await readFormBody(c.req);
  if (!read.success) return bodyError(c, read.error);
  const body = read.body;
  const lang = parseLang(lastValue(body, 'lang'));
  if (!formFromThisSite(c, lastValue(body, 'csrf'))) return csrfFailed(c, lang);
  const { values, outcome } = readSearch(c, body);
  const bapasId = outcome.success ? outcome.located.client.bapasId : undefined;
  const refused = forbidden(c, lang, { roles: ROUTE_ROLES.refer, ...(bapasId === undefined ? {} : { bapasId }) });
  if (refused) return refused;
  if (!outcome.success) return showFormErrors(c, lang, values, outcome.fields);
  const state = readReferForm(body, lang);
  const sentResults = lastValue(body, 'results');
  const resultsId = isSearchId(sentResults) ? sentResults : undefined;
  if (Object.keys(state.errors).length > 0) return showResults(c, lang, values, outcome.located, { state, status: 422, resultsId });
  try {
    const referral = await makeReferral(c, {
      client: { ...outcome.located.client, id: state.clientRef },
      partnerId: state.partnerId,
      services: state.services,
      ...(state.note === '' ? {} : { note: state.note }),
    });
    return c.redirect(`${referralHref(referral.id, lang)}${lang === 'id' ? '?' : '&'}made=1`, 303);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const status = error.kind === 'conflict' ? 409 : 422;
    return showResults(c, lang, values, outcome.located, {
      state: { ...state, errors: {} },
      alert: refusalText(error, lang),
      status,
      resultsId,
    });
  }
};

const referralHref = (id: string, lang: Lang) => withLang(`/referrals/${encodeURIComponent(id)}`, lang);

/** The names a referral is shown with. */
function viewOf(c: Context<AppBindings>, referral: Referral): ReferralView {
  return {
    referral,
    partnerName: c.var.registry.byId.get(referral.partnerId)?.name ?? referral.partnerId,
    bapasName: c.var.directory.getBapas(referral.bapasId)?.name ?? referral.bapasId,
  };
}

const isStatus = (value: string | undefined): value is ReferralStatus =>
  value !== undefined && (REFERRAL_STATUSES as readonly string[]).includes(value);

/**
 * `GET /referrals`: a counsellor's and a bapas-admin's view of their Bapas's referrals, a
 * partner's inbox, an admin's every referral; newest first, filtered by status, a page at a time.
 */
export const list: WebHandler = async (c) => {
  const lang = queryLang(c);
  const refused = forbidden(c, lang, { roles: ROUTE_ROLES.referrals });
  if (refused) return refused;
  const principal = c.var.principal;
  const status = isStatus(c.req.query('status')) ? (c.req.query('status') as ReferralStatus) : undefined;
  const cursor = c.req.query('cursor');
  const query = { filters: { ...scopeOf(principal), ...(status && { status }) }, limit: REFERRALS_PAGE_SIZE };
  // A cursor that is not one of ours (an edited address) starts from the newest.
  const found = await c.var.store.listReferrals({ ...query, ...(cursor ? { cursor } : {}) }).catch(() => c.var.store.listReferrals(query));
  const nextHref = found.nextCursor
    ? `/referrals?${new URLSearchParams({ ...(status && { status }), cursor: found.nextCursor, ...(lang !== 'id' && { lang }) })}`
    : undefined;
  const scope = principal.role === 'partner' ? 'partner' : principal.role === 'admin' ? 'all' : 'bapas';
  return page(
    c,
    <Layout lang={lang} title={strings(lang).referrals.title} path="/referrals">
      <ReferralList
        lang={lang}
        scope={scope}
        status={status}
        referrals={found.referrals.map((each) => viewOf(c, each))}
        nextHref={nextHref}
      />
    </Layout>,
    { private: true },
  );
};

/** The moves the viewer may make from the referral's status (never the system's own). */
function movesFor(
  c: Context<AppBindings>,
  referral: Referral,
  sent?: { to: ReferralStatus; values: Record<string, string>; errors: Partial<Record<MoveField, string>> },
): MoveOffer[] {
  const role = c.var.principal.role;
  return REFERRAL_STATUSES.flatMap((to) => {
    const transition = transitionFor(referral.status, to);
    if (!transition || !mayMove(role, transition) || transition.who.includes('system')) return [];
    return [{ transition, ...(sent?.to === to ? { sent: { values: sent.values, errors: sent.errors } } : {}) }];
  });
}

function notFoundPage(c: Context<AppBindings>, lang: Lang) {
  const t = strings(lang);
  return page(
    c,
    <Layout lang={lang} title={t.notFoundTitle} path="/referrals">
      <NotFound lang={lang} message={t.referrals.notFound} />
    </Layout>,
    { status: 404, private: true },
  );
}

/** The referral's page, with what just happened or why the last move was refused. */
function showReferral(
  c: Context<AppBindings>,
  lang: Lang,
  referral: Referral,
  extra: {
    notice?: { kind: 'done' | 'refused'; text: string };
    sent?: Parameters<typeof movesFor>[2];
    status?: 200 | 403 | 409 | 422;
  } = {},
) {
  const view = viewOf(c, referral);
  return page(
    c,
    <Layout lang={lang} title={`${strings(lang).referrals.title} ${referral.number}`} path={`/referrals/${referral.id}`}>
      <ReferralPage
        lang={lang}
        view={view}
        partner={c.var.registry.byId.get(referral.partnerId)}
        moves={movesFor(c, referral, extra.sent)}
        notice={extra.notice}
        referring={c.var.principal.role !== 'partner'}
      />
    </Layout>,
    { private: true, status: extra.status ?? 200 },
  );
}

/** Reads a referral in the viewer's scope; a 403 page for a role that sees none, 404 for one outside the scope. */
async function readReferral(c: Context<AppBindings>, lang: Lang): Promise<Referral | Response> {
  const refused = forbidden(c, lang, { roles: ROUTE_ROLES.referrals });
  if (refused) return refused;
  try {
    return (await visibleReferral(c, c.req.param('id') ?? '')).referral;
  } catch (error) {
    if (error instanceof ProblemError && error.kind === 'not-found') return notFoundPage(c, lang);
    throw error;
  }
}

/** `GET /referrals/{id}`: the referral, its history and the viewer's moves. */
export const detail: WebHandler = async (c) => {
  const lang = queryLang(c);
  const referral = await readReferral(c, lang);
  if (referral instanceof Response) return referral;
  const t = strings(lang).referrals;
  const moved = c.req.query('moved');
  const notice =
    c.req.query('made') === '1' && referral.history.length > 0
      ? { kind: 'done' as const, text: t.madeNotice(referral.number) }
      : isStatus(moved) && moved === referral.status
        ? { kind: 'done' as const, text: t.movedNotice(REFERRAL_STATUS_LABELS[moved][lang]) }
        : undefined;
  return showReferral(c, lang, referral, notice ? { notice } : {});
};

/** The move's form as sent: every fault at once, or the move to ask of the store. */
function readMoveForm(body: FormBody, referral: Referral, to: ReferralStatus, lang: Lang) {
  const t = strings(lang).referrals.moveErrors;
  const transition = transitionFor(referral.status, to);
  const values: Record<string, string> = {};
  for (const name of ['reason', 'note', 'sessionsAttended', ...referral.services.map((service) => `outcome-${service}`)]) {
    values[name] = lastValue(body, name);
  }
  const errors: Partial<Record<MoveField, string>> = {};
  const move: { -readonly [K in keyof Omit<ReferralMove, 'as'>]: Omit<ReferralMove, 'as'>[K] } = { to };
  if (transition?.reasons) {
    if ((transition.reasons as readonly string[]).includes(values.reason!)) move.reason = values.reason as ReferralReason;
    else errors.reason = t.reason;
  }
  if (transition?.outcome) {
    const results = referral.services.map((service) => ({ service, result: values[`outcome-${service}`]! }));
    const sessions = values.sessionsAttended!;
    if (results.some(({ result }) => !(OUTCOME_RESULTS as readonly string[]).includes(result))) errors.outcome = t.outcome;
    if (sessions !== '' && !/^\d{1,5}$/.test(sessions)) errors.sessionsAttended = t.sessionsAttended;
    move.outcome = {
      services: results.map(({ service, result }) => ({ service, result: result as OutcomeResult })),
      ...(sessions !== '' && /^\d{1,5}$/.test(sessions) ? { sessionsAttended: Number(sessions) } : {}),
    };
  }
  if (values.note!.length > MAX_NOTE_LENGTH) errors.note = t.note;
  else if (values.note !== '') move.note = values.note!;
  return { values, errors: MOVE_FIELDS.some((field) => errors[field]) ? errors : undefined, move };
}

/**
 * `POST /referrals/{id}/transitions`: one move, from a form on the referral's page, at the
 * version the page showed. A stale page, a move no longer allowed, or a field at fault shows the
 * referral as it is now with the reason; a move made answers 303 to the referral's page.
 */
export const move: WebHandler = async (c) => {
  const read = await readFormBody(c.req);
  if (!read.success) return bodyError(c, read.error);
  const body = read.body;
  const lang = queryLang(c);
  if (!formFromThisSite(c, lastValue(body, 'csrf'))) return csrfFailed(c, lang);
  const referral = await readReferral(c, lang);
  if (referral instanceof Response) return referral;
  const t = strings(lang).referrals;
  const to = lastValue(body, 'to');
  const version = Number(lastValue(body, 'version'));
  if (!isStatus(to)) return showReferral(c, lang, referral, { notice: { kind: 'refused', text: t.invalidMove }, status: 422 });
  const form = readMoveForm(body, referral, to, lang);
  if (form.errors) return showReferral(c, lang, referral, { sent: { to, values: form.values, errors: form.errors }, status: 422 });
  try {
    const moved = await moveReferral(c, referral.id, form.move, (current) => (current.version === version ? version : undefined));
    const separator = lang === 'id' ? '?' : '&';
    return c.redirect(`${referralHref(moved.id, lang)}${separator}moved=${moved.status}`, 303);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const current = (await c.var.store.getReferral(referral.id)) ?? referral;
    const sent = { to, values: form.values, errors: {} };
    if (error.kind === 'precondition-failed')
      return showReferral(c, lang, current, { notice: { kind: 'refused', text: t.stale }, status: 409 });
    if (error.kind === 'forbidden')
      return showReferral(c, lang, current, { notice: { kind: 'refused', text: t.forbiddenMove }, status: 403 });
    if (error.kind === 'conflict') return showReferral(c, lang, current, { notice: { kind: 'refused', text: t.invalidMove }, status: 409 });
    return showReferral(c, lang, current, { sent, notice: { kind: 'refused', text: error.detail }, status: 422 });
  }
};

/** `GET /referrals/{id}/letter`: the printable referral letter, for the referring side. */
export const letter: WebHandler = async (c) => {
  const lang = queryLang(c);
  const referral = await readReferral(c, lang);
  if (referral instanceof Response) return referral;
  if (!allows(c.var.principal, { roles: ['counsellor', 'bapas-admin'] })) return notFoundPage(c, lang);
  return page(
    c,
    <Layout lang={lang} title={`${strings(lang).letter.title} ${referral.number}`} path={`/referrals/${referral.id}/letter`}>
      <ReferralLetter lang={lang} view={viewOf(c, referral)} partner={c.var.registry.byId.get(referral.partnerId)} />
    </Layout>,
    { private: true },
  );
};
