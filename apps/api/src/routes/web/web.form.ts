import { DirectoryError, type Directory } from '@pokmas/directory';
import { ClientSchema, DEFAULT_PRIORITY, MODE_IDS, SERVICE_IDS } from '@pokmas/matcher';
import { locateClient, type LocatedClient } from '../../lib/locate';
import type { FormField } from '../../views/i18n';
import type { SearchFormValues } from '../../views/form';

/** A parsed `application/x-www-form-urlencoded` body, repeated names as arrays (`parseBody({ all: true })`). */
export type FormBody = Record<string, string | File | (string | File)[]>;

/** The page never asks who the client is: every search runs under this one pseudonym. */
export const FORM_CLIENT_ID = 'counsellor-page';

/** Every value sent under `name`, trimmed (files left out). */
export const all = (body: FormBody, name: string): string[] => {
  const value = body[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is string => typeof item === 'string').map((item) => item.trim());
};

/** The last value sent under `name` (a switch button comes after the form's own fields). */
export const lastValue = (body: FormBody, name: string): string => all(body, name).at(-1) ?? '';

const KNOWN_SERVICES = new Set<string>(SERVICE_IDS);
const KNOWN_MODES = new Set<string>(MODE_IDS);

/**
 * The form exactly as sent, for re-rendering. Unknown services and modes are dropped here (no
 * control shows them); everything else is kept as typed, for the schema to judge.
 */
export function readForm(body: FormBody): SearchFormValues {
  const priorities: Record<string, string> = {};
  for (const service of SERVICE_IDS) {
    const value = lastValue(body, `priority-${service}`);
    if (value) priorities[service] = value;
  }
  return {
    needs: [...new Set(all(body, 'need').filter((service) => KNOWN_SERVICES.has(service)))],
    priorities,
    bapasId: lastValue(body, 'bapasId'),
    regencyCode: lastValue(body, 'regencyCode'),
    lat: lastValue(body, 'lat'),
    lon: lastValue(body, 'lon'),
    ageGroup: lastValue(body, 'ageGroup'),
    gender: lastValue(body, 'gender'),
    religion: lastValue(body, 'religion'),
    maxDistanceKm: lastValue(body, 'maxDistanceKm'),
    modes: [...new Set(all(body, 'mode').filter((mode) => KNOWN_MODES.has(mode)))],
  };
}

/** The form's fields as name/value pairs: what a language switch posts again. */
export function formEntries(values: SearchFormValues): Array<[string, string]> {
  const scalar = (['bapasId', 'regencyCode', 'lat', 'lon', 'ageGroup', 'gender', 'religion', 'maxDistanceKm'] as const)
    .filter((name) => values[name] !== '')
    .map((name): [string, string] => [name, values[name]]);
  return [
    ...values.needs.map((service): [string, string] => ['need', service]),
    ...Object.entries(values.priorities).map(([service, priority]): [string, string] => [`priority-${service}`, priority]),
    ...scalar,
    ...values.modes.map((mode): [string, string] => ['mode', mode]),
  ];
}

/** `-6,9175` or `-6.9175`: counsellors write decimals either way. */
function decimal(text: string): number | undefined {
  if (!/^[+-]?\d+([.,]\d+)?$/.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}

export type FormOutcome = { success: true; located: LocatedClient } | { success: false; fields: FormField[] };

const SCHEMA_FIELDS: Record<string, FormField> = {
  needs: 'needs',
  bapasId: 'bapasId',
  regencyCode: 'regencyCode',
  location: 'coordinates',
  ageGroup: 'ageGroup',
  gender: 'gender',
  religion: 'religion',
  maxDistanceKm: 'maxDistanceKm',
  modes: 'modes',
};

const DIRECTORY_FIELDS: Record<string, FormField> = { bapasId: 'bapasId', regencyCode: 'regencyCode', location: 'location' };

/**
 * Turns the form into the library's `Client`: validated by `ClientSchema`, located through the
 * directory (coordinates, else regency, else the Bapas seat). Expected failures come back as the
 * fields at fault, all of them at once, for the page to show beside their controls.
 */
export function toClient(values: SearchFormValues, directory: Directory): FormOutcome {
  const fields = new Set<FormField>();

  let location: { lat: number; lon: number } | undefined;
  if (values.lat !== '' || values.lon !== '') {
    const lat = decimal(values.lat);
    const lon = decimal(values.lon);
    if (lat === undefined || lon === undefined) fields.add('coordinates');
    else location = { lat, lon };
  }

  let maxDistanceKm: number | undefined;
  if (values.maxDistanceKm !== '') {
    maxDistanceKm = decimal(values.maxDistanceKm);
    if (maxDistanceKm === undefined) fields.add('maxDistanceKm');
  }

  // The schema leaves the age group optional; the page does not, because a juvenile left
  // unmarked would be matched with adults-only partners.
  if (values.ageGroup === '') fields.add('ageGroup');

  const candidate = {
    id: FORM_CLIENT_ID,
    needs: values.needs.map((service) => ({ service, priority: Number(values.priorities[service] ?? DEFAULT_PRIORITY) })),
    modes: values.modes,
    ...(values.bapasId !== '' && { bapasId: values.bapasId }),
    ...(values.regencyCode !== '' && { regencyCode: values.regencyCode }),
    ...(location && { location }),
    ...(values.ageGroup !== '' && { ageGroup: values.ageGroup }),
    ...(values.gender !== '' && { gender: values.gender }),
    ...(values.religion !== '' && { religion: values.religion }),
    ...(maxDistanceKm !== undefined && { maxDistanceKm }),
  };
  const parsed = ClientSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields.add(SCHEMA_FIELDS[String(issue.path[0])] ?? 'needs');
  }

  const locationFields: FormField[] = ['coordinates', 'bapasId', 'regencyCode'];
  if (!locationFields.some((field) => fields.has(field))) {
    try {
      // Placed even when the schema refused another field, so an unknown place is shown with the rest.
      if (!parsed.success || fields.size > 0) locateClient(directory, candidate);
      else return { success: true, located: locateClient(directory, parsed.data) };
    } catch (error) {
      if (!(error instanceof DirectoryError)) throw error;
      fields.add(DIRECTORY_FIELDS[error.field] ?? 'location');
    }
  }
  return { success: false, fields: [...fields] };
}
