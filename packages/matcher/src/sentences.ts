import { SERVICES, type Lang, type ServiceId } from './taxonomy';

/** Each service's label in lower case, by language: sentences name services mid-sentence. */
const LOWER_LABELS: Readonly<Record<Lang, ReadonlyMap<ServiceId, string>>> = {
  id: new Map(SERVICES.map((service) => [service.id, service.label.id.toLowerCase()])),
  en: new Map(SERVICES.map((service) => [service.id, service.label.en.toLowerCase()])),
};

/** Services named in a sentence: `bantuan hukum, pendampingan`. */
export const serviceNames = (services: readonly ServiceId[], lang: Lang): string =>
  services.map((service) => LOWER_LABELS[lang].get(service)!).join(', ');

/** A number of km as the language writes it: `4,5` in Indonesian, `4.5` in English. */
export const km = (value: number, lang: Lang): string => (lang === 'id' ? String(value).replace('.', ',') : String(value));
