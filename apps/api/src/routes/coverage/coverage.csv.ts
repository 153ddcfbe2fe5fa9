import { type BapasOffice, type CsvCell, writeCsv } from '@pokmas/directory';
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
 * The coverage of some Bapas as CSV with a header row; `gap` is 1 where no partner serves. Written
 * by the registry export's writer, which guards text that a spreadsheet would run as a formula.
 */
export function coverageCsv(places: readonly PlaceCoverage[], offices: ReadonlyMap<string, BapasOffice>): string {
  const rows = places.flatMap((place) => {
    const office = offices.get(place.id);
    return place.services.map((cell): CsvCell[] => [
      place.id,
      place.label ?? office?.name,
      place.group ?? office?.kanwil,
      office?.provinceCode,
      office?.provinceName,
      place.regencyCode,
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
    ]);
  });
  return writeCsv(COVERAGE_CSV_COLUMNS, rows);
}
