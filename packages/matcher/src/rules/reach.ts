import type { PreparedClient, PreparedNeed, PreparedPartner, ResolvedOptions } from '../context';
import type { MissingReason } from '../schemas/result';
import type { Offering, Partner } from '../schemas/partner';
import { DEFAULT_OFFERING_MODES } from '../defaults';
import { setKey } from '../order';
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

/** The verdicts for an unmet need, shared: they carry nothing specific to one partner. */
const MISSED = Object.fromEntries(
  (Object.keys(MISSING_STAGE) as MissingReason[]).map((reason) => [reason, Object.freeze({ met: false as const, reason })]),
) as Readonly<Record<MissingReason, NeedVerdict>>;

/**
 * Whether the partner can come to the client (or the client to it) in person: within both the
 * partner's service radius and the client's `maxDistanceKm`. Without coordinates on both
 * sides, only a partner in the same regency counts as within reach.
 */
export function withinReach(client: PreparedClient, partner: Partner, distanceKm: number | null, options: ResolvedOptions): boolean {
  if (distanceKm === null) {
    const a = client.client.regencyCode;
    return a !== undefined && a === partner.regencyCode;
  }
  return withinLimit(distanceKm, reachLimitKm(partner.serviceRadiusKm, client.client.maxDistanceKm, options.defaultServiceRadiusKm));
}

/** Whether a distance is within a reach limit (see `reachLimitKm`): the limit itself counts. */
export const withinLimit = (distanceKm: number, limitKm: number): boolean => distanceKm <= limitKm;

/**
 * The farthest a partner counts as within reach: its service radius (or the default), and no
 * farther than the client can go.
 */
export function reachLimitKm(serviceRadiusKm: number | undefined, maxDistanceKm: number | undefined, defaultRadiusKm: number): number {
  return Math.min(serviceRadiusKm ?? defaultRadiusKm, maxDistanceKm ?? Number.POSITIVE_INFINITY);
}

/**
 * What `assessNeed` reads of an offering besides its service: offerings with one key meet any
 * need of their service alike, so the index asks the rules once per key.
 */
export function offeringKey(offering: Offering): string {
  return `${listKey(offering.modes)}|${listKey(offering.sectors)}|${listKey(offering.religions)}`;
}

/** A list as a key that does not depend on its order; `*` when absent. */
export const listKey = (values: readonly string[] | undefined): string => (values ? setKey(values) : '*');

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
  if (!offering) return MISSED['not-offered'];

  const religion = client.client.religion;
  if (need.service === 'religious-guidance' && religion && offering.religions && !offering.religions.includes(religion)) {
    return MISSED['religion-mismatch'];
  }

  const sectors = client.client.sectors;
  if (sectors && offering.sectors && !offering.sectors.some((sector) => sectors.includes(sector))) {
    return MISSED['sector-mismatch'];
  }

  // One pass in the taxonomy's mode order; nothing is allocated for a need that is not met,
  // the common case when most candidates are far away.
  const offered = offering.modes ?? DEFAULT_OFFERING_MODES;
  let acceptable = false;
  let reach: boolean | undefined;
  let modes: ModeId[] | undefined;
  for (const mode of MODE_IDS) {
    if (!client.modes.has(mode) || !offered.includes(mode)) continue;
    acceptable = true;
    if (mode !== 'remote' && !(reach ??= withinReach(client, prepared.partner, distanceKm, options))) continue;
    (modes ??= []).push(mode);
  }
  if (!acceptable) return MISSED['mode-mismatch'];
  if (!modes) return MISSED['out-of-range'];
  return { met: true, modes };
}
