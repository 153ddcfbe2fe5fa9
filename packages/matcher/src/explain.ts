import type { Client } from './schemas/client';
import type { Partner } from './schemas/partner';
import type { Reason, ReasonCode } from './schemas/result';
import { LABELS, SERVICES, type Lang, type ReligionId, type ServiceId } from './taxonomy';

export type ReasonParams = Reason['params'];

/** A reason before its sentence is written: what factors and rules produce. */
export interface ReasonDraft {
  readonly code: ReasonCode;
  readonly params: ReasonParams;
}

/** Each service's label in lower case, by language: sentences name services mid-sentence. */
const LOWER_LABELS: Readonly<Record<Lang, ReadonlyMap<ServiceId, string>>> = {
  id: new Map(SERVICES.map((service) => [service.id, service.label.id.toLowerCase()])),
  en: new Map(SERVICES.map((service) => [service.id, service.label.en.toLowerCase()])),
};

const serviceNames = (services: unknown, lang: Lang): string =>
  (services as ServiceId[]).map((service) => LOWER_LABELS[lang].get(service)!).join(', ');

const km = (value: unknown, lang: Lang): string => (lang === 'id' ? String(value).replace('.', ',') : String(value));

type Template = (params: ReasonParams, lang: Lang) => string;

const TEMPLATES: Record<ReasonCode, Record<Lang, Template>> = {
  'covers-needs': {
    id: (p, l) => `Memenuhi ${p.count} dari ${p.total} kebutuhan: ${serviceNames(p.services, l)}.`,
    en: (p, l) => `Meets ${p.count} of ${p.total} needs: ${serviceNames(p.services, l)}.`,
  },
  'misses-needs': {
    id: (p, l) => `Tidak memenuhi: ${serviceNames(p.services, l)}.`,
    en: (p, l) => `Does not meet: ${serviceNames(p.services, l)}.`,
  },
  distance: {
    id: (p, l) => `Berjarak sekitar ${km(p.km, l)} km dari klien.`,
    en: (p, l) => `About ${km(p.km, l)} km from the client.`,
  },
  'same-regency': {
    id: () => 'Berada di kabupaten/kota yang sama dengan klien.',
    en: () => 'In the same regency or city as the client.',
  },
  'same-province': {
    id: () => 'Berada di provinsi yang sama dengan klien.',
    en: () => 'In the same province as the client.',
  },
  'location-unknown': {
    id: () => 'Jarak tidak diketahui: lokasi klien atau mitra tidak lengkap.',
    en: () => 'Distance unknown: the client or the partner has no location.',
  },
  'far-away': {
    id: () => 'Berada di provinsi lain.',
    en: () => 'In another province.',
  },
  'remote-offering': {
    id: (p, l) => `Layanan jarak jauh (daring): ${serviceNames(p.services, l)}.`,
    en: (p, l) => `Offered remotely: ${serviceNames(p.services, l)}.`,
  },
  'home-visit-offering': {
    id: (p, l) => `Dapat melakukan kunjungan rumah: ${serviceNames(p.services, l)}.`,
    en: (p, l) => `Can visit the client at home: ${serviceNames(p.services, l)}.`,
  },
  'capacity-free': {
    id: (p) => `Masih ada ${p.free} dari ${p.total} tempat.`,
    en: (p) => `${p.free} of ${p.total} places free.`,
  },
  'capacity-unlimited': {
    id: () => 'Tidak ada batas kapasitas yang tercatat.',
    en: () => 'No capacity limit recorded.',
  },
  'same-bapas': {
    id: () => 'Mitra POKMAS dari Bapas klien sendiri.',
    en: () => "A partner of the client's own Bapas.",
  },
  'other-bapas': {
    id: (p) => `Mitra POKMAS dari Bapas lain (${p.bapasId}).`,
    en: (p) => `A partner of another Bapas (${p.bapasId}).`,
  },
  'accepts-juveniles': {
    id: () => 'Menerima klien anak.',
    en: () => 'Accepts juvenile clients.',
  },
  'shared-language': {
    id: (p) => `Dapat berbahasa ${(p.languages as string[]).join(', ')} seperti klien.`,
    en: (p) => `Speaks the client's language: ${(p.languages as string[]).join(', ')}.`,
  },
  'no-shared-language': {
    id: () => 'Tidak tercatat berbahasa yang sama dengan klien.',
    en: () => 'No language in common with the client is recorded.',
  },
  'religion-match': {
    id: (p) => `Bimbingan keagamaan ${LABELS.religion[p.religion as ReligionId].id}.`,
    en: (p) => `Religious guidance for the ${LABELS.religion[p.religion as ReligionId].en} faith.`,
  },
};

/** Writes the sentence of a reason in the requested language. */
export function describe(draft: ReasonDraft, lang: Lang): Reason {
  return { code: draft.code, params: draft.params, text: TEMPLATES[draft.code][lang](draft.params, lang) };
}

/**
 * Reasons about the pair that are not scores: that a partner takes juveniles (always true of a
 * juvenile's matches, by the safeguarding rule), and whether the two share a language (ISO 639
 * codes; said only when both sides list theirs). Language informs the counsellor; it does not
 * change the score.
 */
export function pairReasons(client: Client, partner: Partner): ReasonDraft[] {
  const drafts: ReasonDraft[] = [];
  if (client.ageGroup === 'juvenile') drafts.push({ code: 'accepts-juveniles', params: {} });
  if (client.languages && partner.languages) {
    const shared = client.languages.filter((language) => partner.languages!.includes(language));
    drafts.push(
      shared.length > 0 ? { code: 'shared-language', params: { languages: shared } } : { code: 'no-shared-language', params: {} },
    );
  }
  return drafts;
}
