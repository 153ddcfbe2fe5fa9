import type { PreparedClient, PreparedPartner, ResolvedOptions } from '../context';
import { parseWith } from '../errors';
import { haversineKm } from '../geo';
import { resolveOptions } from '../options';
import { parsePartners, preparePartner } from '../prepare';
import { assessNeed } from '../rules/reach';
import {
  CoverageOptionsSchema,
  CoveragePlacesSchema,
  DEFAULT_TOP_GAPS,
  type BeyondReach,
  type Coverage,
  type CoverageCell,
  type CoverageOptions,
  type CoveragePlace,
  type PlaceCoverage,
} from '../schemas/coverage';
import type { Partner } from '../schemas/partner';
import { GENDER_IDS, SERVICE_IDS, type GenderId, type ServiceId } from '../taxonomy';
import { candidateOf, probeClient, type CoverageCandidate } from './probe';
import { placeFromCells, summarize, summarizeGroups } from './summary';

/** Validates coverage options, throwing `INVALID_OPTIONS` with the path of each bad field. */
function parseCoverageOptions(input: unknown): CoverageOptions {
  return parseWith(CoverageOptionsSchema, input ?? {}, 'INVALID_OPTIONS', ['options']);
}

// The matcher has no error code of its own for places; they are part of what is asked, like
// the options, and the issues' paths start with `places`.
function parsePlaces(input: unknown): CoveragePlace[] {
  return parseWith(CoveragePlacesSchema, input, 'INVALID_OPTIONS', ['places']);
}

/** The measured services in taxonomy order, whatever order they were asked in. */
export function orderServices(services: readonly ServiceId[] | undefined): ServiceId[] {
  return services ? SERVICE_IDS.filter((service) => services.includes(service)) : [...SERVICE_IDS];
}

const roundKm = (km: number) => Math.round(km * 100) / 100;

/** Nearer, or as near with the smaller partner id: the order is the same whatever the input order. */
const isNearer = (km: number, candidate: CoverageCandidate, than: { candidate: CoverageCandidate; km: number }) =>
  km < than.km || (km === than.km && candidate.prepared.partner.id < than.candidate.prepared.partner.id);

/** What a gap says of the nearest partner beyond reach: the partner, or why there is none. */
function beyondReach(nearest: { candidate: CoverageCandidate; km: number } | undefined, withRoom: number, offering: number): BeyondReach {
  if (nearest) {
    const { partner } = nearest.candidate.prepared;
    return { found: true, partnerId: partner.id, name: partner.name, km: roundKm(nearest.km) };
  }
  if (offering === 0) return { found: false, reason: 'not-offered' };
  return { found: false, reason: withRoom === 0 ? 'at-capacity' : 'no-coordinates' };
}

function measurePlace(
  place: CoveragePlace,
  services: readonly ServiceId[],
  byService: ReadonlyMap<ServiceId, readonly CoverageCandidate[]>,
  options: ResolvedOptions,
): PlaceCoverage {
  const client: PreparedClient = probeClient(services, place);
  const distances = new Map<PreparedPartner, number | null>();
  const distanceTo = (prepared: PreparedPartner): number | null => {
    let km = distances.get(prepared);
    if (km === undefined) {
      const location = prepared.partner.location;
      km = location ? haversineKm(place.location, location) : null;
      distances.set(prepared, km);
    }
    return km;
  };

  const cells = client.needs.map((need): CoverageCell => {
    let partners = 0;
    let inPerson = 0;
    let nearest = Number.POSITIVE_INFINITY;
    let freePlaces = 0;
    let unlimitedPartners = 0;
    let atCapacity = 0;
    const genders = new Set<GenderId>();
    // For a gap: the nearest partner with room that offers the service but does not reach here.
    let beyond: { candidate: CoverageCandidate; km: number } | undefined;
    let withRoom = 0;
    for (const candidate of byService.get(need.service) ?? []) {
      const km = distanceTo(candidate.prepared);
      const verdict = assessNeed(client, candidate.prepared, need, km, options);
      if (!candidate.full) withRoom += 1;
      if (!verdict.met) {
        if (!candidate.full && km !== null && (!beyond || isNearer(km, candidate, beyond))) beyond = { candidate, km };
        continue;
      }
      if (candidate.full) {
        atCapacity += 1;
        continue;
      }
      partners += 1;
      if (verdict.modes.some((mode) => mode !== 'remote')) {
        inPerson += 1;
        if (km !== null && km < nearest) nearest = km;
      }
      if (candidate.prepared.freePlaces === null) unlimitedPartners += 1;
      else freePlaces += candidate.prepared.freePlaces;
      for (const gender of candidate.genders) genders.add(gender);
    }
    return {
      service: need.service,
      partners,
      inPerson,
      remoteOnly: partners - inPerson,
      nearestKm: Number.isFinite(nearest) ? roundKm(nearest) : null,
      freePlaces,
      unlimitedPartners,
      atCapacity,
      genders: GENDER_IDS.filter((gender) => genders.has(gender)),
      ...(partners === 0 && { nearestBeyondReach: beyondReach(beyond, withRoom, byService.get(need.service)?.length ?? 0) }),
    };
  });
  return placeFromCells(place, cells);
}

/**
 * Where every kind of guidance can be had: for each place and each service, how many active
 * partners can serve an adult client there, by the same rules as `recommend` (the partner-level
 * rules of `partnerExclusion`, then `assessNeed`: in person or at home within the service
 * radius, or remotely at any distance), the nearest of them in person, and their free places.
 * A service no partner serves at a place is a gap there.
 *
 * The client asked about is an adult who accepts every mode and names no faith, sector or
 * travel limit. Partners that serve only one gender count: they cover the place for that
 * gender, and each cell lists the genders served. Full partners are not counted but reported
 * in `atCapacity`. A gap names in `nearestBeyondReach` the nearest partner with room that offers
 * the service beyond its reach, with the distance, or the reason there is none.
 *
 * Places are any points; the library knows nothing of Bapas. The API measures every Bapas
 * seat by default, with its Kanwil as the `group`. Pure: no I/O, no clock; the inputs are
 * never changed. Throws a `MatcherError` (`INVALID_PARTNERS`, or `INVALID_OPTIONS` for the
 * options and the places) naming every bad field.
 *
 * Options: `defaultServiceRadiusKm` (50, as in `recommend`), `services` (all sixteen),
 * `topGaps` (10 places in `summary.mostGaps`).
 *
 * @example
 * const result = coverage(partners, [
 *   { id: 'bapas-bandung', location: { lat: -6.91, lon: 107.61 }, group: 'Kanwil Jawa Barat' },
 * ]);
 * result.places[0].gaps; // ['legal-aid', ...]: services no partner serves there
 * result.summary.byService.find((s) => s.service === 'legal-aid')?.share; // share of places covered
 */
export function coverage(partners: readonly Partner[], places: readonly CoveragePlace[], options?: CoverageOptions): Coverage {
  const parsedOptions = parseCoverageOptions(options);
  const validPlaces = parsePlaces(places);
  const prepared = parsePartners(partners).map(preparePartner);
  const services = orderServices(parsedOptions.services);
  const topGaps = parsedOptions.topGaps ?? DEFAULT_TOP_GAPS;
  const resolved = resolveOptions(
    parsedOptions.defaultServiceRadiusKm === undefined ? {} : { defaultServiceRadiusKm: parsedOptions.defaultServiceRadiusKm },
  );

  // The partner-level rules do not depend on the place: apply them once per partner.
  const probes = Object.fromEntries(GENDER_IDS.map((gender) => [gender, probeClient(services, undefined, gender)])) as Record<
    GenderId,
    PreparedClient
  >;
  const byService = new Map<ServiceId, CoverageCandidate[]>(services.map((service) => [service, []]));
  for (const partner of prepared) {
    const candidate = candidateOf(partner, probes);
    if (!candidate) continue;
    for (const offering of partner.partner.offerings) byService.get(offering.service)?.push(candidate);
  }

  const measured = validPlaces.map((place) => measurePlace(place, services, byService, resolved));
  return {
    services,
    places: measured,
    summary: summarize(measured, services, topGaps),
    groups: summarizeGroups(measured, services, topGaps),
  };
}
