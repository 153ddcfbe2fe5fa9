import type { Partner } from '@pokmas/matcher';
import Papa from 'papaparse';
import type { RegistryIssue } from '../errors';
import { type CsvCell, unguardCsvCell, writeCsv } from '../spreadsheet-csv';
import type { CandidateRow, FieldNamer, PokmasHint, RegistryCandidate } from './candidate';
import { formatOfferingsCell, parseOfferingsCell } from './offerings-cell';
import type { Pokmas } from './pokmas';

/**
 * The columns of a registry spreadsheet, one row per partner, in the order they are written.
 * Only `id`, `name`, `kind`, `bapasId` and `services` are required; a blank cell leaves the
 * field out.
 */
export const CSV_COLUMNS = [
  'id',
  'name',
  'kind',
  'bapasId',
  'pokmasId',
  'pokmasName',
  'pokmasField',
  'regencyCode',
  'lat',
  'lon',
  'serviceRadiusKm',
  'services',
  'capacityTotal',
  'capacityUsed',
  'genders',
  'ageGroups',
  'languages',
  'active',
  'contactPerson',
  'phone',
  'email',
  'address',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const REQUIRED: readonly CsvColumn[] = ['id', 'name', 'kind', 'bapasId', 'services'];

/** Where each Partner field lives in the spreadsheet, for reporting schema issues by column. */
const COLUMN_OF_PATH: Record<string, CsvColumn> = {
  'location.lat': 'lat',
  'location.lon': 'lon',
  location: 'lat',
  offerings: 'services',
  'capacity.total': 'capacityTotal',
  'capacity.used': 'capacityUsed',
  capacity: 'capacityTotal',
  'eligibility.genders': 'genders',
  'eligibility.ageGroups': 'ageGroups',
  eligibility: 'genders',
  'contact.person': 'contactPerson',
  'contact.phone': 'phone',
  'contact.email': 'email',
  'contact.address': 'address',
  contact: 'contactPerson',
};

const csvFieldName: FieldNamer = (path) => {
  const names = path.filter((key): key is string => typeof key === 'string');
  for (let length = Math.min(names.length, 2); length > 0; length -= 1) {
    const column = COLUMN_OF_PATH[names.slice(0, length).join('.')];
    if (column) return column;
  }
  return names[0] ?? '';
};

const POKMAS_COLUMNS: Record<string, CsvColumn> = { id: 'pokmasId', bapasId: 'bapasId', name: 'pokmasName', field: 'pokmasField' };
const pokmasFieldName: FieldNamer = (path) => POKMAS_COLUMNS[String(path[0])] ?? 'pokmasId';

// Plain decimals, and the exponent form JavaScript writes for very small or large numbers.
const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;
const TRUE = ['true', 'yes', 'ya', '1'];
const FALSE = ['false', 'no', 'tidak', '0'];

type Cells = Partial<Record<CsvColumn, string>>;

// A spreadsheet that took a cell for a number drops leading and trailing zeros: Bapas "026"
// becomes 26 and regency "32.10" becomes 32.1. Both are restored, as Bapas ids are three
// digits and regency codes NN.NN.
const unmangleBapasId = (cell: string | undefined) => (cell && /^\d{1,2}$/.test(cell) ? cell.padStart(3, '0') : cell);
const unmangleRegencyCode = (cell: string | undefined) => (cell && /^\d{2}\.\d$/.test(cell) ? `${cell}0` : cell);

/** Reads one row's cells into a Partner-shaped value, reporting cells that cannot be read. */
function readRow(cells: Cells, report: (column: CsvColumn, message: string) => void): Record<string, unknown> {
  const text = (column: CsvColumn): string | undefined => cells[column] || undefined;
  const number = (column: CsvColumn): number | undefined => {
    const cell = text(column);
    if (cell === undefined) return undefined;
    if (NUMBER.test(cell)) return Number(cell);
    report(
      column,
      `${JSON.stringify(cell)} is not a number${cell.includes(',') ? '; use a dot for decimals, no thousands separator' : ''}`,
    );
    return undefined;
  };
  const list = (column: CsvColumn): string[] | undefined =>
    text(column)
      ?.split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '');

  const partner: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) partner[key] = value;
  };
  set('id', text('id'));
  set('name', text('name'));
  set('kind', text('kind'));
  set('bapasId', unmangleBapasId(text('bapasId')));
  set('pokmasId', text('pokmasId'));

  const lat = number('lat');
  const lon = number('lon');
  if (lat !== undefined && lon !== undefined) partner.location = { lat, lon };
  else if (text('lat') === undefined && text('lon') !== undefined) report('lat', 'give lat with lon, or neither');
  else if (text('lon') === undefined && text('lat') !== undefined) report('lon', 'give lon with lat, or neither');

  set('regencyCode', unmangleRegencyCode(text('regencyCode')));
  set('serviceRadiusKm', number('serviceRadiusKm'));

  const services = parseOfferingsCell(cells.services ?? '');
  if (services.ok) partner.offerings = services.offerings;
  else report('services', services.messages.join('; '));

  const total = number('capacityTotal');
  const used = number('capacityUsed');
  if (total !== undefined) partner.capacity = { total, used: used ?? 0 };
  else if (text('capacityUsed') !== undefined && text('capacityTotal') === undefined)
    report('capacityTotal', 'give capacityTotal when capacityUsed is given');

  const genders = list('genders');
  const ageGroups = list('ageGroups');
  if (genders?.length || ageGroups?.length) {
    partner.eligibility = { ...(genders?.length ? { genders } : {}), ...(ageGroups?.length ? { ageGroups } : {}) };
  }
  const languages = list('languages');
  if (languages?.length) partner.languages = languages;

  const active = text('active')?.toLowerCase();
  if (active !== undefined) {
    if (TRUE.includes(active)) partner.active = true;
    else if (FALSE.includes(active)) partner.active = false;
    else report('active', `${JSON.stringify(cells.active)} is not true or false (yes/no), or blank for active`);
  }

  const contact = {
    ...(text('contactPerson') ? { person: text('contactPerson') } : {}),
    ...(text('phone') ? { phone: text('phone') } : {}),
    ...(text('email') ? { email: text('email') } : {}),
    ...(text('address') ? { address: text('address') } : {}),
  };
  if (Object.keys(contact).length > 0) partner.contact = contact;
  return partner;
}

/** Matches a header cell to a column, forgiving case and spaces (`Bapas ID` is `bapasId`). */
function columnOf(header: string): CsvColumn | undefined {
  const squashed = header.replace(/[\s_-]/g, '').toLowerCase();
  return CSV_COLUMNS.find((column) => column.toLowerCase() === squashed);
}

/**
 * The separator the header row uses most. Decided from the header alone: partner rows hold
 * `;` in their services and `,` in names, which can sway a guess over whole rows.
 */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (separator: string) => header.split(separator).length - 1;
  return [';', '\t'].reduce((best, separator) => (count(separator) > count(best) ? separator : best), ',');
}

/**
 * Reads a registry spreadsheet saved as CSV (comma, semicolon or tab separated, as spreadsheet
 * programs in different locales save it). Row numbers are the spreadsheet's: the header is
 * row 1, the first partner row 2; blank rows are skipped but keep their numbers.
 */
export function readCsvRegistry(text: string): RegistryCandidate {
  const issues: RegistryIssue[] = [];
  const candidate: RegistryCandidate = {
    issues,
    partners: [],
    pokmas: undefined,
    pokmasHints: new Map(),
    impliedPokmasFieldName: pokmasFieldName,
  };
  const body = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(body, { delimiter: delimiterOf(body), skipEmptyLines: false });
  for (const error of parsed.errors) {
    // Papa's row is the 0-based record index, the header included: the spreadsheet row is one more.
    const row = error.row === undefined ? 0 : error.row + 1;
    issues.push({ row, field: '', message: error.message, section: row === 0 ? 'file' : 'partners' });
  }

  const [header = [], ...records] = parsed.data;
  const columns = header.map((cell) => columnOf(cell.trim()));
  header.forEach((cell, index) => {
    const column = columns[index];
    if (cell.trim() !== '' && column === undefined) {
      issues.push({ row: 1, field: cell.trim(), message: `unknown column; use ${CSV_COLUMNS.join(', ')}`, section: 'partners' });
    } else if (column !== undefined && columns.indexOf(column) !== index) {
      issues.push({ row: 1, field: column, message: 'the column appears twice', section: 'partners' });
    }
  });
  const present = new Set(columns.filter((column): column is CsvColumn => column !== undefined));
  const missing = REQUIRED.filter((column) => !present.has(column));
  if (missing.length > 0) {
    issues.push({
      row: 1,
      field: missing.join(', '),
      message: `missing required column${missing.length === 1 ? '' : 's'}`,
      section: 'partners',
    });
    return candidate;
  }

  const hints = new Map<string, PokmasHint & { rows: Record<'name' | 'field', number | undefined> }>();
  records.forEach((record, index) => {
    const row = index + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    const extra = record.slice(header.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0)
      issues.push({ row, field: '', message: `${record.length} cells, but the header has ${header.length} columns`, section: 'partners' });

    const cells: Cells = {};
    columns.forEach((column, position) => {
      // Unguarded before trimming, as written: a text that began with a space was never guarded.
      if (column) cells[column] = unguardCsvCell(record[position] ?? '').trim();
    });
    const report = (field: CsvColumn, message: string) => issues.push({ row, field, message, section: 'partners' });
    const value = readRow(cells, report);
    candidate.partners.push({ row, section: 'partners', value, fieldName: csvFieldName });

    const pokmasId = cells.pokmasId;
    if (!pokmasId) {
      if (cells.pokmasName || cells.pokmasField) report('pokmasId', 'give pokmasId with pokmasName or pokmasField');
      return;
    }
    const hint = hints.get(pokmasId) ?? { rows: { name: undefined, field: undefined } };
    hints.set(pokmasId, hint);
    for (const [key, column] of [
      ['name', 'pokmasName'],
      ['field', 'pokmasField'],
    ] as const) {
      const given = cells[column];
      if (!given) continue;
      if (hint[key] === undefined) {
        hint[key] = given;
        hint.rows[key] = row;
      } else if (hint[key] !== given) {
        report(
          column,
          `POKMAS ${pokmasId} is given as ${JSON.stringify(hint[key])} on row ${hint.rows[key]}; give one ${column} per POKMAS`,
        );
      }
    }
  });
  candidate.pokmasHints = new Map(
    [...hints].map(([id, { name, field }]) => [id, { ...(name ? { name } : {}), ...(field ? { field } : {}) }]),
  );
  return candidate;
}

// Numbers go as numbers: the writer guards text that a spreadsheet would run as a formula, and a
// latitude such as -6.9175 is not one.
const cellsOf = (partner: Partner, group: Pokmas | undefined): Record<CsvColumn, CsvCell> => ({
  id: partner.id,
  name: partner.name,
  kind: partner.kind,
  bapasId: partner.bapasId,
  pokmasId: partner.pokmasId,
  pokmasName: group?.name,
  pokmasField: group?.field,
  regencyCode: partner.regencyCode,
  lat: partner.location?.lat,
  lon: partner.location?.lon,
  serviceRadiusKm: partner.serviceRadiusKm,
  services: formatOfferingsCell(partner.offerings),
  capacityTotal: partner.capacity?.total,
  capacityUsed: partner.capacity?.used,
  genders: partner.eligibility?.genders?.join(','),
  ageGroups: partner.eligibility?.ageGroups?.join(','),
  languages: partner.languages?.join(','),
  active: partner.active,
  contactPerson: partner.contact?.person,
  phone: partner.contact?.phone,
  email: partner.contact?.email,
  address: partner.contact?.address,
});

/**
 * Writes partners as a registry spreadsheet (CSV, one row per partner) that
 * {@link parseRegistry} reads back to the same partners. Give the POKMAS to write their names
 * and fields too; without them, a POKMAS's field is inferred again from its partners' services.
 * A text that a spreadsheet would run as a formula (a name `=HYPERLINK(...)`, a phone
 * `+62 812 ...`) is written behind an apostrophe, which the reader takes off again.
 *
 * @example
 * await writeFile('partners.csv', registryToCsv(registry.partners, registry.pokmas));
 */
export function registryToCsv(partners: readonly Partner[], pokmas: readonly Pokmas[] = []): string {
  const groups = new Map(pokmas.map((group) => [group.id, group]));
  // The POKMAS's name and field go on every row of it, so that sorting or deleting rows loses nothing.
  const data = partners.map((partner) => {
    const cells = cellsOf(partner, partner.pokmasId === undefined ? undefined : groups.get(partner.pokmasId));
    return CSV_COLUMNS.map((column) => cells[column]);
  });
  return writeCsv(CSV_COLUMNS, data, { newline: '\n' });
}
