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
    for (const candidate of byService.get(need.service) ?? []) {
      const km = distanceTo(candidate.prepared);
      const verdict = assessNeed(client, candidate.prepared, need, km, options);
      if (!verdict.met) continue;
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
      nearestKm: Number.isFinite(nearest) ? Math.round(nearest * 100) / 100 : null,
      freePlaces,
      unlimitedPartners,
      atCapacity,
      genders: GENDER_IDS.filter((gender) => genders.has(gender)),
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
 * in `atCapacity`.
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
