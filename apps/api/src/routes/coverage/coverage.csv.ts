import type { BapasOffice } from '@pokmas/directory';
import { getService, type PlaceCoverage } from '@pokmas/matcher';

/** The columns, one row per Bapas and service ("long" form, for filters and pivot tables). */
export const COVERAGE_CSV_COLUMNS = [
  'bapas_id',
  'bapas_name',
  'kanwil',
  'province_code',
  'province_name',
  'regency_code',
  'service',
  'service_name',
  'partners',
  'in_person',
  'remote_only',
  'nearest_km',
  'free_places',
  'unlimited_partners',
  'at_capacity',
  'genders',
  'gap',
] as const;

/**
 * One field of RFC 4180: quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The coverage of some Bapas as CSV with a header row; `gap` is 1 where no partner serves. */
export function coverageCsv(places: readonly PlaceCoverage[], offices: ReadonlyMap<string, BapasOffice>): string {
  const rows: string[] = [COVERAGE_CSV_COLUMNS.join(',')];
  for (const place of places) {
    const office = offices.get(place.id);
    for (const cell of place.services) {
      rows.push(
        [
          place.id,
          place.label ?? office?.name ?? '',
          place.group ?? office?.kanwil ?? '',
          office?.provinceCode ?? '',
          office?.provinceName ?? '',
          place.regencyCode ?? '',
          cell.service,
          getService(cell.service).label.id,
          cell.partners,
          cell.inPerson,
          cell.remoteOnly,
          cell.nearestKm,
          cell.freePlaces,
          cell.unlimitedPartners,
          cell.atCapacity,
          cell.genders.join(' '),
          cell.partners === 0 ? 1 : 0,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
