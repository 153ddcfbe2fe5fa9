import type { PreparedClient, PreparedNeed, PreparedPartner, ResolvedOptions } from '../context';
import type { MissingReason } from '../schemas/result';
import type { Offering } from '../schemas/partner';
import { MODE_IDS, type ModeId } from '../taxonomy';

export type NeedVerdict = { readonly met: true; readonly modes: ModeId[] } | { readonly met: false; readonly reason: MissingReason };

/** How far a missing reason got: the one furthest along explains a partner's exclusion. */
export const MISSING_STAGE: Readonly<Record<MissingReason, number>> = {
  'not-offered': 0,
  'religion-mismatch': 1,
  'sector-mismatch': 2,
  'mode-mismatch': 3,
  'out-of-range': 4,
};

const DEFAULT_MODES: readonly ModeId[] = ['in-person'];

/**
 * Whether the partner can come to the client (or the client to it) in person: within both the
 * partner's service radius and the client's `maxDistanceKm`. Without coordinates on both
 * sides, only a partner in the same regency counts as within reach.
 */
function withinReach(client: PreparedClient, prepared: PreparedPartner, distanceKm: number | null, options: ResolvedOptions): boolean {
  if (distanceKm === null) {
    const a = client.client.regencyCode;
    return a !== undefined && a === prepared.partner.regencyCode;
  }
  const radius = prepared.partner.serviceRadiusKm ?? options.defaultServiceRadiusKm;
  return distanceKm <= Math.min(radius, client.client.maxDistanceKm ?? Number.POSITIVE_INFINITY);
}

/**
 * The offering-level hard rules for one need:
 * - religious guidance is met only by an offering of the client's faith when both are known;
 * - when client and offering both name sectors, they must share one;
 * - the offering must be given in a mode the client accepts;
 * - in-person and home-visit offerings count only within reach; remote ones at any distance.
 */
export function assessNeed(
  client: PreparedClient,
  prepared: PreparedPartner,
  need: PreparedNeed,
  distanceKm: number | null,
  options: ResolvedOptions,
): NeedVerdict {
  const offering: Offering | undefined = prepared.offerings.get(need.service);
  if (!offering) return { met: false, reason: 'not-offered' };

  const religion = client.client.religion;
  if (need.service === 'religious-guidance' && religion && offering.religions && !offering.religions.includes(religion)) {
    return { met: false, reason: 'religion-mismatch' };
  }

  const sectors = client.client.sectors;
  if (sectors && offering.sectors && !offering.sectors.some((sector) => sectors.includes(sector))) {
    return { met: false, reason: 'sector-mismatch' };
  }

  const acceptable = (offering.modes ?? DEFAULT_MODES).filter((mode) => client.modes.has(mode));
  if (acceptable.length === 0) return { met: false, reason: 'mode-mismatch' };

  let reach: boolean | undefined;
  const modes = acceptable.filter((mode) => mode === 'remote' || (reach ??= withinReach(client, prepared, distanceKm, options)));
  if (modes.length === 0) return { met: false, reason: 'out-of-range' };
  return { met: true, modes: MODE_IDS.filter((mode) => modes.includes(mode)) };
}
