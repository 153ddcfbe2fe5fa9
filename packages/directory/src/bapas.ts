import type { Location } from '@pokmas/matcher';
import Papa from 'papaparse';

export const BAPAS_STATUSES = ['S1', 'added_later', 'planned'] as const;
export type BapasStatus = (typeof BAPAS_STATUSES)[number];

/** A probation office (Balai Pemasyarakatan), as in the package's `data/bapas.csv`. */
export interface BapasOffice {
  /** A stable three-digit id of the list (`"026"`). */
  id: string;
  /** Official name with its class as of the source (`"Bapas Kelas I Bandung"`). */
  name: string;
  /** `null` where the class is unverified (`?` in the source). Classes change over time. */
  class: 'I' | 'II' | null;
  /** The town where the office stands. */
  seat: string;
  regencyCode: string;
  regencyName: string;
  provinceCode: string;
  provinceName: string;
  /** The regional office (Kanwil) it belonged to in 2020. */
  kanwil: string;
  /** `S1`: in the 2020 master list; `added_later`: found in later sources; `planned`: not yet an office. */
  status: BapasStatus;
  /** The seat's point (a town point, not the office's address). */
  location: Location;
  /** Doubts recorded with the row (Kota or Kabupaten of the same name, a class in dispute); absent when none. */
  notes?: string;
}

const COLUMNS = [
  'id',
  'name',
  'class',
  'seat',
  'regency_code',
  'regency_name',
  'province_code',
  'province_name',
  'kanwil_2020',
  'status',
  'lat',
  'lon',
] as const;

function parseClass(value: string): BapasOffice['class'] {
  return value === 'I' || value === 'II' ? value : null;
}

function isStatus(value: string): value is BapasStatus {
  return (BAPAS_STATUSES as readonly string[]).includes(value);
}

/**
 * Reads the Bapas list. The file is the project's own reference data, so a malformed row is a
 * defect to fix in the file: it throws, naming the row, instead of skipping it.
 */
export function parseBapasCsv(text: string): BapasOffice[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const firstError = parsed.errors[0];
  if (firstError) throw new Error(`bapas.csv row ${firstError.row ?? '?'}: ${firstError.message}`);
  const missing = COLUMNS.filter((column) => !parsed.meta.fields?.includes(column));
  if (missing.length > 0) throw new Error(`bapas.csv lacks the columns ${missing.join(', ')}`);

  const seen = new Set<string>();
  return parsed.data.map((row, index) => {
    const where = `bapas.csv row ${index + 2}`;
    const cell = (column: (typeof COLUMNS)[number]): string => (row[column] ?? '').trim();
    const id = cell('id');
    if (!/^\d{3}$/.test(id)) throw new Error(`${where}: id ${JSON.stringify(id)} is not three digits`);
    if (seen.has(id)) throw new Error(`${where}: id ${id} is used twice`);
    seen.add(id);
    const status = cell('status');
    if (!isStatus(status)) throw new Error(`${where}: status ${JSON.stringify(status)} is not one of ${BAPAS_STATUSES.join(', ')}`);
    const lat = Number(cell('lat'));
    const lon = Number(cell('lon'));
    if (cell('lat') === '' || cell('lon') === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      throw new Error(`${where}: lat and lon must be numbers`);
    }
    for (const column of COLUMNS) {
      if (cell(column) === '' && column !== 'class') throw new Error(`${where}: ${column} is empty`);
    }
    const notes = (row.notes ?? '').trim();
    return {
      id,
      name: cell('name'),
      class: parseClass(cell('class')),
      seat: cell('seat'),
      regencyCode: cell('regency_code'),
      regencyName: cell('regency_name'),
      provinceCode: cell('province_code'),
      provinceName: cell('province_name'),
      kanwil: cell('kanwil_2020'),
      status,
      location: { lat, lon },
      ...(notes ? { notes } : {}),
    };
  });
}
