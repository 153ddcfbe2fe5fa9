import {
  DEFAULT_CLIENT_MODES,
  DEFAULT_PRIORITY,
  EXCLUSION_LABELS,
  FACTOR_LABELS,
  LABELS,
  MISSING_LABELS,
  type Exclusion,
  type FactorResult,
  type Lang,
  type Match,
  type Partner,
  type ServiceId,
} from '@pokmas/matcher';
import type { LocatedClient } from '../lib/locate';
import { formatDate, formatNumber, serviceLabel, strings } from './i18n';
import { withLang } from './layout';
import { ReferForm, type ReferOffer } from './refer-form';

/** One match with what the page shows beside it: the partner itself and its Bapas and POKMAS names. */
export interface MatchView {
  match: Match;
  partner: Partner;
  bapasName: string;
  pokmasName?: string | undefined;
}

/** One need of the summary above the matches. */
export interface NeedSummaryRow {
  readonly service: ServiceId;
  /** Partners in reach that meet it, counted up to the search's cap. */
  readonly count: number;
  /** The count stopped at the cap: there may be more. */
  readonly capped: boolean;
  readonly best?: { readonly partnerId: string; readonly name: string };
}

/** The names the directory gives the client's regency and Bapas, for those the client has. */
export interface PlaceNames {
  regency?: string | undefined;
  bapas?: string | undefined;
}

export interface ResultsProps {
  lang: Lang;
  /** What was searched for, as located, printed above the matches (the form itself is not printed). */
  located: LocatedClient;
  placeNames: PlaceNames;
  matches: readonly MatchView[];
  excluded: readonly Exclusion[];
  /** Present when the viewer may refer: each match offers the referral form. */
  refer?: ReferOffer | undefined;
  /** Why the last referral was not made (the last place taken, a rule), above the matches. */
  referAlert?: string | undefined;
  /** The id of the saved search these results answer (their address is `/results/{id}`). */
  resultsId?: string | undefined;
  /** Each need: how many partners in reach meet it, and the best; needs nobody meets first. */
  needs: readonly NeedSummaryRow[];
  /** When the results were computed (ISO 8601), printed with them. */
  computedAt: string;
}

/**
 * Where the client is, in words, from what the client was located by: the coordinates (and the
 * regency, when given), the regency (and the Bapas, when given), or the Bapas.
 */
function placeText({ client, location }: LocatedClient, names: PlaceNames, lang: Lang): string {
  switch (location.source) {
    case 'coordinates': {
      // A located client always carries the point it is measured from: here, the one given.
      const point = [client.location!.lat, client.location!.lon].map((value) => formatNumber(value, lang, 5)).join(' / ');
      return names.regency ? `${point} (${names.regency})` : point;
    }
    case 'regency':
      return [names.regency, names.bapas].filter(Boolean).join(' · ');
    case 'bapas':
      return names.bapas ?? '';
  }
}

/** The search in a few lines, so that a printout says what it answers. */
function Criteria({ lang, located, placeNames }: { lang: Lang; located: LocatedClient; placeNames: PlaceNames }) {
  const t = strings(lang);
  const c = t.criteria;
  const { client } = located;
  const rows: Array<[string, string]> = [
    [
      c.needs,
      client.needs.map((need) => `${serviceLabel(need.service, lang)} (${c.priority(need.priority ?? DEFAULT_PRIORITY)})`).join(', '),
    ],
    [c.location, placeText(located, placeNames, lang)],
    ...(client.ageGroup ? [[c.ageGroup, LABELS.ageGroup[client.ageGroup][lang]] as [string, string]] : []),
    ...(client.gender ? [[c.gender, LABELS.gender[client.gender][lang]] as [string, string]] : []),
    ...(client.religion ? [[c.religion, LABELS.religion[client.religion][lang]] as [string, string]] : []),
    ...(client.maxDistanceKm !== undefined ? [[c.maxDistance, t.km(formatNumber(client.maxDistanceKm, lang))] as [string, string]] : []),
    [c.modes, (client.modes ?? DEFAULT_CLIENT_MODES).map((mode) => LABELS.mode[mode][lang]).join(', ')],
  ];
  return (
    <>
      <h3 id="criteria-title">{c.title}</h3>
      <dl class="facts criteria" aria-labelledby="criteria-title">
        {rows.map(([term, value]) => (
          <>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
    </>
  );
}

const percent = (value: number) => Math.round(value * 100);

/** The score as a stacked bar of factor contributions, with the same numbers as a table. */
function ScoreBreakdown({ lang, score, factors }: { lang: Lang; score: number; factors: readonly FactorResult[] }) {
  const t = strings(lang);
  return (
    <div class="score-block">
      <p class="score">{t.scoreOf(String(percent(score)))}</p>
      <div class="bar" aria-hidden="true">
        {factors.map((factor) => (
          <span
            class={`f-${factor.id}`}
            style={`width:${(factor.contribution * 100).toFixed(1)}%`}
            title={FACTOR_LABELS[factor.id][lang]}
          />
        ))}
      </div>
      <table class="factors">
        <caption class="visually-hidden">{t.factorsTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.factor}</th>
            <th scope="col" class="num">
              {t.factorValue}
            </th>
            <th scope="col" class="num">
              {t.factorWeight}
            </th>
            <th scope="col" class="num">
              {t.factorContribution}
            </th>
          </tr>
        </thead>
        <tbody>
          {factors.map((factor) => (
            <tr>
              <th scope="row">
                <span class={`swatch f-${factor.id}`} aria-hidden="true" />
                {FACTOR_LABELS[factor.id][lang]}
              </th>
              <td class="num">{percent(factor.value)}</td>
              <td class="num">{percent(factor.weight)}%</td>
              <td class="num">{formatNumber(factor.contribution * 100, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A partner's contact details, with phone and email as links a click can use. */
export function ContactDetails({ lang, partner }: { lang: Lang; partner: Partner }) {
  const t = strings(lang);
  const contact = partner.contact;
  if (!contact || !(contact.person || contact.phone || contact.email || contact.address)) {
    return <p>{t.noContact}</p>;
  }
  return (
    <dl class="facts">
      {contact.person ? (
        <>
          <dt>{t.contactPerson}</dt>
          <dd>{contact.person}</dd>
        </>
      ) : null}
      {contact.phone ? (
        <>
          <dt>{t.phone}</dt>
          <dd>
            <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a>
          </dd>
        </>
      ) : null}
      {contact.email ? (
        <>
          <dt>{t.email}</dt>
          <dd>
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </dd>
        </>
      ) : null}
      {contact.address ? (
        <>
          <dt>{t.address}</dt>
          <dd>{contact.address}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Whether every need the partner meets is met remotely only: then the distance does not matter. */
const onlineOnly = (match: Match): boolean =>
  match.covered.length > 0 && match.covered.every((need) => need.modes.length > 0 && need.modes.every((mode) => mode === 'remote'));

/** A partner's page, with the way back to these results when they have an address. */
function partnerHref(partnerId: string, lang: Lang, resultsId: string | undefined): string {
  const query = new URLSearchParams({ ...(lang !== 'id' && { lang }), ...(resultsId && { from: resultsId }) }).toString();
  return `/partners/${encodeURIComponent(partnerId)}${query ? `?${query}` : ''}`;
}

function MatchCard({
  lang,
  view,
  rank,
  refer,
  resultsId,
}: {
  lang: Lang;
  view: MatchView;
  rank: number;
  refer?: ReferOffer | undefined;
  resultsId?: string | undefined;
}) {
  const t = strings(lang);
  const { match, partner } = view;
  const id = `match-${rank}`;
  return (
    <li class="match" data-partner-id={partner.id}>
      <label class="print-pick no-print">
        <input type="checkbox" class="print-pick-box" id={`print-pick-${rank}`} />
        {t.printPick}
        <span class="visually-hidden">: {partner.name}</span>
      </label>
      <header>
        <h3 id={`${id}-name`}>
          <span class="rank">{rank}.</span>
          <a href={partnerHref(partner.id, lang, resultsId)}>{partner.name}</a>
        </h3>
        <span class="where">
          {onlineOnly(match) ? <strong data-online="true">{t.online}</strong> : null}
          {onlineOnly(match) ? ' · ' : null}
          {t.distance}: {match.distanceKm === null ? t.distanceUnknown : t.km(formatNumber(match.distanceKm, lang))}
        </span>
      </header>
      <p class="meta">
        {LABELS.kind[partner.kind][lang]} · {t.pokmas}: {view.pokmasName ?? '—'} · {view.bapasName}
      </p>
      <div class="cols">
        <div>
          <h4>{t.covered}</h4>
          <ul class="covered">
            {match.covered.map((need) => (
              <li class="met" data-service={need.service}>
                {serviceLabel(need.service, lang)}{' '}
                <span class="hint">({need.modes.map((mode) => LABELS.mode[mode][lang]).join(', ')})</span>
              </li>
            ))}
          </ul>
          <h4>{t.missing}</h4>
          {match.missing.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ul class="missing">
              {match.missing.map((need) => (
                <li class="unmet" data-service={need.service}>
                  {serviceLabel(need.service, lang)} <span class="hint">({MISSING_LABELS[need.reason][lang]})</span>
                </li>
              ))}
            </ul>
          )}
          <h4>{t.contact}</h4>
          <ContactDetails lang={lang} partner={partner} />
        </div>
        <div>
          <h4>{t.score}</h4>
          <ScoreBreakdown lang={lang} score={match.score} factors={match.factors} />
        </div>
        <div>
          <h4>{t.reasons}</h4>
          <ul class="reasons">
            {match.reasons.map((reason) => (
              <li data-code={reason.code}>{reason.text}</li>
            ))}
          </ul>
        </div>
      </div>
      {refer ? <ReferForm lang={lang} view={view} rank={rank} offer={refer} /> : null}
    </li>
  );
}

/** The matches as the print shows them: one compact row each, the cards left out. */
function PrintTable({ lang, matches }: { lang: Lang; matches: readonly MatchView[] }) {
  const t = strings(lang);
  return (
    <table class="print-table" aria-hidden="true">
      <thead>
        <tr>
          <th>#</th>
          <th>{t.referrals.partner}</th>
          <th>{t.covered}</th>
          <th>{t.missing}</th>
          <th>{t.distance}</th>
          <th>{t.score}</th>
          <th>{t.contact}</th>
        </tr>
      </thead>
      <tbody>
        {matches.map(({ match, partner, bapasName, pokmasName }, index) => (
          <tr class="print-row" data-rank={String(index + 1)}>
            <td>{index + 1}</td>
            <td>
              <strong>{partner.name}</strong>
              <br />
              {LABELS.kind[partner.kind][lang]} · {pokmasName ?? '—'} · {bapasName}
            </td>
            <td>
              {match.covered
                .map((need) => `${serviceLabel(need.service, lang)} (${need.modes.map((mode) => LABELS.mode[mode][lang]).join(', ')})`)
                .join('; ')}
            </td>
            <td>{match.missing.length === 0 ? t.none : match.missing.map((need) => serviceLabel(need.service, lang)).join('; ')}</td>
            <td>
              {onlineOnly(match) ? `${t.online} · ` : ''}
              {match.distanceKm === null ? t.distanceUnknown : t.km(formatNumber(match.distanceKm, lang))}
            </td>
            <td class="num">{percent(match.score)}</td>
            <td>{[partner.contact?.person, partner.contact?.phone, partner.contact?.address].filter(Boolean).join(' · ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each need at a glance: who meets it in reach, and the needs nobody meets, first. */
function NeedSummary({ lang, needs, resultsId }: { lang: Lang; needs: readonly NeedSummaryRow[]; resultsId?: string | undefined }) {
  const t = strings(lang).needSummary;
  return (
    <table class="need-summary">
      <caption>{t.title}</caption>
      <thead>
        <tr>
          <th scope="col">{t.need}</th>
          <th scope="col" class="num">
            {t.partners}
          </th>
          <th scope="col">{t.best}</th>
        </tr>
      </thead>
      <tbody>
        {needs.map((row) => (
          <tr data-need={row.service} class={row.count === 0 ? 'unmet-need' : undefined}>
            <th scope="row">{serviceLabel(row.service, lang)}</th>
            <td class="num" data-label={t.partners}>
              {row.capped ? t.atLeast(row.count) : row.count}
            </td>
            <td data-label={t.best}>
              {row.best ? <a href={partnerHref(row.best.partnerId, lang, resultsId)}>{row.best.name}</a> : <strong>{t.nobody}</strong>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Why is a partner missing?": how many partners each hard rule left out. */
export function Exclusions({ lang, excluded }: { lang: Lang; excluded: readonly Exclusion[] }) {
  const t = strings(lang);
  const counted = excluded.filter((exclusion) => exclusion.count > 0);
  return (
    <section aria-labelledby="why-missing" id="why-missing-section">
      <h2 id="why-missing">{t.whyMissingTitle}</h2>
      {counted.length === 0 ? (
        <p>{t.whyMissingNone}</p>
      ) : (
        <table>
          <caption>{t.whyMissingIntro}</caption>
          <thead>
            <tr>
              <th scope="col">{t.reason}</th>
              <th scope="col" class="num">
                {t.count}
              </th>
            </tr>
          </thead>
          <tbody>
            {counted.map((exclusion) => (
              <tr data-reason={exclusion.reason}>
                <th scope="row">{EXCLUSION_LABELS[exclusion.reason][lang]}</th>
                <td class="num">{exclusion.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The ranked partners, best first, then the exclusion counts. */
export function Results({ lang, located, placeNames, matches, excluded, refer, referAlert, resultsId, needs, computedAt }: ResultsProps) {
  const t = strings(lang);
  return (
    <section aria-labelledby="results-title" id="results">
      <h2 id="results-title">{t.resultsTitle}</h2>
      <p class="print-only printed-on">{t.printedOn(formatDate(computedAt, lang), placeNames.bapas ?? '')}</p>
      <Criteria lang={lang} located={located} placeNames={placeNames} />
      <NeedSummary lang={lang} needs={needs} resultsId={resultsId} />
      {referAlert ? (
        <p class="error-summary" role="alert" id="refer-alert" tabindex={-1} autofocus>
          {referAlert}
        </p>
      ) : null}
      <p>{t.resultsIntro(matches.length)}</p>
      <p class="hint no-print">{t.printHint}</p>
      <ol class="matches">
        {matches.map((view, index) => (
          <MatchCard lang={lang} view={view} rank={index + 1} refer={refer} resultsId={resultsId} />
        ))}
      </ol>
      <PrintTable lang={lang} matches={matches} />
      <Exclusions lang={lang} excluded={excluded} />
    </section>
  );
}
