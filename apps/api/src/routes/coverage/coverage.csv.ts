import { type BapasOffice, type CsvCell, writeCsv } from '@pokmas/directory';
import { getService, type BeyondReach, type Lang, type PlaceCoverage } from '@pokmas/matcher';

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
  // For a gap: the nearest partner offering the service though beyond reach, or why there is none.
  'beyond_reach_partner_id',
  'beyond_reach_partner_name',
  'beyond_reach_km',
  'beyond_reach_reason',
] as const;

const beyondReachCells = (beyond: BeyondReach | undefined): CsvCell[] =>
  !beyond ? [null, null, null, null] : beyond.found ? [beyond.partnerId, beyond.name, beyond.km, null] : [null, null, null, beyond.reason];

/**
 * The coverage of some Bapas as CSV with a header row; `gap` is 1 where no partner serves, and
 * then the `beyond_reach_*` columns name the nearest partner that offers the service with its
 * distance in km, or give the reason code (`not-offered`, `at-capacity`, `no-coordinates`);
 * `service_name` is in `lang` (Indonesian unless told). Written
 * by the registry export's writer, which guards text that a spreadsheet would run as a formula.
 */
export function coverageCsv(places: readonly PlaceCoverage[], offices: ReadonlyMap<string, BapasOffice>, lang: Lang = 'id'): string {
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
      getService(cell.service).label[lang],
      cell.partners,
      cell.inPerson,
      cell.remoteOnly,
      cell.nearestKm,
      cell.freePlaces,
      cell.unlimitedPartners,
      cell.atCapacity,
      cell.genders.join(' '),
      cell.partners === 0 ? 1 : 0,
      ...beyondReachCells(cell.nearestBeyondReach),
    ]);
  });
  return writeCsv(COVERAGE_CSV_COLUMNS, rows);
}
