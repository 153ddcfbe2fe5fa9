import { LANGS, getService, type Lang, type ServiceId } from '@pokmas/matcher';
import { en } from './en';
import { id } from './id';
import type { Strings } from './strings';

/**
 * The counsellor page's words: its own strings, one file per language behind one interface
 * (`Strings`), Indonesian first. Names of the library's terms and codes come from the library's
 * labels, never from here.
 */
export { LANGS, type Lang };
export {
  FORM_FIELDS,
  MOVE_FIELDS,
  REFER_FIELDS,
  type BodyError,
  type FormField,
  type MoveField,
  type NoticeStrings,
  type ReferField,
  type Strings,
} from './strings';

const STRINGS: Readonly<Record<Lang, Strings>> = { id, en };

/** The page's words in one language. */
export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** `id` unless the caller asked for a language the page speaks. */
export function parseLang(value: unknown): Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value) ? (value as Lang) : 'id';
}

export const serviceLabel = (service: ServiceId, lang: Lang): string => getService(service).label[lang];

/** Numbers the way each language writes them (decimal comma in Indonesian). */
export function formatNumber(value: number, lang: Lang, digits = 1): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

/** Offices keep Western Indonesian Time on the pages; the zone is printed beside each time. */
export const PAGE_TIME_ZONE = 'Asia/Jakarta';

/** A moment as each language writes it, with its zone: `8 Des 2026, 07.26 WIB`. */
export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: PAGE_TIME_ZONE,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** A day as each language writes it in a letter: `8 Desember 2026`. */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: PAGE_TIME_ZONE }).format(new Date(iso));
}
