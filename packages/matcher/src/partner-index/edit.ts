import type { PreparedPartner } from '../context';
import { cosLatitude } from '../geo';
import { compareStrings } from '../order';
import { preparePartner } from '../prepare';
import { partnerProfile } from '../rules/eligibility';
import { offeringKey } from '../rules/reach';
import type { Offering, Partner } from '../schemas/partner';
import type { ServiceId } from '../taxonomy';
import { cellKey, narrow, type Cells, type PartnerIndex, type ServiceList } from './build';

/** An index with some partners replaced or added, and where they sit in it. */
export interface IndexEdit {
  readonly index: PartnerIndex;
  /** The positions whose partner was replaced or added, ascending. */
  readonly positions: Int32Array;
}

/** One changed partner: its position (kept when it replaces one, past the end when new). */
interface Change {
  readonly position: number;
  readonly partner: Partner;
  readonly prepared: PreparedPartner;
  /** The partner it replaces; undefined when it is new. */
  readonly before: Partner | undefined;
}

/**
 * The index over `partners` with each of `changed` (validated, ids distinct) replacing the
 * partner with its id, or added after the last when its id is new: copy on write, so that
 * `index` and whoever reads it are left as they were. What a changed partner touches is copied
 * (each typed array over the partners, about a millisecond each at 100,000; the service lists it
 * is or was in) and the rest is shared.
 *
 * The result answers every query as `buildPartnerIndex` over the same partners would, but is
 * laid out less tightly: a partner keeps its position when it changes (positions are no longer
 * sorted by cell, so its entries in the service lists form runs of their own), a cell it leaves
 * keeps its box (boxes only grow, so the cuts stay safe and get weaker), and profiles no
 * partner uses any more stay numbered. A rebuild from the partners restores the layout.
 */
export function editPartnerIndex(index: PartnerIndex, changed: readonly Partner[]): IndexEdit {
  const size = index.partners.length;
  const changes: Change[] = [];
  const added: { change: Change; rank: number }[] = [];
  for (const partner of changed) {
    const rank = rankOf(index, partner.id);
    const found = rank < size ? index.byRank[rank]! : -1;
    const existing = found >= 0 && index.partners.at(index.order[found]!).id === partner.id;
    const position = existing ? found : size + added.length;
    const before = existing ? index.partners.at(index.order[found]!) : undefined;
    const change: Change = { position, partner, prepared: preparePartner(partner), before };
    changes.push(change);
    if (!existing) added.push({ change, rank });
  }
  changes.sort((a, b) => a.position - b.position);
  const total = size + added.length;

  // Arrays no change touches are shared: fewer copies, less for the collector to reclaim.
  const order = added.length > 0 ? grown(index.order, total) : index.order;
  const replaced = new Map<number, Partner>();
  const appended: Partner[] = [];
  for (const { position, partner } of changes) {
    if (position < size) replaced.set(index.order[position]!, partner);
    else {
      order[position] = size + appended.length;
      appended.push(partner);
    }
  }
  const partners = index.partners.edited(replaced, appended);

  const { cells, cellOfKey, cellOf } = placeInCells(index, changes);
  const samePlace = (number: number, stored: number | undefined) =>
    number === stored || (Number.isNaN(number) && stored !== undefined && Number.isNaN(stored));
  const moved = changes.some(
    ({ position, partner }, at) =>
      !samePlace(partner.location?.lat ?? Number.NaN, index.lat[position]) ||
      !samePlace(partner.location?.lon ?? Number.NaN, index.lon[position]) ||
      !samePlace(partner.serviceRadiusKm ?? Number.NaN, index.radius[position]) ||
      cellOf[at] !== index.cell[position],
  );
  const lat = moved ? grown(index.lat, total) : index.lat;
  const lon = moved ? grown(index.lon, total) : index.lon;
  const radius = moved ? grown(index.radius, total) : index.radius;
  const cell = moved ? grown(index.cell, total) : index.cell;
  if (moved) {
    changes.forEach(({ position, partner }, at) => {
      lat[position] = partner.location?.lat ?? Number.NaN;
      lon[position] = partner.location?.lon ?? Number.NaN;
      radius[position] = partner.serviceRadiusKm ?? Number.NaN;
      cell[position] = cellOf[at]!;
    });
  }

  const profileKeys = [...index.profileKeys];
  const profiles = [...index.profiles];
  const profileNumbers = changes.map(({ prepared }) => numberOf(profileKeys, profiles, partnerProfile(prepared), prepared));
  const reprofiled = changes.some(({ position }, at) => profileNumbers[at] !== index.profile[position]);
  const profile = reprofiled ? widened(index.profile, total, profileKeys.length) : index.profile;
  if (reprofiled) {
    changes.forEach(({ position }, at) => {
      profile[position] = profileNumbers[at]!;
    });
  }

  const { idRank, byRank } = added.length === 0 ? index : ranked(index, added, total);
  const columns = index.columns.edited(total, new Map(changes.map(({ position, prepared }) => [position, prepared])));

  return {
    index: {
      partners,
      order,
      lat,
      lon,
      radius,
      profile,
      profiles,
      profileKeys,
      idRank,
      cell,
      cells,
      degrees: index.degrees,
      cellOfKey,
      byRank,
      services: editedServices(index, changes, cell),
      columns,
    },
    positions: Int32Array.from(changes, ({ position }) => position),
  };
}

/** How many of the index's partners have an id below `id`: where it ranks, or would. */
function rankOf(index: PartnerIndex, id: string): number {
  const { byRank, partners, order } = index;
  let low = 0;
  let high = byRank.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareStrings(partners.at(order[byRank[middle]!]!).id, id) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

type Numbers = Float64Array | Int32Array;

/** A copy of `array` at length `total`; NaN or -1 past its end stand for "none" until set. */
function grown<T extends Numbers>(array: T, total: number): T {
  const copy = new (array.constructor as new (length: number) => T)(total);
  if (copy instanceof Float64Array) copy.fill(Number.NaN);
  copy.set(array);
  return copy;
}

/** A copy of a profile array at length `total`, wide enough for numbers below `count`. */
function widened(array: Uint8Array | Uint16Array | Uint32Array, total: number, count: number): Uint8Array | Uint16Array | Uint32Array {
  const type = narrow([], count);
  const copy =
    type.BYTES_PER_ELEMENT > array.BYTES_PER_ELEMENT
      ? new (type.constructor as Uint32ArrayConstructor)(total)
      : new (array.constructor as Uint32ArrayConstructor)(total);
  copy.set(array);
  return copy;
}

/** The number of `key` among `keys` (already copied), numbering it after the last when new. */
function numberOf<T>(keys: string[], items: T[], key: string, item: T): number {
  const number = keys.indexOf(key);
  if (number >= 0) return number;
  keys.push(key);
  items.push(item);
  return keys.length - 1;
}

/**
 * The cells once the changed partners are placed, and each one's cell (-1 without coordinates,
 * in the order of `changes`): a partner goes to the cell of its grid square, a new one if the
 * square had none, whose box grows to hold it. A cell a partner leaves keeps its box and its
 * radius: a box that holds more than its partners only makes the cuts weaker, never wrong.
 */
function placeInCells(
  index: PartnerIndex,
  changes: readonly Change[],
): { cells: Cells; cellOfKey: ReadonlyMap<number, number>; cellOf: number[] } {
  const keys = changes.map(({ partner }) => (partner.location ? cellKey(partner, index.degrees) : undefined));
  let cellOfKey = index.cellOfKey;
  if (keys.some((key) => key !== undefined && !cellOfKey.has(key))) {
    const copy = new Map(cellOfKey);
    for (const key of keys) if (key !== undefined && !copy.has(key)) copy.set(key, copy.size);
    cellOfKey = copy;
  }
  const cellOf = keys.map((key) => (key === undefined ? -1 : cellOfKey.get(key)!));
  const old = index.cells;
  // A box grows only when a partner lands outside it, or brings a radius it does not cover.
  const grows = changes.some(({ partner }, at) => {
    const id = cellOf[at]!;
    if (id < 0) return false;
    if (id >= old.count) return true;
    const { lat, lon } = partner.location!;
    const radius = partner.serviceRadiusKm;
    return (
      lat < old.latMin[id]! ||
      lat > old.latMax[id]! ||
      lon < old.lonMin[id]! ||
      lon > old.lonMax[id]! ||
      (radius === undefined ? old.defaultRadius[id] !== 1 : radius > old.maxRadius[id]!)
    );
  });
  if (!grows) return { cells: old, cellOfKey, cellOf };

  const count = cellOfKey.size;
  const extend = (array: Float64Array, empty: number) => {
    const copy = new Float64Array(count).fill(empty);
    copy.set(array);
    return copy;
  };
  const latMin = extend(old.latMin, Number.POSITIVE_INFINITY);
  const latMax = extend(old.latMax, Number.NEGATIVE_INFINITY);
  const lonMin = extend(old.lonMin, Number.POSITIVE_INFINITY);
  const lonMax = extend(old.lonMax, Number.NEGATIVE_INFINITY);
  const minCos = extend(old.minCos, Number.POSITIVE_INFINITY);
  const maxRadius = extend(old.maxRadius, Number.NEGATIVE_INFINITY);
  const defaultRadius = new Uint8Array(count);
  defaultRadius.set(old.defaultRadius);
  changes.forEach(({ partner }, at) => {
    const id = cellOf[at]!;
    if (id < 0) return;
    const { lat, lon } = partner.location!;
    latMin[id] = Math.min(latMin[id]!, lat);
    latMax[id] = Math.max(latMax[id]!, lat);
    lonMin[id] = Math.min(lonMin[id]!, lon);
    lonMax[id] = Math.max(lonMax[id]!, lon);
    minCos[id] = Math.min(cosLatitude(latMin[id]!), cosLatitude(latMax[id]!));
    if (partner.serviceRadiusKm === undefined) defaultRadius[id] = 1;
    else maxRadius[id] = Math.max(maxRadius[id]!, partner.serviceRadiusKm);
  });
  return { cells: { count, latMin, latMax, lonMin, lonMax, minCos, maxRadius, defaultRadius }, cellOfKey, cellOf };
}

/**
 * `idRank` and `byRank` with new partners ranked among the others: the ranks are renumbered in
 * one pass over the positions (a few hundred microseconds at 100,000), so that ties are broken
 * by comparing whole numbers as before.
 */
function ranked(
  index: PartnerIndex,
  added: readonly { change: Change; rank: number }[],
  total: number,
): Pick<PartnerIndex, 'idRank' | 'byRank'> {
  const sorted = [...added].sort((a, b) => compareStrings(a.change.partner.id, b.change.partner.id));
  const byRank = new Int32Array(total);
  let next = 0;
  let at = 0;
  for (let rank = 0; rank < index.byRank.length; rank++) {
    while (at < sorted.length && sorted[at]!.rank <= rank) byRank[next++] = sorted[at++]!.change.position;
    byRank[next++] = index.byRank[rank]!;
  }
  while (at < sorted.length) byRank[next++] = sorted[at++]!.change.position;
  const idRank = new Int32Array(total);
  for (let rank = 0; rank < total; rank++) idRank[byRank[rank]!] = rank;
  return { idRank, byRank };
}

/**
 * The service lists with each changed partner's entries replaced: a list is copied only when a
 * changed partner's offering of its service appears, goes, changes its profile, or moves to
 * another cell; the other lists are shared.
 */
function editedServices(index: PartnerIndex, changes: readonly Change[], cell: Int32Array): ReadonlyMap<ServiceId, ServiceList> {
  const touched = new Set<ServiceId>();
  for (const { position, partner, before } of changes) {
    const moved = before === undefined || index.cell[position] !== cell[position];
    const was = new Map(before?.offerings.map((offering) => [offering.service, offeringKey(offering)]));
    for (const offering of partner.offerings) {
      if (moved || was.get(offering.service) !== offeringKey(offering)) touched.add(offering.service);
      was.delete(offering.service);
    }
    for (const service of was.keys()) touched.add(service);
  }
  if (touched.size === 0) return index.services;
  const services = new Map(index.services);
  for (const service of touched) {
    const list = editedList(index.services.get(service), service, changes, cell);
    if (list) services.set(service, list);
    else services.delete(service);
  }
  return services;
}

/** One service's list with the changed partners' entries merged in by position; undefined when empty. */
function editedList(
  list: ServiceList | undefined,
  service: ServiceId,
  changes: readonly Change[],
  cell: Int32Array,
): ServiceList | undefined {
  const profileKeys = [...(list?.profileKeys ?? [])];
  const profiles = [...(list?.profiles ?? [])];
  const entries = changes.flatMap(({ position, partner }) => {
    const offering = partner.offerings.find((candidate) => candidate.service === service);
    return offering ? [{ position, offering }] : [];
  });
  const changedAt = new Set(changes.map(({ position }) => position));
  const oldPartner = list?.partner ?? new Int32Array(0);
  const oldProfile = list?.profile ?? new Uint16Array(0);
  const partner = new Int32Array(oldPartner.length + entries.length);
  const profile = new Uint32Array(partner.length);
  let length = 0;
  let next = 0;
  const take = ({ position, offering }: { position: number; offering: Offering }) => {
    partner[length] = position;
    profile[length++] = numberOf(profileKeys, profiles, offeringKey(offering), offering);
  };
  for (let at = 0; at < oldPartner.length; at++) {
    const position = oldPartner[at]!;
    while (next < entries.length && entries[next]!.position < position) take(entries[next++]!);
    if (changedAt.has(position)) continue;
    partner[length] = position;
    profile[length++] = oldProfile[at]!;
  }
  while (next < entries.length) take(entries[next++]!);
  if (length === 0) return undefined;

  const runStart: number[] = [];
  const runCell: number[] = [];
  for (let at = 0; at < length; at++) {
    const here = cell[partner[at]!]!;
    if (at === 0 || here !== runCell[runCell.length - 1]) {
      runStart.push(at);
      runCell.push(here);
    }
  }
  runStart.push(length);
  return {
    partner: partner.slice(0, length),
    profile: profileKeys.length <= 0xffff ? Uint16Array.from(profile.subarray(0, length)) : profile.slice(0, length),
    profiles,
    profileKeys,
    runStart: Int32Array.from(runStart),
    runCell: Int32Array.from(runCell),
  };
}
