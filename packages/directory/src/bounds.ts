import type { Location } from '@pokmas/matcher';

/**
 * A rough bounding box around Indonesia (Sabang to Merauke, Miangas to Rote, with a margin).
 * A point outside it is a typing error (swapped or unsigned coordinates), not a remote partner.
 */
export const INDONESIA_BOUNDS = { minLat: -11.5, maxLat: 6.5, minLon: 94.5, maxLon: 141.5 } as const;

/** Whether a point lies inside {@link INDONESIA_BOUNDS}. */
export function isInIndonesia(location: Location): boolean {
  const { minLat, maxLat, minLon, maxLon } = INDONESIA_BOUNDS;
  return location.lat >= minLat && location.lat <= maxLat && location.lon >= minLon && location.lon <= maxLon;
}
