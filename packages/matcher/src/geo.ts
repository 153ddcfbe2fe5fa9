import type { Location } from './schemas/common';

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance by the haversine formula, in km. */
export function haversineKm(a: Location, b: Location): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
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
export function gaussDecay(distanceKm: number, { scaleKm, offsetKm, decay }: DecayParams): number {
  const beyond = Math.max(0, distanceKm - offsetKm);
  const twoSigmaSquared = -(scaleKm * scaleKm) / Math.log(decay);
  return Math.exp(-(beyond * beyond) / twoSigmaSquared);
}

/** The province part of a Kemendagri code (`32` of `32.73`). */
export function provinceOf(regencyCode: string): string {
  return regencyCode.slice(0, 2);
}
