import { PrioritySchema, type Priority } from './schemas/client';
import type { Partner } from './schemas/partner';
import { MODE_IDS, type AgeGroupId, type ModeId } from './taxonomy';

/**
 * What the matcher assumes of a field left out, each said once: the rules, the scorers and the
 * counsellor page all read these, so a page can never describe a default the matcher does not use.
 */

/** The priorities a need can have, least urgent first. */
export const PRIORITIES: readonly Priority[] = PrioritySchema.options.map((option) => option.value);

/** A need's priority when the caller gives none (`2`, between 1, low, and 3, urgent). */
export const DEFAULT_PRIORITY: Priority = 2;

/** The modes a client accepts when it lists none: every mode. */
export const DEFAULT_CLIENT_MODES: readonly ModeId[] = MODE_IDS;

/** The modes an offering is given in when it lists none: in person only. */
export const DEFAULT_OFFERING_MODES: readonly ModeId[] = ['in-person'];

/**
 * The age groups a partner accepts when it lists none: adults only. A partner takes juveniles
 * only when it says so (safeguarding).
 */
export const DEFAULT_PARTNER_AGE_GROUPS: readonly AgeGroupId[] = ['adult'];

/** The age group a client of unknown age is judged as by the eligibility rule. */
export const DEFAULT_CLIENT_AGE_GROUP: AgeGroupId = 'adult';

/**
 * A partner's free places: its capacity's total less the places used, or `null` for a partner
 * that records no capacity, which is unlimited (never full, and scores full headroom).
 *
 * @example
 * freePlaces({ capacity: { total: 10, used: 7 } }); // 3
 * freePlaces({}); // null: no limit recorded
 */
export function freePlaces(partner: Pick<Partner, 'capacity'>): number | null {
  return partner.capacity ? partner.capacity.total - partner.capacity.used : null;
}
