import type { PreparedPartner } from '../context';
import { MatcherError } from '../errors';
import { FactorColumns } from '../factors/columns';
import { cosLatitude } from '../geo';
import { compareStrings } from '../order';
import { preparePartner } from '../prepare';
import { partnerProfile } from '../rules/eligibility';
import { offeringKey } from '../rules/reach';
import type { Offering, Partner } from '../schemas/partner';
import type { ServiceId } from '../taxonomy';
import { PartnerList } from './partner-list';

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
  /** Each offering's partner, by position in the index (so, cell by cell, and ascending). */
  readonly partner: Int32Array;
  /** Each offering's index in `profiles`. */
  readonly profile: Uint16Array | Uint32Array;
  /** One offering per distinct `offeringKey`: what the need rules read of it. */
  readonly profiles: readonly Offering[];
  readonly profileKeys: readonly string[];
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
 * the partner's place in `partners`. The index stores what the rules and the factors declare
 * they read, and nothing of its own: the partner-level rules' profile (`partnerProfile`), each
 * offering's profile (`offeringKey`), each factor's column, and where the partner is.
 */
export interface PartnerIndex {
  /** The partners as given, by place. */
  readonly partners: PartnerList;
  /** For each position, the partner's place in `partners`. */
  readonly order: Int32Array;
  /** Coordinates, NaN without them. */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** `serviceRadiusKm`, NaN when the partner gives none (the default applies). */
  readonly radius: Float64Array;
  /** Each partner's profile for the partner-level rules, as an index into `profiles`. */
  readonly profile: Uint8Array | Uint16Array | Uint32Array;
  /** One partner per distinct profile, for the rules to be asked about. */
  readonly profiles: readonly PreparedPartner[];
  readonly profileKeys: readonly string[];
  /** The partner's place when all are sorted by id: ties are broken by comparing these. */
  readonly idRank: Int32Array;
  /** The partner's grid cell, -1 without coordinates. */
  readonly cell: Int32Array;
  readonly cells: Cells;
  /** The side of the grid's cells, in degrees (see `cellDegrees`). */
  readonly degrees: number;
  /** Each non-empty grid square's cell, by the square's `cellKey`. */
  readonly cellOfKey: ReadonlyMap<number, number>;
  /** The positions in id order: `idRank` inverted, for an edit to find where a new id ranks. */
  readonly byRank: Int32Array;
  readonly services: ReadonlyMap<ServiceId, ServiceList>;
  /** Every factor's column, by position. */
  readonly columns: FactorColumns;
}

/** The grid square a point falls in, as one number; partners without coordinates sort last. */
export const cellKey = (partner: Partner, degrees: number): number =>
  partner.location
    ? Math.floor(partner.location.lat / degrees) * 4096 + Math.floor(partner.location.lon / degrees)
    : Number.POSITIVE_INFINITY;

export const narrow = (values: readonly number[], largest: number) =>
  largest <= 0xff ? Uint8Array.from(values) : largest <= 0xffff ? Uint16Array.from(values) : Uint32Array.from(values);

/** Numbers distinct keys from 0 in the order they come, keeping the first item of each. */
export class Profiles<T> {
  readonly keys: string[] = [];
  readonly items: T[] = [];
  private readonly numbers = new Map<string, number>();

  add(key: string, item: T): number {
    let number = this.numbers.get(key);
    if (number === undefined) {
      this.numbers.set(key, (number = this.keys.length));
      this.keys.push(key);
      this.items.push(item);
    }
    return number;
  }
}

/** Builds the index over validated partners; tests may set the cells' size. */
export function buildPartnerIndex(partners: readonly Partner[], degrees = cellDegrees(partners.length)): PartnerIndex {
  const size = partners.length;
  const keys = partners.map((partner) => cellKey(partner, degrees));
  const order = Int32Array.from(partners.keys()).sort((a, b) => keys[a]! - keys[b]! || a - b);
  const lat = new Float64Array(size).fill(Number.NaN);
  const lon = new Float64Array(size).fill(Number.NaN);
  const radius = new Float64Array(size).fill(Number.NaN);
  const cell = new Int32Array(size).fill(-1);
  const profiles = new Profiles<PreparedPartner>();
  const profile: number[] = new Array<number>(size);
  const cellOfKey = new Map<number, number>();
  let cells = 0;

  // One pass in position order: where each partner is, its rules' profile, its factors' columns.
  const columns = new FactorColumns(size, (position) => {
    const place = order[position]!;
    const partner = partners[place]!;
    const { location } = partner;
    if (location) {
      lat[position] = location.lat;
      lon[position] = location.lon;
      if (position > 0 && keys[order[position - 1]!] !== keys[place]) cells++;
      cell[position] = cells;
      cellOfKey.set(keys[place]!, cells);
    }
    if (partner.serviceRadiusKm !== undefined) radius[position] = partner.serviceRadiusKm;
    const prepared = preparePartner(partner);
    profile[position] = profiles.add(partnerProfile(prepared), prepared);
    return prepared;
  });
  const cellCount = size > 0 && partners[order[0]!]!.location ? cells + 1 : 0;

  const idRank = new Int32Array(size);
  const byRank = Int32Array.from(order.keys()).sort((a, b) => compareStrings(partners[order[a]!]!.id, partners[order[b]!]!.id));
  byRank.forEach((position, rank) => {
    idRank[position] = rank;
  });

  return {
    partners: PartnerList.of(partners),
    order,
    lat,
    lon,
    radius,
    profile: narrow(profile, profiles.keys.length),
    profiles: profiles.items,
    profileKeys: profiles.keys,
    idRank,
    cell,
    cells: boxCells(cellCount, cell, lat, lon, radius),
    degrees,
    cellOfKey,
    byRank,
    services: serviceLists(partners, order, cell),
    columns,
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

export function serviceLists(partners: readonly Partner[], order: Int32Array, cell: Int32Array): Map<ServiceId, ServiceList> {
  const found = new Map<ServiceId, { partner: number[]; profile: number[]; profiles: Profiles<Offering> }>();
  order.forEach((place, position) => {
    for (const offering of partners[place]!.offerings) {
      let list = found.get(offering.service);
      if (!list) found.set(offering.service, (list = { partner: [], profile: [], profiles: new Profiles() }));
      list.partner.push(position);
      list.profile.push(list.profiles.add(offeringKey(offering), offering));
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
      profile: list.profiles.keys.length <= 0xffff ? Uint16Array.from(list.profile) : Uint32Array.from(list.profile),
      profiles: list.profiles.items,
      profileKeys: list.profiles.keys,
      runStart: Int32Array.from(runStart),
      runCell: Int32Array.from(runCell),
    });
  }
  return lists;
}

/** Where partner `position` sits in a service's list, or -1 when it does not offer the service. */
export function entryOf(list: ServiceList, position: number): number {
  const { partner } = list;
  let low = 0;
  let high = partner.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = partner[middle]!;
    if (at === position) return middle;
    if (at < position) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The matcher keeps the caller's partner objects: a partner changed since it was indexed would
 * be answered for by what it no longer is. Throws `PARTNERS_CHANGED` unless what the index read
 * of the partner at `position` still holds: its rules' profile, its factors' columns, where it
 * is, and whether and how it offers each of `services`.
 */
export function assertUnchanged(index: PartnerIndex, position: number, prepared: PreparedPartner, services: Iterable<ServiceId>): void {
  const { partner } = prepared;
  if (
    !index.columns.holds(position, prepared) ||
    partnerProfile(prepared) !== index.profileKeys[index.profile[position]!] ||
    !sameNumber(index.lat[position]!, partner.location?.lat) ||
    !sameNumber(index.lon[position]!, partner.location?.lon) ||
    !sameNumber(index.radius[position]!, partner.serviceRadiusKm)
  ) {
    partnerChanged(index.order[position]!);
  }
  for (const service of services) {
    const list = index.services.get(service);
    const entry = list ? entryOf(list, position) : -1;
    const offering = prepared.offerings.get(service);
    if (entry === -1 ? offering !== undefined : !offering || offeringKey(offering) !== list!.profileKeys[list!.profile[entry]!]) {
      partnerChanged(index.order[position]!);
    }
  }
}

/** A number the index stored (NaN: none) against the partner's own. */
const sameNumber = (stored: number, now: number | undefined): boolean => (Number.isNaN(stored) ? now === undefined : stored === now);

/** The error for a partner object changed after it was indexed, at its place in the caller's list. */
export function partnerChanged(place: number): never {
  throw new MatcherError('PARTNERS_CHANGED', [
    {
      path: ['partners', place],
      code: 'custom',
      message: 'changed after createMatcher indexed it; build a new matcher from the changed partners',
    },
  ]);
}
