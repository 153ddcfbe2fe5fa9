import { cosLatitude } from '../geo';
import { compareStrings } from '../order';
import type { Offering, Partner } from '../schemas/partner';
import type { ServiceId } from '../taxonomy';
import { offeringKey, partnerCode } from './codes';

/**
 * The side of the grid's square cells, in degrees: 0.25 (about 28 km at the equator) from
 * 50,000 partners up, wider for fewer partners (about 0.56 at 10,000, 1.8 at 1,000, at most 2),
 * so that a cell holds enough partners for its one reach test to pay for itself.
 */
export function cellDegrees(partners: number): number {
  return Math.min(2, Math.max(0.25, 0.25 * Math.sqrt(50_000 / Math.max(1, partners))));
}

/** The partners that offer one service, as parallel arrays. */
export interface ServiceList {
  /** Each offering's partner, by position in the index (so, cell by cell). */
  readonly partner: Int32Array;
  /** Each offering's index in `profiles`. */
  readonly profile: Uint16Array | Uint32Array;
  /** One offering per distinct combination of modes, sectors and faiths (see `offeringKey`). */
  readonly profiles: readonly Offering[];
  /** Where each run of offerings in one cell starts, and one past the last run's end. */
  readonly runStart: Int32Array;
  /** Each run's cell (-1: partners without coordinates). */
  readonly runCell: Int32Array;
}

/** The bounding boxes of the grid's non-empty cells, drawn tight around their partners. */
export interface Cells {
  readonly count: number;
  readonly latMin: Float64Array;
  readonly latMax: Float64Array;
  readonly lonMin: Float64Array;
  readonly lonMax: Float64Array;
  /** The smallest cosine of a latitude in the box. */
  readonly minCos: Float64Array;
  /** The largest `serviceRadiusKm` given in the cell, -Infinity when none is. */
  readonly maxRadius: Float64Array;
  /** 1 when some partner of the cell gives no radius (the default applies to it). */
  readonly defaultRadius: Uint8Array;
}

/**
 * Everything a query reads about the partners, in typed arrays indexed by the partner's
 * position in the index: partners sorted by grid cell, so that a cell's partners sit side by
 * side and a walk over any service meets them cell after cell. `order` maps a position back to
 * the partner's place in `partners`. Missing numbers are NaN; missing codes are -1.
 */
export interface PartnerIndex {
  /** The partners as given. */
  readonly partners: readonly Partner[];
  /** For each position, the partner's place in `partners`. */
  readonly order: Int32Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** `serviceRadiusKm`, NaN when the partner gives none. */
  readonly radius: Float64Array;
  /** The capacity factor's value: the share of places free, 1 without a recorded capacity. */
  readonly headroom: Float64Array;
  /** What the partner-level rules read (see `partnerCode`). */
  readonly code: Uint8Array;
  /** The Bapas, as an index into `bapasIds`. */
  readonly bapas: Int32Array;
  readonly bapasIds: ReadonlyMap<string, number>;
  /** The regency code as a number (`32.73` is 3273), -1 when absent. */
  readonly regency: Int32Array;
  /** The partner's place when all are sorted by id: ties are broken by comparing these. */
  readonly idRank: Int32Array;
  /** The partner's grid cell, -1 without coordinates. */
  readonly cell: Int32Array;
  readonly cells: Cells;
  readonly services: ReadonlyMap<ServiceId, ServiceList>;
}

/** `32.73` as 3273; the schema guarantees the NN.NN form. */
export const regencyNumber = (code: string | undefined): number => (code === undefined ? -1 : Number(code.replace('.', '')));

/** The grid square a point falls in, as one number; partners without coordinates sort last. */
const cellKey = (partner: Partner, degrees: number): number =>
  partner.location
    ? Math.floor(partner.location.lat / degrees) * 4096 + Math.floor(partner.location.lon / degrees)
    : Number.POSITIVE_INFINITY;

/** Builds the index over validated partners; tests may set the cells' size. */
export function buildPartnerIndex(partners: readonly Partner[], degrees = cellDegrees(partners.length)): PartnerIndex {
  const size = partners.length;
  const keys = partners.map((partner) => cellKey(partner, degrees));
  const order = Int32Array.from(partners.keys()).sort((a, b) => keys[a]! - keys[b]! || a - b);
  const lat = new Float64Array(size).fill(Number.NaN);
  const lon = new Float64Array(size).fill(Number.NaN);
  const radius = new Float64Array(size).fill(Number.NaN);
  const headroom = new Float64Array(size);
  const code = new Uint8Array(size);
  const bapas = new Int32Array(size);
  const regency = new Int32Array(size);
  const cell = new Int32Array(size).fill(-1);
  const bapasIds = new Map<string, number>();
  let cells = 0;

  order.forEach((place, position) => {
    const partner = partners[place]!;
    const { location, capacity } = partner;
    if (location) {
      lat[position] = location.lat;
      lon[position] = location.lon;
      if (position > 0 && keys[order[position - 1]!] !== keys[place]) cells++;
      cell[position] = cells;
    }
    if (partner.serviceRadiusKm !== undefined) radius[position] = partner.serviceRadiusKm;
    const freePlaces = capacity ? capacity.total - capacity.used : null;
    headroom[position] = freePlaces === null || !capacity ? 1 : freePlaces / capacity.total;
    code[position] = partnerCode(partner, freePlaces);
    let office = bapasIds.get(partner.bapasId);
    if (office === undefined) bapasIds.set(partner.bapasId, (office = bapasIds.size));
    bapas[position] = office;
    regency[position] = regencyNumber(partner.regencyCode);
  });
  const cellCount = size > 0 && partners[order[0]!]!.location ? cells + 1 : 0;

  const idRank = new Int32Array(size);
  const byId = Array.from(order.keys()).sort((a, b) => compareStrings(partners[order[a]!]!.id, partners[order[b]!]!.id));
  byId.forEach((position, rank) => {
    idRank[position] = rank;
  });

  return {
    partners,
    order,
    lat,
    lon,
    radius,
    headroom,
    code,
    bapas,
    bapasIds,
    regency,
    idRank,
    cell,
    cells: boxCells(cellCount, cell, lat, lon, radius),
    services: serviceLists(partners, order, cell),
  };
}

function boxCells(count: number, cell: Int32Array, lat: Float64Array, lon: Float64Array, radius: Float64Array): Cells {
  const latMin = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const latMax = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
  const lonMin = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const lonMax = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
  const maxRadius = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
  const defaultRadius = new Uint8Array(count);
  cell.forEach((id, index) => {
    if (id < 0) return;
    latMin[id] = Math.min(latMin[id]!, lat[index]!);
    latMax[id] = Math.max(latMax[id]!, lat[index]!);
    lonMin[id] = Math.min(lonMin[id]!, lon[index]!);
    lonMax[id] = Math.max(lonMax[id]!, lon[index]!);
    if (Number.isNaN(radius[index]!)) defaultRadius[id] = 1;
    else maxRadius[id] = Math.max(maxRadius[id]!, radius[index]!);
  });
  // Cosine falls away from the equator, so the box's smallest is at one of its edges.
  const minCos = latMin.map((low, id) => Math.min(cosLatitude(low), cosLatitude(latMax[id]!)));
  return { count, latMin, latMax, lonMin, lonMax, minCos, maxRadius, defaultRadius };
}

function serviceLists(partners: readonly Partner[], order: Int32Array, cell: Int32Array): Map<ServiceId, ServiceList> {
  const found = new Map<ServiceId, { partner: number[]; profile: number[]; keys: Map<string, number>; profiles: Offering[] }>();
  order.forEach((place, position) => {
    for (const offering of partners[place]!.offerings) {
      let list = found.get(offering.service);
      if (!list) found.set(offering.service, (list = { partner: [], profile: [], keys: new Map(), profiles: [] }));
      const key = offeringKey(offering);
      let profile = list.keys.get(key);
      if (profile === undefined) {
        list.keys.set(key, (profile = list.profiles.length));
        list.profiles.push(offering);
      }
      list.partner.push(position);
      list.profile.push(profile);
    }
  });
  const lists = new Map<ServiceId, ServiceList>();
  for (const [service, list] of found) {
    const runStart: number[] = [];
    const runCell: number[] = [];
    list.partner.forEach((position, at) => {
      const here = cell[position]!;
      if (at === 0 || here !== runCell[runCell.length - 1]) {
        runStart.push(at);
        runCell.push(here);
      }
    });
    runStart.push(list.partner.length);
    lists.set(service, {
      partner: Int32Array.from(list.partner),
      profile: list.profiles.length <= 0xffff ? Uint16Array.from(list.profile) : Uint32Array.from(list.profile),
      profiles: list.profiles,
      runStart: Int32Array.from(runStart),
      runCell: Int32Array.from(runCell),
    });
  }
  return lists;
}
