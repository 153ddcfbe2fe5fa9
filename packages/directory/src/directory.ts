import { readFile } from 'node:fs/promises';
import type { Location } from '@pokmas/matcher';
import { getProvinces, getRegencies } from 'idn-area-data';
import { type BapasOffice, parseBapasCsv } from './bapas';
import { BAPAS_FILE, REGENCY_COORDS_FILE } from './data-files';
import { DirectoryError } from './errors';
import { type Province, type Regency, joinRegencies, parseRegencyPoints } from './regions';

/** Where a counsellor's client is, as far as the request says. */
export interface LocationInput {
  location?: Location;
  regencyCode?: string;
  bapasId?: string;
}

export interface ResolvedLocation {
  location: Location;
  /** The regency given, or the Bapas's regency when the point is its seat. */
  regencyCode?: string;
  source: 'coordinates' | 'regency' | 'bapas';
}

/** The reference data requests refer to: Bapas offices, provinces and regencies. */
export interface Directory {
  /** Every Bapas in the data file, in file order, including planned ones (see `status`). */
  readonly bapas: readonly BapasOffice[];
  /**
   * The Bapas that are offices today, in file order: every one of `bapas` but the planned ones.
   * Partners are registered at these, coverage is measured at their seats, and the demo
   * registry and the benchmark place partners and clients around them.
   *
   * @example
   * directory.offices.some((office) => office.id === '009'); // false: Dumai is planned
   */
  readonly offices: readonly BapasOffice[];
  /** Any Bapas of `bapas` by id, planned ones included. */
  getBapas(id: string): BapasOffice | undefined;
  /**
   * The office of `offices` with this id: `undefined` for an unknown id and for a planned Bapas,
   * which is not yet an office (`getBapas` tells the two apart).
   */
  getOffice(id: string): BapasOffice | undefined;
  readonly provinces: readonly Province[];
  readonly regencies: readonly Regency[];
  getRegency(code: string): Regency | undefined;
  /**
   * Resolves a location the way a counsellor gives it: explicit lat/lon first, else the
   * regency's point, else the seat of the client's Bapas. A regency code or Bapas id that is
   * given must exist even when it is not the one used: a typo is reported, not ignored.
   *
   * @throws DirectoryError UNKNOWN_REGENCY, UNKNOWN_BAPAS, or NO_LOCATION when none is given.
   * @example
   * directory.resolveLocation({ regencyCode: '32.73', bapasId: '026' })
   * // { location: { lat: ..., lon: ... }, regencyCode: '32.73', source: 'regency' }
   */
  resolveLocation(input: LocationInput): ResolvedLocation;
}

export interface DirectoryData {
  bapas: readonly BapasOffice[];
  provinces: readonly Province[];
  regencies: readonly Regency[];
}

/**
 * A directory over the given data. Checks that every Bapas sits in a known regency, so that
 * resolving a Bapas seat never yields an unknown code. Use {@link loadDirectory} for the
 * package's own data; this is for tests and for deployments with their own Bapas list.
 */
export function createDirectory(data: DirectoryData): Directory {
  const bapasById = new Map(data.bapas.map((office) => [office.id, office]));
  const offices = data.bapas.filter((office) => office.status !== 'planned');
  const officeById = new Map(offices.map((office) => [office.id, office]));
  const regencyByCode = new Map(data.regencies.map((regency) => [regency.code, regency]));
  const strays = data.bapas.filter((office) => !regencyByCode.has(office.regencyCode));
  if (strays.length > 0) {
    throw new Error(`Bapas in unknown regencies: ${strays.map((office) => `${office.id} (${office.regencyCode})`).join(', ')}`);
  }

  function resolveLocation(input: LocationInput): ResolvedLocation {
    const regency = input.regencyCode === undefined ? undefined : regencyByCode.get(input.regencyCode);
    if (input.regencyCode !== undefined && !regency) {
      throw new DirectoryError(
        'UNKNOWN_REGENCY',
        'regencyCode',
        `unknown regency code ${JSON.stringify(input.regencyCode)}: use a Kemendagri code such as 32.73`,
      );
    }
    const office = input.bapasId === undefined ? undefined : bapasById.get(input.bapasId);
    if (input.bapasId !== undefined && !office) {
      throw new DirectoryError(
        'UNKNOWN_BAPAS',
        'bapasId',
        `unknown Bapas id ${JSON.stringify(input.bapasId)}: use a three-digit id of the directory such as 026`,
      );
    }
    if (input.location) {
      return {
        location: { lat: input.location.lat, lon: input.location.lon },
        ...(regency ? { regencyCode: regency.code } : {}),
        source: 'coordinates',
      };
    }
    if (regency) return { location: { ...regency.location }, regencyCode: regency.code, source: 'regency' };
    if (office) return { location: { ...office.location }, regencyCode: office.regencyCode, source: 'bapas' };
    throw new DirectoryError('NO_LOCATION', 'location', 'give a location (lat and lon), a regency code or a Bapas id');
  }

  return {
    bapas: data.bapas,
    offices,
    getBapas: (id) => bapasById.get(id),
    getOffice: (id) => officeById.get(id),
    provinces: data.provinces,
    regencies: data.regencies,
    getRegency: (code) => regencyByCode.get(code),
    resolveLocation,
  };
}

async function readDirectory(): Promise<Directory> {
  const [bapasText, pointsText, provinces, regencies] = await Promise.all([
    readFile(BAPAS_FILE, 'utf8'),
    readFile(REGENCY_COORDS_FILE, 'utf8'),
    getProvinces(),
    getRegencies({ transform: true }),
  ]);
  return createDirectory({
    bapas: parseBapasCsv(bapasText),
    provinces: provinces.map(({ code, name }) => ({ code, name })),
    regencies: joinRegencies(regencies, parseRegencyPoints(pointsText)),
  });
}

let loading: Promise<Directory> | undefined;

/**
 * The package's directory: its own Bapas and regency-point files joined with `idn-area-data`.
 * Read once and shared; a failed read is not remembered, so a later call tries again.
 *
 * @example
 * const directory = await loadDirectory();
 * directory.getBapas('026')?.name; // 'Bapas Kelas I Bandung'
 */
export function loadDirectory(): Promise<Directory> {
  loading ??= readDirectory().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
