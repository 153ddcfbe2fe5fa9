import type { Location } from '@pokmas/matcher';

/** A province with its Kemendagri code (`"32"`), from `idn-area-data`. */
export interface Province {
  code: string;
  name: string;
}

/** A regency or city with its Kemendagri code (`"32.73"`), from `idn-area-data`, and an approximate point. */
export interface Regency {
  code: string;
  name: string;
  provinceCode: string;
  /** An approximate point for the regency (good for distances of tens of km, not for addresses). */
  location: Location;
}

interface RegencyPoint {
  code: string;
  name: string;
  lat: number;
  lon: number;
}

function isRegencyPoint(value: unknown): value is RegencyPoint {
  if (typeof value !== 'object' || value === null) return false;
  const point = value as Record<string, unknown>;
  return typeof point.code === 'string' && typeof point.name === 'string' && typeof point.lat === 'number' && typeof point.lon === 'number';
}

/** Reads `regency-coords.json` into a map from regency code to point; throws on a malformed entry. */
export function parseRegencyPoints(text: string): Map<string, Location> {
  const entries: unknown = JSON.parse(text);
  if (!Array.isArray(entries)) throw new Error('regency-coords.json must hold a list');
  const points = new Map<string, Location>();
  entries.forEach((entry, index) => {
    if (!isRegencyPoint(entry)) throw new Error(`regency-coords.json entry ${index + 1} needs code, name, lat and lon`);
    if (points.has(entry.code)) throw new Error(`regency-coords.json lists ${entry.code} twice`);
    points.set(entry.code, { lat: entry.lat, lon: entry.lon });
  });
  return points;
}

/**
 * Joins the `idn-area-data` regencies with their points. Every regency must have a point: a
 * regency the matcher cannot place would silently fall back to the Bapas seat.
 */
export function joinRegencies(
  regencies: readonly { code: string; name: string; provinceCode: string }[],
  points: ReadonlyMap<string, Location>,
): Regency[] {
  const missing = regencies.filter((regency) => !points.has(regency.code)).map((regency) => regency.code);
  if (missing.length > 0) throw new Error(`regency-coords.json has no point for ${missing.join(', ')}`);
  return regencies.map(({ code, name, provinceCode }) => ({ code, name, provinceCode, location: points.get(code)! }));
}
