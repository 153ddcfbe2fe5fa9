import { useContext } from 'hono/jsx';
import { MAX_NOTE_LENGTH } from '@pokmas/store';
import { serviceLabel, strings, type Lang, type ReferField } from './i18n';
import type { Repost } from './layout';
import { PageViewerContext } from './page-context';
import type { MatchView } from './results';

/** The referral form as sent, with the messages beside its fields: kept open on the match it was for. */
export interface ReferState {
  readonly partnerId: string;
  readonly clientRef: string;
  readonly services: readonly string[];
  readonly note: string;
  readonly errors: Partial<Record<ReferField, string>>;
}

/** What the results need to offer a referral on each match: the search, to post again with it. */
export interface ReferOffer {
  readonly repost: Repost;
  /** The saved search's id, so that a refused referral shows the results at their address. */
  readonly resultsId?: string | undefined;
  /** The last referral form sent, when it was refused. */
  readonly state?: ReferState | undefined;
}

/** The page's changing forms carry the session's CSRF token (none in the open demo mode). */
export function CsrfField() {
  const viewer = useContext(PageViewerContext);
  return viewer.mode === 'signed-in' ? <input type="hidden" name="csrf" value={viewer.csrf} /> : null;
}

const fieldId = (rank: number, field: string) => `refer-${rank}-${field}`;

/**
 * "Rujuk" on a match: a disclosure holding the referral form (the client's code, the services
 * the partner meets, a note), posted with the search itself so that a refusal shows the results
 * again, up to date. No script: the form works as plain HTML.
 */
export function ReferForm({ lang, view, rank, offer }: { lang: Lang; view: MatchView; rank: number; offer: ReferOffer }) {
  const t = strings(lang).refer;
  const { partner, match } = view;
  const state = offer.state?.partnerId === partner.id ? offer.state : undefined;
  const chosen = new Set(state ? state.services : match.covered.map((need) => need.service));
  const error = (field: ReferField) =>
    state?.errors[field] ? (
      <p class="field-error" id={fieldId(rank, `${field}-error`)}>
        {state.errors[field]}
      </p>
    ) : null;
  const describedBy = (field: ReferField, hint?: string) =>
    [hint, state?.errors[field] ? fieldId(rank, `${field}-error`) : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <details class="refer no-print" open={state !== undefined}>
      <summary data-refer={partner.id}>{t.open}</summary>
      <form method="post" action="/referrals" class="refer-form">
        <CsrfField />
        <input type="hidden" name="lang" value={lang} />
        <input type="hidden" name="partnerId" value={partner.id} />
        {offer.resultsId ? <input type="hidden" name="results" value={offer.resultsId} /> : null}
        {offer.repost.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <fieldset>
          <legend>{t.legend(partner.name)}</legend>
          <div class="control">
            <label for={fieldId(rank, 'clientRef')}>{t.clientRef}</label>
            <p class="hint" id={fieldId(rank, 'clientRef-hint')}>
              {t.clientRefHint}
            </p>
            {error('clientRef')}
            <input
              type="text"
              id={fieldId(rank, 'clientRef')}
              name="clientRef"
              required
              maxlength={128}
              autocomplete="off"
              spellcheck={false}
              value={state?.clientRef ?? ''}
              class={state?.errors.clientRef ? 'has-error' : undefined}
              aria-invalid={state?.errors.clientRef ? 'true' : undefined}
              aria-describedby={describedBy('clientRef', fieldId(rank, 'clientRef-hint'))}
            />
          </div>
          <fieldset aria-describedby={describedBy('services')}>
            <legend>{t.services}</legend>
            {error('services')}
            {match.covered.map((need) => (
              <label class="choice">
                <input type="checkbox" name="service" value={need.service} checked={chosen.has(need.service)} />
                {serviceLabel(need.service, lang)}
              </label>
            ))}
          </fieldset>
          <div class="control">
            <label for={fieldId(rank, 'note')}>{t.note}</label>
            <p class="hint" id={fieldId(rank, 'note-hint')}>
              {t.noteHint}
            </p>
            {error('note')}
            <textarea
              id={fieldId(rank, 'note')}
              name="note"
              rows={3}
              maxlength={MAX_NOTE_LENGTH}
              class={state?.errors.note ? 'has-error' : undefined}
              aria-invalid={state?.errors.note ? 'true' : undefined}
              aria-describedby={describedBy('note', fieldId(rank, 'note-hint'))}
            >
              {state?.note ?? ''}
            </textarea>
          </div>
          <button type="submit" class="primary">
            {t.submit}
          </button>
        </fieldset>
      </form>
    </details>
  );
}
