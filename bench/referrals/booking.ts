/**
 * The referral benchmark's correctness check, read back after the run: no partner holds more
 * referrals than it had free places, the places the store counts as held are the referrals
 * holding them, and every referral answered 201 is there (and none other).
 */
import { HOLDING_STATUSES } from '@pokmas/store';

/** A partner as read back: its capacity (none: unlimited) and the places the store counts as held. */
export interface BookedPartner {
  readonly id: string;
  readonly capacity?: { readonly total: number; readonly used: number } | undefined;
  readonly held: number;
}

export interface BookedReferral {
  readonly partnerId: string;
  readonly status: string;
}

export interface BookingCheck {
  readonly partners: number;
  /** Referrals in a status that holds a place (`HOLDING_STATUSES`). */
  readonly holding: number;
  /** Over every partner, the holding referrals beyond its free places (`capacity.total - capacity.used`): 0 unless overbooked. */
  readonly overbookedPlaces: number;
  readonly overbooked: readonly { readonly partnerId: string; readonly free: number; readonly holding: number }[];
  /** Partners whose held count is not the number of referrals holding their places. */
  readonly heldMismatches: readonly { readonly partnerId: string; readonly held: number; readonly holding: number }[];
  /** Partners whose holding referrals are not the 201s the callers counted for them; empty when not given. */
  readonly acknowledgedMismatches: readonly { readonly partnerId: string; readonly acknowledged: number; readonly holding: number }[];
  /** Referrals to partners not read back. */
  readonly unknownPartners: readonly string[];
}

const HOLDING: ReadonlySet<string> = new Set(HOLDING_STATUSES);

/**
 * Counts, for every partner, the referrals holding its places beside its free places and its
 * held count; with `acknowledged` (201s by partner id), beside those too. Reads its inputs only.
 *
 * @example
 * checkBookings([{ id: 'P-1', capacity: { total: 3, used: 1 }, held: 3 }], [1, 2, 3].map(() => ({ partnerId: 'P-1', status: 'requested' })))
 * // { overbookedPlaces: 1, overbooked: [{ partnerId: 'P-1', free: 2, holding: 3 }], heldMismatches: [], ... }
 */
export function checkBookings(
  partners: readonly BookedPartner[],
  referrals: readonly BookedReferral[],
  acknowledged?: ReadonlyMap<string, number>,
): BookingCheck {
  const holdingOf = new Map<string, number>(partners.map((partner) => [partner.id, 0]));
  const unknown = new Set<string>();
  let holding = 0;
  for (const referral of referrals) {
    if (!holdingOf.has(referral.partnerId)) unknown.add(referral.partnerId);
    if (!HOLDING.has(referral.status)) continue;
    holding++;
    holdingOf.set(referral.partnerId, (holdingOf.get(referral.partnerId) ?? 0) + 1);
  }
  const overbooked: BookingCheck['overbooked'][number][] = [];
  const heldMismatches: BookingCheck['heldMismatches'][number][] = [];
  const acknowledgedMismatches: BookingCheck['acknowledgedMismatches'][number][] = [];
  for (const partner of partners) {
    const count = holdingOf.get(partner.id)!;
    const free = partner.capacity ? partner.capacity.total - partner.capacity.used : Number.POSITIVE_INFINITY;
    if (count > free) overbooked.push({ partnerId: partner.id, free, holding: count });
    if (partner.held !== count) heldMismatches.push({ partnerId: partner.id, held: partner.held, holding: count });
    const acked = acknowledged?.get(partner.id) ?? 0;
    if (acknowledged && acked !== count) acknowledgedMismatches.push({ partnerId: partner.id, acknowledged: acked, holding: count });
  }
  // 201s for a partner not read back are lost referrals too.
  for (const [partnerId, acked] of acknowledged ?? []) {
    if (!holdingOf.has(partnerId) && acked > 0) acknowledgedMismatches.push({ partnerId, acknowledged: acked, holding: 0 });
  }
  return {
    partners: partners.length,
    holding,
    overbookedPlaces: overbooked.reduce((sum, entry) => sum + entry.holding - entry.free, 0),
    overbooked,
    heldMismatches,
    acknowledgedMismatches,
    unknownPartners: [...unknown].sort(),
  };
}

/** What a check found wrong, one sentence each (at most three partners named each); empty when nothing was. */
export function bookingProblems(check: BookingCheck): string[] {
  const some = <T>(entries: readonly T[], show: (entry: T) => string) =>
    `${entries.slice(0, 3).map(show).join(', ')}${entries.length > 3 ? `, and ${entries.length - 3} more` : ''}`;
  const problems: string[] = [];
  if (check.overbooked.length > 0) {
    problems.push(
      `${check.overbookedPlaces} place${check.overbookedPlaces === 1 ? '' : 's'} overbooked at ${check.overbooked.length} partner${check.overbooked.length === 1 ? '' : 's'} ` +
        `(${some(check.overbooked, (entry) => `${entry.partnerId}: ${entry.holding} holding for ${entry.free} free`)})`,
    );
  }
  if (check.heldMismatches.length > 0) {
    problems.push(
      `held places differ from the referrals holding them at ${check.heldMismatches.length} partner${check.heldMismatches.length === 1 ? '' : 's'} ` +
        `(${some(check.heldMismatches, (entry) => `${entry.partnerId}: held ${entry.held}, ${entry.holding} holding`)})`,
    );
  }
  if (check.acknowledgedMismatches.length > 0) {
    problems.push(
      `the referrals answered 201 differ from those stored at ${check.acknowledgedMismatches.length} partner${check.acknowledgedMismatches.length === 1 ? '' : 's'} ` +
        `(${some(check.acknowledgedMismatches, (entry) => `${entry.partnerId}: ${entry.acknowledged} answered 201, ${entry.holding} stored`)})`,
    );
  }
  if (check.unknownPartners.length > 0) {
    problems.push(`referrals to partners not read back: ${some(check.unknownPartners, (id) => id)}`);
  }
  return problems;
}
