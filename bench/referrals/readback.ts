/**
 * What the run left, read back once the callers have stopped: every referral as the API serves
 * it (`GET /v1/referrals`, page by page, as the admin sees them all), and every partner's
 * capacity and held places from the store itself (the held count is the store's alone: the API
 * serves it only folded into the free places). Only partner ids and statuses are kept.
 */
import { openStore } from '@pokmas/store';
import type { BookedPartner, BookedReferral } from './booking';
import type { ReferralPair } from './pairs';

export interface ReadBack {
  readonly partners: readonly BookedPartner[];
  readonly referrals: readonly BookedReferral[];
}

/** Every referral the API lists, in pages of 500. */
export async function servedReferrals(url: string, token: string): Promise<BookedReferral[]> {
  const referrals: BookedReferral[] = [];
  let cursor: string | undefined;
  do {
    const res = await fetch(`${url}/v1/referrals?limit=500${cursor === undefined ? '' : `&cursor=${cursor}`}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`referrals: GET /v1/referrals answered ${res.status} while reading back`);
    const page = (await res.json()) as { referrals: { partnerId: string; status: string }[]; nextCursor?: string };
    for (const { partnerId, status } of page.referrals) referrals.push({ partnerId, status });
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return referrals;
}

/**
 * The paired partners as the store holds them; throws if one's capacity is not the one the
 * bench registry seeded (the store was not seeded from it: the places would not be known).
 */
export async function storedPartners(
  store: { readonly databaseUrl: string } | { readonly dataDir: string },
  pairs: readonly ReferralPair[],
): Promise<BookedPartner[]> {
  const opened = await openStore(store);
  try {
    const records = new Map((await opened.listPartners()).map((record) => [record.partner.id, record]));
    return pairs.map((pair) => {
      const record = records.get(pair.partnerId);
      const capacity = record?.partner.capacity;
      if (!record || capacity?.total !== pair.capacity.total || capacity.used !== pair.capacity.used) {
        throw new Error(
          `referrals: partner ${pair.partnerId} is stored with capacity ${JSON.stringify(capacity)}, not the ${JSON.stringify(pair.capacity)} seeded`,
        );
      }
      return { id: pair.partnerId, capacity, held: record.held };
    });
  } finally {
    await opened.close();
  }
}
