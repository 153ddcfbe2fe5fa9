import type { PreparedClient, PreparedPartner } from '../context';
import { prepareClient } from '../prepare';
import { partnerExclusion } from '../rules/eligibility';
import type { CoveragePlace } from '../schemas/coverage';
import { GENDER_IDS, type GenderId, type ServiceId } from '../taxonomy';

/**
 * The client coverage asks about: an adult with one need per measured service, who accepts
 * every mode and names no faith, sector or travel limit, so that only the partner's own rules
 * and reach decide.
 */
export function probeClient(services: readonly ServiceId[], place?: CoveragePlace, gender?: GenderId): PreparedClient {
  return prepareClient({
    id: 'coverage-probe',
    ageGroup: 'adult',
    needs: services.map((service) => ({ service })),
    ...(place && { location: place.location }),
    ...(place?.regencyCode && { regencyCode: place.regencyCode }),
    ...(gender && { gender }),
  });
}

/** A partner that passes the partner-level rules for an adult of at least one gender. */
export interface CoverageCandidate {
  readonly prepared: PreparedPartner;
  /** The genders for which `partnerExclusion` lets it through, in taxonomy order. */
  readonly genders: readonly GenderId[];
  /** It would serve, but has no free place: reported apart, never counted as covering. */
  readonly full: boolean;
}

/**
 * Asks `partnerExclusion` once per gender rather than for a client of unknown gender: that rule
 * turns away every gender-restricted partner when the gender is unknown, yet a women-only
 * partner does cover its place for women. A full partner is asked again with its capacity set
 * aside, so that planners can tell "nobody offers it" from "everybody is full".
 */
export function candidateOf(prepared: PreparedPartner, probes: Readonly<Record<GenderId, PreparedClient>>): CoverageCandidate | null {
  const served = (partner: PreparedPartner) => GENDER_IDS.filter((gender) => partnerExclusion(probes[gender], partner) === null);
  const genders = served(prepared);
  if (genders.length > 0) return { prepared, genders, full: false };
  if (prepared.freePlaces === null || prepared.freePlaces > 0) return null;
  const ifFree = served({ ...prepared, freePlaces: null });
  return ifFree.length > 0 ? { prepared, genders: ifFree, full: true } : null;
}
