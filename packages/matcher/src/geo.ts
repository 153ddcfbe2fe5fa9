import type { Location } from './schemas/common';

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance by the haversine formula, in km. */
export function haversineKm(a: Location, b: Location): number {
  return haversineParts(a.lat, a.lon, cosLatitude(a.lat), b.lat, b.lon, cosLatitude(b.lat));
}

/** The cosine of a latitude in degrees, as `haversineParts` takes it. */
export function cosLatitude(lat: number): number {
  return Math.cos(lat * RAD);
}

/**
 * `haversineKm` over plain numbers, with each point's `cosLatitude` computed once by the
 * caller: the partner index keeps them in typed arrays. Both functions give the same double.
 */
export function haversineParts(latA: number, lonA: number, cosA: number, latB: number, lonB: number, cosB: number): number {
  const dLat = (latB - latA) * RAD;
  const dLon = (lonB - lonA) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + cosA * cosB * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Degrees between two longitudes the shorter way round, in [0, 180]. */
function longitudeGap(a: number, b: number): number {
  const raw = Math.abs(a - b) % 360;
  return raw > 180 ? 360 - raw : raw;
}

/**
 * A lower bound, in km, on the haversine distance from a point to any point of the box from
 * `latMin` to `latMax` and `lonMin` to `lonMax`, whose smallest latitude cosine is `minCos`:
 * the latitude gap and the longitude gap (the shorter way round) each bound their term of the
 * formula from below, and `minCos` bounds the box's cosines. A margin of a millimetre keeps it
 * below the distance the formula gives in floating point.
 */
export function boxLowerBoundKm(
  lat: number,
  lon: number,
  cosLat: number,
  latMin: number,
  latMax: number,
  lonMin: number,
  lonMax: number,
  minCos: number,
): number {
  const dLat = lat < latMin ? latMin - lat : lat > latMax ? lat - latMax : 0;
  const dLon = lon < lonMin || lon > lonMax ? Math.min(longitudeGap(lon, lonMin), longitudeGap(lon, lonMax)) : 0;
  if (dLat === 0 && dLon === 0) return 0;
  const h = Math.sin((dLat * RAD) / 2) ** 2 + cosLat * minCos * Math.sin((dLon * RAD) / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  return Math.max(0, km * (1 - 1e-9) - 1e-6);
}

export interface DecayParams {
  /** Distance beyond the offset at which the value falls to `decay`. */
  readonly scaleKm: number;
  /** Distances up to this score 1. */
  readonly offsetKm: number;
  /** The value at `offsetKm + scaleKm`, in (0, 1). */
  readonly decay: number;
}

/**
 * Elasticsearch's gauss decay: 1 within the offset, then `exp(-(d - offset)^2 / (2 sigma^2))`
 * with sigma chosen so that the value is `decay` at `offset + scale`. Never increases with
 * distance.
 */
export function gaussDecay(distanceKm: number, params: DecayParams): number {
  return decayAt(distanceKm, decayCurve(params));
}

/** A gauss decay's per-query constants: its offset, and `2 sigma^2` (see `gaussDecay`). */
export interface DecayCurve {
  readonly offsetKm: number;
  readonly twoSigmaSquared: number;
}

/** Works out a decay's constants once, for many distances. */
export function decayCurve({ scaleKm, offsetKm, decay }: DecayParams): DecayCurve {
  return { offsetKm, twoSigmaSquared: -(scaleKm * scaleKm) / Math.log(decay) };
}

/** `gaussDecay` at one distance, from constants worked out once: the same double. */
export function decayAt(distanceKm: number, { offsetKm, twoSigmaSquared }: DecayCurve): number {
  const beyond = Math.max(0, distanceKm - offsetKm);
  return Math.exp(-(beyond * beyond) / twoSigmaSquared);
}

/** The province part of a Kemendagri code (`32` of `32.73`). */
export function provinceOf(regencyCode: string): string {
  return regencyCode.slice(0, 2);
}
