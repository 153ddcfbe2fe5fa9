import { DEFAULT_OFFERING_MODES, DEFAULT_PARTNER_AGE_GROUPS, LABELS, freePlaces, type Lang, type Partner } from '@pokmas/matcher';
import { formatNumber, serviceLabel, strings } from './i18n';
import { withLang } from './layout';
import { ContactDetails } from './results';

export interface PartnerPageProps {
  lang: Lang;
  partner: Partner;
  bapasName: string;
  pokmasName?: string | undefined;
  /** The results page the partner was opened from, for the way back. */
  backTo?: string | undefined;
  /** Service radius used when the partner gives none (the matcher's default). */
  defaultServiceRadiusKm: number;
}

const list = (values: readonly string[] | undefined, all: string) => (values && values.length > 0 ? values.join(', ') : all);

/** A partner's own page: what it offers and how, whom it accepts, its capacity and contact. */
export function PartnerPage({ lang, partner, bapasName, pokmasName, defaultServiceRadiusKm, backTo }: PartnerPageProps) {
  const t = strings(lang);
  const free = freePlaces(partner);
  return (
    <article aria-labelledby="partner-name" data-partner-id={partner.id}>
      <p class="no-print">
        {backTo ? <a href={withLang(backTo, lang)}>{t.backToResults}</a> : <a href={withLang('/', lang)}>{t.backToSearch}</a>}
      </p>
      <h1 id="partner-name">{partner.name}</h1>
      <p class="meta">
        {t.partnerTitle} · {LABELS.kind[partner.kind][lang]} · {t.pokmas}: {pokmasName ?? '—'} · {bapasName}
      </p>
      {partner.active === false ? <p class="note">{t.inactive}</p> : null}

      <h2>{t.offerings}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.service}</th>
            <th scope="col">{t.modes}</th>
            <th scope="col">{t.sectors}</th>
            <th scope="col">{t.religions}</th>
          </tr>
        </thead>
        <tbody>
          {partner.offerings.map((offering) => (
            <tr data-service={offering.service}>
              <th scope="row">{serviceLabel(offering.service, lang)}</th>
              <td>{(offering.modes ?? DEFAULT_OFFERING_MODES).map((mode) => LABELS.mode[mode][lang]).join(', ')}</td>
              <td>
                {list(
                  offering.sectors?.map((sector) => LABELS.sector[sector][lang]),
                  '—',
                )}
              </td>
              <td>
                {list(
                  offering.religions?.map((religion) => LABELS.religion[religion][lang]),
                  '—',
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t.capacity}</h2>
      <p id="capacity">{partner.capacity && free !== null ? t.capacityOf(free, partner.capacity.total) : t.capacityUnknown}</p>

      <h2>{t.eligibility}</h2>
      <dl class="facts">
        <dt>{t.ageGroups}</dt>
        <dd id="eligibility-age">
          {(partner.eligibility?.ageGroups ?? DEFAULT_PARTNER_AGE_GROUPS).map((group) => LABELS.ageGroup[group][lang]).join(', ')}
        </dd>
        <dt>{t.genders}</dt>
        <dd>
          {list(
            partner.eligibility?.genders?.map((gender) => LABELS.gender[gender][lang]),
            t.all,
          )}
        </dd>
        <dt>{t.serviceRadius}</dt>
        <dd>{t.km(formatNumber(partner.serviceRadiusKm ?? defaultServiceRadiusKm, lang))}</dd>
        {partner.languages && partner.languages.length > 0 ? (
          <>
            <dt>{t.languages}</dt>
            <dd>{partner.languages.join(', ')}</dd>
          </>
        ) : null}
        {partner.location ? (
          <>
            <dt>{t.location}</dt>
            <dd>
              {formatNumber(partner.location.lat, lang, 4)} / {formatNumber(partner.location.lon, lang, 4)}
            </dd>
          </>
        ) : null}
      </dl>

      <h2>{t.contact}</h2>
      <ContactDetails lang={lang} partner={partner} />
    </article>
  );
}

/** The 404 page for an unknown partner id. */
export function NotFound({ lang, message }: { lang: Lang; message: string }) {
  const t = strings(lang);
  return (
    <>
      <h1>{t.notFoundTitle}</h1>
      <p>{message}</p>
      <p>
        <a href={withLang('/', lang)}>{t.backToSearch}</a>
      </p>
    </>
  );
}
