import type { PreparedClient, PreparedNeed, PreparedPartner, ResolvedOptions } from '../context';
import { partnerExclusion } from '../rules/eligibility';
import { MISSING_STAGE, assessNeed, type NeedVerdict } from '../rules/reach';
import type { Offering, Partner } from '../schemas/partner';
import { EXCLUSION_REASONS, type ExclusionReason } from '../schemas/result';

/*
 * The index never restates a rule: it keeps, for each partner and offering, the profile of what
 * the rules read (see `partnerProfile`, `offeringKey`), and for each query asks the rules
 * themselves (`partnerExclusion`, `assessNeed`) about one partner or offering per profile,
 * keeping their verdicts in tables that the walk reads by profile.
 */

/** Index of each exclusion reason in `EXCLUSION_REASONS`; 0 (`no-matching-service`) means none here. */
export const reasonIndex = (reason: ExclusionReason): number => EXCLUSION_REASONS.indexOf(reason);

/** For each partner profile, its partner-level exclusion of this client (an index in `EXCLUSION_REASONS`), or 0. */
export function partnerVerdicts(client: PreparedClient, profiles: readonly PreparedPartner[]): Uint8Array {
  const table = new Uint8Array(profiles.length);
  profiles.forEach((prepared, profile) => {
    const reason = partnerExclusion(client, prepared);
    table[profile] = reason ? reasonIndex(reason) : 0;
  });
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

/** What the need rules say of each distinct offering of one need's service, for one client. */
export class OfferingVerdicts {
  /** Each offering profile's stage. */
  readonly stages: Uint8Array;
  /** The verdict beyond every reach (met only remotely, if at all). */
  readonly far: readonly NeedVerdict[];
  // Within reach, asked only for the partners a query keeps.
  private readonly near: (NeedVerdict | undefined)[];

  constructor(
    private readonly profiles: readonly Offering[],
    private readonly client: PreparedClient,
    private readonly need: PreparedNeed,
    private readonly options: ResolvedOptions,
  ) {
    this.stages = new Uint8Array(profiles.length);
    const far: NeedVerdict[] = [];
    profiles.forEach((offering, index) => {
      const verdict = assessNeed(client, standIn(need, offering), need, Number.POSITIVE_INFINITY, options);
      far.push(verdict);
      this.stages[index] = verdict.met ? MET : MISSING_STAGE[verdict.reason] + 1;
    });
    this.far = far;
    this.near = new Array<NeedVerdict | undefined>(profiles.length);
  }

  /** The verdict for an offering of this profile within reach (in person or at home). */
  within(profile: number): NeedVerdict {
    return (this.near[profile] ??= assessNeed(this.client, standIn(this.need, this.profiles[profile]!), this.need, 0, this.options));
  }
}

// A partner with no coordinates and no radius: the need rules are asked at a distance of
// infinity (beyond every reach: out of range where only an in-person mode fits, so `REACH`)
// and of 0 (within any reach).
const NOWHERE: Partner = { id: 'stand-in', name: 'stand-in', kind: 'individual', bapasId: 'stand-in', offerings: [] };

const standIn = (need: PreparedNeed, offering: Offering): PreparedPartner => ({
  partner: NOWHERE,
  row: -1,
  offerings: new Map([[need.service, offering]]),
  freePlaces: null,
});
