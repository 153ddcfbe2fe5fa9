import type { PreparedClient, PreparedNeed, PreparedPartner, ResolvedOptions } from '../context';
import { partnerExclusion } from '../rules/eligibility';
import { MISSING_STAGE, assessNeed } from '../rules/reach';
import type { Offering, Partner } from '../schemas/partner';
import { EXCLUSION_REASONS, type ExclusionReason } from '../schemas/result';
import { AGE_GROUP_IDS, GENDER_IDS } from '../taxonomy';

/*
 * The index stores, for each partner and each offering, a small code of the attributes the
 * hard rules read. It never restates the rules: for each query it asks the rules themselves
 * (`partnerExclusion`, `assessNeed`) about one stand-in per code, and keeps their verdicts in
 * a lookup table that the scan reads by code.
 */

const INACTIVE = 1;
const FULL = 2;
const TAKES_ADULTS = 4;
const TAKES_JUVENILES = 8;
const GENDERS_LISTED = 16;
const genderBit = (index: number) => 32 << index;

/** How many partner codes there are: every combination of the bits above. */
export const PARTNER_CODES = 32 << GENDER_IDS.length;

/** The partner-level attributes `partnerExclusion` reads, as one small integer. */
export function partnerCode(partner: Partner, freePlaces: number | null): number {
  const ageGroups = partner.eligibility?.ageGroups;
  const genders = partner.eligibility?.genders;
  let code = 0;
  if (partner.active === false) code |= INACTIVE;
  if (freePlaces !== null && freePlaces <= 0) code |= FULL;
  // Absent age groups mean adults only; see `partnerExclusion`.
  if (ageGroups?.includes('adult') ?? true) code |= TAKES_ADULTS;
  if (ageGroups?.includes('juvenile') ?? false) code |= TAKES_JUVENILES;
  if (genders) {
    code |= GENDERS_LISTED;
    GENDER_IDS.forEach((gender, index) => {
      if (genders.includes(gender)) code |= genderBit(index);
    });
  }
  return code;
}

/** A partner with exactly the attributes a code stands for, and nothing else. */
function standIn(code: number): PreparedPartner {
  const ageGroups = AGE_GROUP_IDS.filter((group) => (group === 'adult' ? code & TAKES_ADULTS : code & TAKES_JUVENILES));
  const genders = code & GENDERS_LISTED ? GENDER_IDS.filter((_, index) => code & genderBit(index)) : undefined;
  const partner = { active: code & INACTIVE ? false : undefined, eligibility: { ageGroups, genders } } as unknown as Partner;
  return { partner, offerings: new Map(), freePlaces: code & FULL ? 0 : null };
}

/** Index of each exclusion reason in `EXCLUSION_REASONS`; 0 (`no-matching-service`) means none here. */
export const reasonIndex = (reason: ExclusionReason): number => EXCLUSION_REASONS.indexOf(reason);

/**
 * For each partner code, the partner-level exclusion of this client (its index in
 * `EXCLUSION_REASONS`), or 0 when the partner may take the client.
 */
export function partnerVerdicts(client: PreparedClient): Uint8Array {
  const table = new Uint8Array(PARTNER_CODES);
  for (let code = 0; code < PARTNER_CODES; code++) {
    const reason = partnerExclusion(client, standIn(code));
    table[code] = reason ? reasonIndex(reason) : 0;
  }
  return table;
}

/**
 * How far an offering gets with one need, ignoring distance: a missed need's stage (see
 * `MISSING_STAGE`) plus one, so that 0 can mean "offers none of the needs"; `REACH` when only
 * an in-person or home-visit mode fits, so the need is met only within reach; `MET` when a
 * remote mode fits, so the need is met at any distance.
 */
export const REACH = MISSING_STAGE['out-of-range'] + 1;
export const MET = REACH + 1;

/** The exclusion reason a partner gets when its furthest stage is `stage` (below `MET`). */
export const STAGE_REASONS: readonly number[] = Object.entries(MISSING_STAGE).reduce<number[]>((table, [reason, stage]) => {
  table[stage + 1] = reasonIndex(reason as ExclusionReason);
  return table;
}, []);

/** An offering's rule-relevant attributes as a key: offerings with one key meet a need alike. */
export function offeringKey(offering: Offering): string {
  const sorted = (values: readonly string[] | undefined) => (values ? [...values].sort().join(',') : '*');
  return `${sorted(offering.modes)}|${sorted(offering.sectors)}|${sorted(offering.religions)}`;
}

// Without coordinates and without a radius: assessNeed is asked at an infinite distance.
const NOWHERE: Partner = { id: 'stand-in', name: 'stand-in', kind: 'individual', bapasId: 'stand-in', offerings: [] };

/** For each distinct offering of the need's service, its stage for this client and need. */
export function offeringStages(
  profiles: readonly Offering[],
  client: PreparedClient,
  need: PreparedNeed,
  options: ResolvedOptions,
): Uint8Array {
  const table = new Uint8Array(profiles.length);
  profiles.forEach((offering, index) => {
    const prepared: PreparedPartner = { partner: NOWHERE, offerings: new Map([[need.service, offering]]), freePlaces: null };
    const verdict = assessNeed(client, prepared, need, Number.POSITIVE_INFINITY, options);
    table[index] = verdict.met ? MET : MISSING_STAGE[verdict.reason] + 1;
  });
  return table;
}
