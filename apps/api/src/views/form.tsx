import {
  AGE_GROUP_IDS,
  COMMUNITIES,
  DEFAULT_CLIENT_MODES,
  DEFAULT_PRIORITY,
  FIELDS,
  GENDER_IDS,
  LABELS,
  MODE_IDS,
  PRIORITIES,
  RELIGION_IDS,
  type Lang,
  type ServiceId,
} from '@pokmas/matcher';
import { serviceLabel, strings, type FormField } from './i18n';

/**
 * What the counsellor typed, exactly as typed: the form is re-rendered from it after an error so
 * nothing has to be entered twice.
 */
export interface SearchFormValues {
  /** Ticked services. */
  needs: string[];
  /** Chosen priority per service (`'1' | '2' | '3'`), ticked or not. */
  priorities: Record<string, string>;
  bapasId: string;
  regencyCode: string;
  lat: string;
  lon: string;
  ageGroup: string;
  gender: string;
  religion: string;
  maxDistanceKm: string;
  modes: string[];
}

/** A blank form: the modes a client accepts when it names none (every mode), nothing else chosen. */
export const EMPTY_FORM: SearchFormValues = {
  needs: [],
  priorities: {},
  bapasId: '',
  regencyCode: '',
  lat: '',
  lon: '',
  ageGroup: '',
  gender: '',
  religion: '',
  maxDistanceKm: '',
  modes: [...DEFAULT_CLIENT_MODES],
};

export type FormErrors = Partial<Record<FormField, string>>;

/** An entry of a select list, grouped under a heading (the province). */
export interface Choice {
  value: string;
  label: string;
  group: string;
}

export interface SearchFormProps {
  lang: Lang;
  values: SearchFormValues;
  errors: FormErrors;
  bapas: readonly Choice[];
  regencies: readonly Choice[];
}

/** The element a message about `field` points at (for the error summary's links). */
export const fieldAnchor = (field: FormField): string =>
  ({
    needs: 'needs',
    location: 'bapasId',
    bapasId: 'bapasId',
    regencyCode: 'regencyCode',
    coordinates: 'lat',
    ageGroup: 'ageGroup-adult',
    gender: 'gender',
    religion: 'religion',
    maxDistanceKm: 'maxDistanceKm',
    modes: 'modes',
  })[field];

const errorId = (field: FormField) => `error-${field}`;

function FieldError({ field, errors }: { field: FormField; errors: FormErrors }) {
  const message = errors[field];
  return message ? (
    <p class="field-error" id={errorId(field)}>
      {message}
    </p>
  ) : null;
}

/** `aria-describedby` for a control: its hint and any error about it. */
function describedBy(errors: FormErrors, fields: FormField[], hint?: string): string | undefined {
  const ids = [...(hint ? [hint] : []), ...fields.filter((field) => errors[field]).map(errorId)];
  return ids.length > 0 ? ids.join(' ') : undefined;
}

const invalid = (errors: FormErrors, ...fields: FormField[]) => (fields.some((field) => errors[field]) ? 'true' : undefined);

function GroupedOptions({ choices, selected }: { choices: readonly Choice[]; selected: string }) {
  const groups = new Map<string, Choice[]>();
  for (const choice of choices) {
    const list = groups.get(choice.group);
    if (list) list.push(choice);
    else groups.set(choice.group, [choice]);
  }
  return (
    <>
      {[...groups].map(([group, list]) => (
        <optgroup label={group}>
          {list.map((choice) => (
            <option value={choice.value} selected={choice.value === selected}>
              {choice.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/** One decimal of the coordinates pair; both share the `coordinates` error. */
function CoordinateInput({ name, label, value, errors }: { name: 'lat' | 'lon'; label: string; value: string; errors: FormErrors }) {
  return (
    <div class="control">
      <label for={name}>{label}</label>
      <input
        type="text"
        inputmode="decimal"
        id={name}
        name={name}
        size={12}
        value={value}
        autocomplete="off"
        class={invalid(errors, 'coordinates') ? 'has-error' : undefined}
        aria-invalid={invalid(errors, 'coordinates')}
      />
    </div>
  );
}

function NeedRow({ service, lang, values }: { service: ServiceId; lang: Lang; values: SearchFormValues }) {
  const t = strings(lang);
  const name = serviceLabel(service, lang);
  const priority = values.priorities[service] ?? String(DEFAULT_PRIORITY);
  return (
    <div class="need">
      <span class="choice">
        <input type="checkbox" id={`need-${service}`} name="need" value={service} checked={values.needs.includes(service)} />
        <label for={`need-${service}`}>{name}</label>
      </span>
      <span class="priority">
        <label for={`priority-${service}`}>
          {t.priority}
          <span class="visually-hidden"> {name}</span>
        </label>
        <select id={`priority-${service}`} name={`priority-${service}`}>
          {PRIORITIES.map((value) => (
            <option value={value} selected={priority === String(value)}>
              {t.priorityNames[value]}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}

/** A list of error messages linking to their fields, read first by screen readers. */
export function ErrorSummary({ lang, errors }: { lang: Lang; errors: FormErrors }) {
  const entries = Object.entries(errors) as [FormField, string][];
  if (entries.length === 0) return null;
  const t = strings(lang);
  return (
    // autofocus brings keyboard and screen-reader users straight to the problems, without a script.
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="error-summary" autofocus>
      <h2 id="error-summary-title">{t.errorSummaryTitle}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${fieldAnchor(field)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The search form: needs grouped by field and community, the client's location, age group,
 * gender, religion, maximum distance and modes. A plain POST to `/search`; works without scripts.
 */
export function SearchForm({ lang, values, errors, bapas, regencies }: SearchFormProps) {
  const t = strings(lang);
  return (
    <form class="search" method="post" action="/search" novalidate>
      <input type="hidden" name="lang" value={lang} />

      <fieldset id="needs" tabindex={-1} aria-describedby={describedBy(errors, ['needs'], 'needs-hint')}>
        <legend>{t.needsLegend}</legend>
        <p class="hint" id="needs-hint">
          {t.needsHint}
        </p>
        <FieldError field="needs" errors={errors} />
        <div class="needs-fields">
          {FIELDS.map((field) => (
            <fieldset>
              <legend>{field.label[lang]}</legend>
              {COMMUNITIES.filter((community) => community.field === field.id).map((community) => (
                <fieldset>
                  <legend>{community.label[lang]}</legend>
                  {community.services.map((service) => (
                    <NeedRow service={service} lang={lang} values={values} />
                  ))}
                </fieldset>
              ))}
            </fieldset>
          ))}
        </div>
      </fieldset>

      <fieldset aria-describedby={describedBy(errors, ['location'], 'location-hint')}>
        <legend>{t.locationLegend}</legend>
        <p class="hint" id="location-hint">
          {t.locationHint}
        </p>
        <FieldError field="location" errors={errors} />
        <div class="control">
          <label for="bapasId">{t.bapas}</label>
          <p class="hint" id="bapas-hint">
            {t.bapasHint}
          </p>
          <select
            id="bapasId"
            name="bapasId"
            class={`wide${invalid(errors, 'bapasId', 'location') ? ' has-error' : ''}`}
            aria-invalid={invalid(errors, 'bapasId', 'location')}
            aria-describedby={describedBy(errors, ['bapasId'], 'bapas-hint')}
          >
            <option value="">{t.choose}</option>
            <GroupedOptions choices={bapas} selected={values.bapasId} />
          </select>
          <FieldError field="bapasId" errors={errors} />
        </div>
        <div class="control">
          <label for="regencyCode">{t.regency}</label>
          <select
            id="regencyCode"
            name="regencyCode"
            class={`wide${invalid(errors, 'regencyCode') ? ' has-error' : ''}`}
            aria-invalid={invalid(errors, 'regencyCode')}
            aria-describedby={describedBy(errors, ['regencyCode'])}
          >
            <option value="">{t.choose}</option>
            <GroupedOptions choices={regencies} selected={values.regencyCode} />
          </select>
          <FieldError field="regencyCode" errors={errors} />
        </div>
        <fieldset aria-describedby={describedBy(errors, ['coordinates'])}>
          <legend>{t.coordinates}</legend>
          <div class="row">
            <CoordinateInput name="lat" label={t.latitude} value={values.lat} errors={errors} />
            <CoordinateInput name="lon" label={t.longitude} value={values.lon} errors={errors} />
          </div>
          <FieldError field="coordinates" errors={errors} />
        </fieldset>
      </fieldset>

      <fieldset>
        <legend>{t.aboutLegend}</legend>
        <fieldset aria-describedby={describedBy(errors, ['ageGroup'])}>
          <legend>{t.ageGroup}</legend>
          {AGE_GROUP_IDS.map((group) => (
            <span class="choice">
              <input
                type="radio"
                id={`ageGroup-${group}`}
                name="ageGroup"
                value={group}
                checked={values.ageGroup === group}
                aria-invalid={invalid(errors, 'ageGroup')}
              />
              <label for={`ageGroup-${group}`}>{LABELS.ageGroup[group][lang]}</label>
            </span>
          ))}
          <FieldError field="ageGroup" errors={errors} />
        </fieldset>
        <div class="row">
          <div class="control">
            <label for="gender">{t.gender}</label>
            <select id="gender" name="gender" aria-invalid={invalid(errors, 'gender')} aria-describedby={describedBy(errors, ['gender'])}>
              <option value="">{t.notStated}</option>
              {GENDER_IDS.map((gender) => (
                <option value={gender} selected={values.gender === gender}>
                  {LABELS.gender[gender][lang]}
                </option>
              ))}
            </select>
            <FieldError field="gender" errors={errors} />
          </div>
          <div class="control">
            <label for="religion">{t.religion}</label>
            <p class="hint" id="religion-hint">
              {t.religionHint}
            </p>
            <select
              id="religion"
              name="religion"
              aria-invalid={invalid(errors, 'religion')}
              aria-describedby={describedBy(errors, ['religion'], 'religion-hint')}
            >
              <option value="">{t.religionAny}</option>
              {RELIGION_IDS.map((religion) => (
                <option value={religion} selected={values.religion === religion}>
                  {LABELS.religion[religion][lang]}
                </option>
              ))}
            </select>
            <FieldError field="religion" errors={errors} />
          </div>
          <div class="control">
            <label for="maxDistanceKm">{t.maxDistance}</label>
            <input
              type="text"
              inputmode="decimal"
              id="maxDistanceKm"
              name="maxDistanceKm"
              size={8}
              value={values.maxDistanceKm}
              autocomplete="off"
              class={invalid(errors, 'maxDistanceKm') ? 'has-error' : undefined}
              aria-invalid={invalid(errors, 'maxDistanceKm')}
              aria-describedby={describedBy(errors, ['maxDistanceKm'], 'maxDistance-hint')}
            />
            <p class="hint" id="maxDistance-hint">
              {t.maxDistanceHint}
            </p>
            <FieldError field="maxDistanceKm" errors={errors} />
          </div>
        </div>
        <fieldset id="modes" tabindex={-1} aria-describedby={describedBy(errors, ['modes'])}>
          <legend>{t.modesLegend}</legend>
          {MODE_IDS.map((mode) => (
            <span class="choice">
              <input type="checkbox" id={`mode-${mode}`} name="mode" value={mode} checked={values.modes.includes(mode)} />
              <label for={`mode-${mode}`}>{LABELS.mode[mode][lang]}</label>
            </span>
          ))}
          <FieldError field="modes" errors={errors} />
        </fieldset>
      </fieldset>

      <button type="submit" class="primary" id="submit">
        {t.submit}
      </button>
    </form>
  );
}
