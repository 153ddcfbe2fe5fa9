import {
  MAX_NOTE_LENGTH,
  OUTCOME_LABELS,
  OUTCOME_RESULTS,
  REFERRAL_REASON_LABELS,
  REFERRAL_STATUS_LABELS,
  REFERRAL_STATUSES,
  type Referral,
  type ReferralStatus,
  type Transition,
} from '@pokmas/store';
import type { Partner, ServiceId } from '@pokmas/matcher';
import { formatDate, formatDateTime, serviceLabel, strings, type Lang, type MoveField } from './i18n';
import { withLang } from './layout';
import { CsrfField } from './refer-form';
import { ContactDetails } from './results';

/** A referral with the names the page shows it by. */
export interface ReferralView {
  readonly referral: Referral;
  /** The partner's name, or its id once it left the registry. */
  readonly partnerName: string;
  readonly bapasName: string;
}

const statusLabel = (status: ReferralStatus, lang: Lang) => REFERRAL_STATUS_LABELS[status][lang];
const referralPath = (id: string, lang: Lang, suffix = '') => withLang(`/referrals/${encodeURIComponent(id)}${suffix}`, lang);
const servicesText = (services: readonly string[], lang: Lang) =>
  services.map((service) => serviceLabel(service as ServiceId, lang)).join(', ');

function StatusBadge({ status, lang }: { status: ReferralStatus; lang: Lang }) {
  return (
    <span class={`status status-${status}`} data-status={status}>
      {statusLabel(status, lang)}
    </span>
  );
}

export interface ReferralListProps {
  lang: Lang;
  /** Whose referrals these are, for the words above them. */
  scope: 'bapas' | 'partner' | 'all';
  status?: ReferralStatus | undefined;
  referrals: readonly ReferralView[];
  /** The next page's address, when there is one. */
  nextHref?: string | undefined;
}

/** `/referrals`: the referrals in one's scope, newest first, by status. */
export function ReferralList({ lang, scope, status, referrals, nextHref }: ReferralListProps) {
  const t = strings(lang).referrals;
  const intro = { bapas: t.introBapas, partner: t.introPartner, all: t.introAll }[scope];
  const filterHref = (to?: ReferralStatus) => {
    const query = new URLSearchParams({ ...(to && { status: to }), ...(lang !== 'id' && { lang }) }).toString();
    return `/referrals${query ? `?${query}` : ''}`;
  };
  return (
    <>
      <h1>{t.title}</h1>
      <p>{intro}</p>
      <nav aria-label={t.filter} class="filters">
        <ul>
          <li>
            <a href={filterHref()} aria-current={status === undefined ? 'page' : undefined}>
              {t.allStatuses}
            </a>
          </li>
          {REFERRAL_STATUSES.map((each) => (
            <li>
              <a href={filterHref(each)} aria-current={status === each ? 'page' : undefined} data-filter={each}>
                {statusLabel(each, lang)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {referrals.length === 0 ? (
        <p id="referrals-empty">{t.empty}</p>
      ) : (
        <ol class="referrals">
          {referrals.map(({ referral, partnerName, bapasName }) => (
            <li class="referral" data-referral-id={referral.id} data-status={referral.status}>
              <header>
                <h2>
                  <a href={referralPath(referral.id, lang)}>{referral.number}</a>
                </h2>
                <StatusBadge status={referral.status} lang={lang} />
              </header>
              <dl class="facts">
                <dt>{t.partner}</dt>
                <dd>{partnerName}</dd>
                {scope !== 'bapas' ? (
                  <>
                    <dt>{t.bapas}</dt>
                    <dd>{bapasName}</dd>
                  </>
                ) : null}
                <dt>{t.services}</dt>
                <dd>{servicesText(referral.services, lang)}</dd>
                <dt>{t.clientRef}</dt>
                <dd>{referral.clientRef ?? t.erased}</dd>
                <dt>{t.updated}</dt>
                <dd>{formatDateTime(referral.updatedAt, lang)}</dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {nextHref ? (
        <p>
          <a href={nextHref} rel="next">
            {t.more}
          </a>
        </p>
      ) : null}
    </>
  );
}

/** A move the viewer may make, and the last attempt at it when it was refused. */
export interface MoveOffer {
  readonly transition: Transition;
  readonly sent?: { readonly values: Readonly<Record<string, string>>; readonly errors: Partial<Record<MoveField, string>> } | undefined;
}

export interface ReferralPageProps {
  lang: Lang;
  view: ReferralView;
  partner?: Partner | undefined;
  moves: readonly MoveOffer[];
  /** What just happened (made, moved) or why the last move was refused. */
  notice?: { readonly kind: 'done' | 'refused'; readonly text: string } | undefined;
  /** Whether the viewer is the referring side: it prints the letter and is shown the partner's contact. */
  referring: boolean;
}

function MoveForm({ lang, referral, offer }: { lang: Lang; referral: Referral; offer: MoveOffer }) {
  const t = strings(lang).referrals;
  const { transition, sent } = offer;
  const to = transition.to as keyof typeof t.moveButton;
  const label = referral.status === 'on-hold' && to === 'in-progress' ? t.resume : t.moveButton[to];
  const id = (field: string) => `move-${to}-${field}`;
  const error = (field: MoveField) =>
    sent?.errors[field] ? (
      <p class="field-error" id={id(`${field}-error`)}>
        {sent.errors[field]}
      </p>
    ) : null;
  const simple = !transition.reasons && !transition.outcome;
  return (
    <form method="post" action={referralPath(referral.id, lang, '/transitions')} class={`move${simple ? ' simple' : ''}`} data-move={to}>
      <CsrfField />
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="version" value={String(referral.version)} />
      {simple ? (
        <button type="submit" class="primary">
          {label}
        </button>
      ) : (
        <fieldset>
          <legend>{label}</legend>
          {transition.reasons ? (
            <div class="control">
              <label for={id('reason')}>{t.reason}</label>
              {error('reason')}
              <select id={id('reason')} name="reason" required aria-invalid={sent?.errors.reason ? 'true' : undefined}>
                <option value="">{strings(lang).choose}</option>
                {transition.reasons.map((reason) => (
                  <option value={reason} selected={sent?.values.reason === reason}>
                    {REFERRAL_REASON_LABELS[reason][lang]}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {transition.outcome ? (
            <fieldset>
              <legend>{t.outcomeFor}</legend>
              {error('outcome')}
              {referral.services.map((service) => (
                <div class="control">
                  <label for={id(`outcome-${service}`)}>{serviceLabel(service as ServiceId, lang)}</label>
                  <select id={id(`outcome-${service}`)} name={`outcome-${service}`} required>
                    <option value="">{strings(lang).choose}</option>
                    {OUTCOME_RESULTS.map((result) => (
                      <option value={result} selected={sent?.values[`outcome-${service}`] === result}>
                        {OUTCOME_LABELS[result][lang]}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <div class="control">
                <label for={id('sessionsAttended')}>{t.sessionsAttended}</label>
                {error('sessionsAttended')}
                <input
                  type="number"
                  id={id('sessionsAttended')}
                  name="sessionsAttended"
                  min={0}
                  step={1}
                  inputmode="numeric"
                  value={sent?.values.sessionsAttended ?? ''}
                />
              </div>
            </fieldset>
          ) : null}
          <div class="control">
            <label for={id('note')}>{t.note}</label>
            <p class="hint">{t.moveNoteHint}</p>
            {error('note')}
            <textarea id={id('note')} name="note" rows={2} maxlength={MAX_NOTE_LENGTH}>
              {sent?.values.note ?? ''}
            </textarea>
          </div>
          <button type="submit" class="primary">
            {label}
          </button>
        </fieldset>
      )}
    </form>
  );
}

/** `/referrals/{id}`: the referral, its history, and the moves the viewer may make now. */
export function ReferralPage({ lang, view, partner, moves, notice, referring }: ReferralPageProps) {
  const t = strings(lang).referrals;
  const { referral } = view;
  const match = referral.match as { score?: number } | null;
  return (
    <>
      <p class="no-print">
        <a href={withLang('/referrals', lang)}>{t.backToList}</a>
      </p>
      <h1>
        {t.number}: <span data-referral-number>{referral.number}</span>
      </h1>
      {notice ? (
        <p
          class={notice.kind === 'done' ? 'done' : 'error-summary'}
          role={notice.kind === 'done' ? 'status' : 'alert'}
          id="referral-notice"
        >
          {notice.text}
        </p>
      ) : null}
      <dl class="facts referral-facts">
        <dt>{t.status}</dt>
        <dd>
          <StatusBadge status={referral.status} lang={lang} />
        </dd>
        <dt>{t.partner}</dt>
        <dd>
          {partner ? <a href={withLang(`/partners/${encodeURIComponent(partner.id)}`, lang)}>{view.partnerName}</a> : view.partnerName}
        </dd>
        <dt>{t.bapas}</dt>
        <dd>{view.bapasName}</dd>
        <dt>{t.services}</dt>
        <dd>{servicesText(referral.services, lang)}</dd>
        <dt>{t.clientRef}</dt>
        <dd>{referral.clientRef ?? t.erased}</dd>
        {typeof match?.score === 'number' ? (
          <>
            <dt>{t.score}</dt>
            <dd>{Math.round(match.score * 100)}</dd>
          </>
        ) : null}
        <dt>{t.created}</dt>
        <dd>{formatDateTime(referral.createdAt, lang)}</dd>
        {referral.status === 'requested' ? (
          <>
            <dt>{t.expires}</dt>
            <dd>{formatDateTime(referral.expiresAt, lang)}</dd>
          </>
        ) : null}
        {referral.endedAt ? (
          <>
            <dt>{t.ended}</dt>
            <dd>{formatDateTime(referral.endedAt, lang)}</dd>
          </>
        ) : null}
        {referral.outcome ? (
          <>
            <dt>{t.outcome}</dt>
            <dd>
              <ul class="plain">
                {referral.outcome.services.map((entry) => (
                  <li data-outcome={entry.service}>
                    {serviceLabel(entry.service as ServiceId, lang)}: {OUTCOME_LABELS[entry.result][lang]}
                  </li>
                ))}
              </ul>
              {referral.outcome.sessionsAttended !== undefined ? (
                <p>
                  {t.sessionsAttended}: {referral.outcome.sessionsAttended}
                </p>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {referring ? (
        <p class="no-print">
          <a href={referralPath(referral.id, lang, '/letter')} data-letter>
            {t.letterLink}
          </a>
        </p>
      ) : null}
      {partner && referring ? (
        <section aria-labelledby="partner-contact" class="no-print">
          <h2 id="partner-contact">{strings(lang).contact}</h2>
          <ContactDetails lang={lang} partner={partner} />
        </section>
      ) : null}
      <section aria-labelledby="actions-title" class="no-print" id="actions">
        <h2 id="actions-title">{t.actions}</h2>
        {moves.length === 0 ? <p>{t.noActions}</p> : moves.map((offer) => <MoveForm lang={lang} referral={referral} offer={offer} />)}
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t.timeline}</h2>
        <ol class="timeline">
          {referral.history.map((entry) => (
            <li data-to={entry.to}>
              <p>
                <strong>{entry.from === null ? t.made : `${statusLabel(entry.from, lang)} → ${statusLabel(entry.to, lang)}`}</strong>
                {' · '}
                <time datetime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                {' · '}
                {entry.to === 'expired' ? t.system : entry.account === null ? t.openDemoActor : t.madeBy(entry.account, entry.role ?? '')}
              </p>
              {entry.reason ? (
                <p>
                  {strings(lang).reason}: {REFERRAL_REASON_LABELS[entry.reason][lang]}
                </p>
              ) : null}
              {entry.note ? <p class="quoted">{entry.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/**
 * `/referrals/{id}/letter`: the printable referral letter. It names the partner, the services,
 * the referral's number and date and the counsellor's Bapas; the client's name is a blank line,
 * written by hand, because the system never holds it.
 */
export function ReferralLetter({ lang, view, partner }: { lang: Lang; view: ReferralView; partner?: Partner | undefined }) {
  const t = strings(lang);
  const l = t.letter;
  const { referral } = view;
  return (
    <article class="letter">
      <p class="hint no-print">{l.printHint}</p>
      <h1>{l.title}</h1>
      <dl class="facts">
        <dt>{t.referrals.number}</dt>
        <dd data-referral-number>{referral.number}</dd>
        <dt>{l.date}</dt>
        <dd>{formatDate(referral.createdAt, lang)}</dd>
        <dt>{l.from}</dt>
        <dd data-letter-bapas>{view.bapasName}</dd>
        <dt>{l.to}</dt>
        <dd>
          <strong>{view.partnerName}</strong>
          {partner?.contact?.address ? <div>{partner.contact.address}</div> : null}
          {partner?.contact?.phone ? <div>{partner.contact.phone}</div> : null}
        </dd>
      </dl>
      <p>{l.body}</p>
      <p class="blank-line">
        <span>{l.clientName}:</span>
        <span class="line" aria-hidden="true" data-blank-name />
      </p>
      <p class="hint">({l.clientNameHint})</p>
      <h2>{t.referrals.services}</h2>
      <ul>
        {referral.services.map((service) => (
          <li>{serviceLabel(service as ServiceId, lang)}</li>
        ))}
      </ul>
      <div class="signature">
        <p>{view.bapasName}</p>
        <p class="line" />
        <p>{l.signature}</p>
      </div>
    </article>
  );
}
