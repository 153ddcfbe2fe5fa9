import { FACTORS } from './factors';
import type { BeyondReachReason } from './schemas/coverage';
import { EXCLUSION_REASONS, MISSING_REASONS, type ExclusionReason, type MissingReason } from './schemas/result';
import {
  AGE_GROUP_IDS,
  COMMUNITIES,
  FIELDS,
  GENDER_IDS,
  LABELS,
  MODE_IDS,
  PARTNER_KIND_IDS,
  RELIGION_IDS,
  SECTOR_IDS,
  SERVICES,
  type Label,
} from './taxonomy';

export { FACTOR_LABELS } from './factors';

/**
 * Labels for the codes the matcher emits in a recommendation, beside the taxonomy's terms: why a
 * partner was excluded, why a need a match leaves open is not met. The factors' names come from
 * the factors themselves (`FACTOR_LABELS`). Each table names every code of its kind, so a new
 * code without a label does not compile.
 */

/** The name of each reason a partner is left out (`Recommendation.excluded[].reason`). */
export const EXCLUSION_LABELS: Readonly<Record<ExclusionReason, Label>> = {
  'no-matching-service': { id: 'Tidak memberikan layanan yang dibutuhkan', en: 'Offers none of the needed services' },
  inactive: { id: 'Sedang tidak aktif', en: 'Not active' },
  'at-capacity': { id: 'Kapasitas penuh', en: 'No places free' },
  'ineligible-age': { id: 'Tidak menerima kelompok umur klien', en: "Does not accept the client's age group" },
  'ineligible-gender': { id: 'Tidak menerima jenis kelamin klien', en: "Does not accept the client's gender" },
  'religion-mismatch': { id: 'Bimbingan keagamaan untuk agama lain', en: 'Religious guidance for another faith' },
  'sector-mismatch': { id: 'Sektor ekonomi tidak sesuai', en: 'Economic sector does not fit' },
  'mode-mismatch': { id: 'Cara layanan tidak sesuai', en: 'No acceptable mode' },
  'out-of-range': { id: 'Di luar jarak maksimum atau jangkauan layanan', en: 'Beyond the maximum distance or service radius' },
};

/** Why a match does not meet one of the client's needs (`Match.missing[].reason`), in a few words. */
export const MISSING_LABELS: Readonly<Record<MissingReason, Label>> = {
  'not-offered': { id: 'tidak diberikan', en: 'not offered' },
  'religion-mismatch': { id: 'agama lain', en: 'another faith' },
  'sector-mismatch': { id: 'sektor lain', en: 'another sector' },
  'mode-mismatch': { id: 'cara layanan tidak sesuai', en: 'no acceptable mode' },
  'out-of-range': { id: 'terlalu jauh', en: 'too far' },
};

/** Why a gap names no nearest partner beyond reach (`CoverageCell.nearestBeyondReach.reason`). */
export const BEYOND_REACH_LABELS: Readonly<Record<BeyondReachReason, Label>> = {
  'not-offered': { id: 'tidak ada mitra aktif yang memberikan layanan ini', en: 'no active partner offers this service' },
  'at-capacity': { id: 'semua mitra yang memberikannya penuh', en: 'every partner offering it is full' },
  'no-coordinates': { id: 'mitra yang memberikannya tidak mencatat koordinat', en: 'the partners offering it record no coordinates' },
};

/**
 * The whole vocabulary as one serialisable value (the API's `GET /v1/taxonomy`): the taxonomy's
 * terms, then the codes of results with their labels, each list in the order the matcher
 * reports it.
 */
export const TAXONOMY = {
  fields: FIELDS,
  communities: COMMUNITIES,
  services: SERVICES,
  sectors: SECTOR_IDS.map((id) => ({ id, label: LABELS.sector[id] })),
  modes: MODE_IDS.map((id) => ({ id, label: LABELS.mode[id] })),
  partnerKinds: PARTNER_KIND_IDS.map((id) => ({ id, label: LABELS.kind[id] })),
  religions: RELIGION_IDS.map((id) => ({ id, label: LABELS.religion[id] })),
  genders: GENDER_IDS.map((id) => ({ id, label: LABELS.gender[id] })),
  ageGroups: AGE_GROUP_IDS.map((id) => ({ id, label: LABELS.ageGroup[id] })),
  exclusionReasons: EXCLUSION_REASONS.map((id) => ({ id, label: EXCLUSION_LABELS[id] })),
  missingReasons: MISSING_REASONS.map((id) => ({ id, label: MISSING_LABELS[id] })),
  factors: FACTORS.map(({ id, label }) => ({ id, label })),
} as const;
