/**
 * The programme's own structure: two fields of guidance, four communities, sixteen services.
 * Identifiers are stable English slugs; every label carries Indonesian (`id`) and English (`en`).
 */

/** A text in the two languages the matcher speaks. */
export interface Label {
  readonly id: string;
  readonly en: string;
}

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const FIELD_IDS = ['self-reliance', 'law-society'] as const;
export type FieldId = (typeof FIELD_IDS)[number];

export const COMMUNITY_IDS = ['economic', 'religious-professional', 'legal', 'social'] as const;
export type CommunityId = (typeof COMMUNITY_IDS)[number];

export const SERVICE_IDS = [
  'job-placement',
  'skills-training',
  'business-capital',
  'self-employment',
  'mental-strengthening',
  'religious-guidance',
  'psychological-support',
  'health',
  'education',
  'legal-education',
  'legal-services',
  'legal-aid',
  'mentoring',
  'guidance',
  'social-support',
  'supervision',
] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const SECTOR_IDS = ['industry', 'agribusiness', 'services'] as const;
export type SectorId = (typeof SECTOR_IDS)[number];

export const MODE_IDS = ['in-person', 'remote', 'home-visit'] as const;
export type ModeId = (typeof MODE_IDS)[number];

export const PARTNER_KIND_IDS = [
  'individual',
  'family',
  'observer',
  'academic',
  'enterprise',
  'civil-society',
  'religious-institution',
  'government',
] as const;
export type PartnerKindId = (typeof PARTNER_KIND_IDS)[number];

export const RELIGION_IDS = ['islam', 'protestant', 'catholic', 'hindu', 'buddhist', 'confucian', 'other'] as const;
export type ReligionId = (typeof RELIGION_IDS)[number];

export const GENDER_IDS = ['female', 'male'] as const;
export type GenderId = (typeof GENDER_IDS)[number];

export const AGE_GROUP_IDS = ['adult', 'juvenile'] as const;
export type AgeGroupId = (typeof AGE_GROUP_IDS)[number];

export interface Field {
  readonly id: FieldId;
  readonly label: Label;
  readonly communities: readonly CommunityId[];
}

export interface Community {
  readonly id: CommunityId;
  readonly field: FieldId;
  readonly label: Label;
  readonly services: readonly ServiceId[];
}

export interface Service {
  readonly id: ServiceId;
  readonly community: CommunityId;
  readonly field: FieldId;
  readonly label: Label;
}

export const FIELDS: readonly Field[] = [
  {
    id: 'self-reliance',
    label: { id: 'Kemandirian dan kepribadian', en: 'Self-reliance and personality' },
    communities: ['economic', 'religious-professional'],
  },
  {
    id: 'law-society',
    label: { id: 'Hukum dan kemasyarakatan', en: 'Law and society' },
    communities: ['legal', 'social'],
  },
];

export const COMMUNITIES: readonly Community[] = [
  {
    id: 'economic',
    field: 'self-reliance',
    label: { id: 'Komunitas ekonomi', en: 'Economic community' },
    services: ['job-placement', 'skills-training', 'business-capital', 'self-employment'],
  },
  {
    id: 'religious-professional',
    field: 'self-reliance',
    label: { id: 'Komunitas keagamaan dan profesi', en: 'Religious and professional community' },
    services: ['mental-strengthening', 'religious-guidance', 'psychological-support', 'health', 'education'],
  },
  {
    id: 'legal',
    field: 'law-society',
    label: { id: 'Komunitas hukum', en: 'Legal community' },
    services: ['legal-education', 'legal-services', 'legal-aid'],
  },
  {
    id: 'social',
    field: 'law-society',
    label: { id: 'Komunitas sosial', en: 'Social community' },
    services: ['mentoring', 'guidance', 'social-support', 'supervision'],
  },
];

const SERVICE_LABELS: Record<ServiceId, Label> = {
  'job-placement': { id: 'Penyaluran tenaga kerja', en: 'Job placement' },
  'skills-training': { id: 'Pelatihan kerja dan keterampilan', en: 'Vocational and skills training' },
  'business-capital': { id: 'Permodalan', en: 'Business capital' },
  'self-employment': { id: 'Swausaha', en: 'Self-employment' },
  'mental-strengthening': { id: 'Penguatan mental', en: 'Mental strengthening' },
  'religious-guidance': { id: 'Keagamaan', en: 'Religious guidance' },
  'psychological-support': { id: 'Psikologis', en: 'Psychological support' },
  health: { id: 'Kesehatan', en: 'Health' },
  education: { id: 'Pembangunan intelektual', en: 'Education (intellectual development)' },
  'legal-education': { id: 'Penyuluhan hukum', en: 'Legal education' },
  'legal-services': { id: 'Layanan hukum', en: 'Legal services' },
  'legal-aid': { id: 'Bantuan hukum', en: 'Legal aid' },
  mentoring: { id: 'Pendampingan', en: 'Mentoring' },
  guidance: { id: 'Bimbingan', en: 'Guidance' },
  'social-support': { id: 'Dukungan sosial', en: 'Social support' },
  supervision: { id: 'Pengawasan', en: 'Supervision' },
};

export const SERVICES: readonly Service[] = COMMUNITIES.flatMap((community) =>
  community.services.map((id) => ({ id, community: community.id, field: community.field, label: SERVICE_LABELS[id] })),
);

/** Labels of the smaller vocabularies, for reasons and pages. */
export const LABELS = {
  sector: {
    industry: { id: 'Industri', en: 'Industry' },
    agribusiness: { id: 'Agrobisnis', en: 'Agribusiness' },
    services: { id: 'Jasa', en: 'Services' },
  } satisfies Record<SectorId, Label>,
  mode: {
    'in-person': { id: 'Tatap muka', en: 'In person' },
    remote: { id: 'Jarak jauh (daring)', en: 'Remote' },
    'home-visit': { id: 'Kunjungan rumah', en: 'Home visit' },
  } satisfies Record<ModeId, Label>,
  kind: {
    individual: { id: 'Perorangan', en: 'Individual' },
    family: { id: 'Keluarga', en: 'Family' },
    observer: { id: 'Pemerhati pemasyarakatan', en: 'Observer' },
    academic: { id: 'Akademisi', en: 'Academic' },
    enterprise: { id: 'Wirausaha / UMKM', en: 'Enterprise' },
    'civil-society': { id: 'Organisasi masyarakat', en: 'Civil-society organisation' },
    'religious-institution': { id: 'Lembaga keagamaan', en: 'Religious institution' },
    government: { id: 'Instansi pemerintah', en: 'Government agency' },
  } satisfies Record<PartnerKindId, Label>,
  religion: {
    islam: { id: 'Islam', en: 'Islam' },
    protestant: { id: 'Kristen Protestan', en: 'Protestant' },
    catholic: { id: 'Katolik', en: 'Catholic' },
    hindu: { id: 'Hindu', en: 'Hindu' },
    buddhist: { id: 'Buddha', en: 'Buddhist' },
    confucian: { id: 'Khonghucu', en: 'Confucian' },
    other: { id: 'Lainnya (kepercayaan)', en: 'Other (indigenous beliefs)' },
  } satisfies Record<ReligionId, Label>,
  gender: {
    female: { id: 'Perempuan', en: 'Female' },
    male: { id: 'Laki-laki', en: 'Male' },
  } satisfies Record<GenderId, Label>,
  ageGroup: {
    adult: { id: 'Dewasa', en: 'Adult' },
    juvenile: { id: 'Anak', en: 'Juvenile' },
  } satisfies Record<AgeGroupId, Label>,
} as const;

const SERVICE_BY_ID = new Map(SERVICES.map((service) => [service.id, service]));

/** The service with its community, field and labels. */
export function getService(id: ServiceId): Service {
  // Every ServiceId is in the map by construction.
  return SERVICE_BY_ID.get(id)!;
}
