import type { Selectable } from 'kysely';
import type { Role } from '../accounts/account-schema';
import type { Referral, ReferralEvent, ReferralHistoryEntry, ReferralOutcome } from '../store';
import type { ReferralEventsTable, ReferralsTable } from '../tables';
import type { ReferralReason, ReferralStatus } from './lifecycle';

/** `RJ-000042`: short enough to read over the telephone, and unique. */
export const referralNumber = (seq: number): string => `RJ-${String(seq).padStart(6, '0')}`;

export function toHistoryEntry(row: Selectable<ReferralEventsTable>): ReferralHistoryEntry {
  return {
    id: row.id,
    at: row.at,
    account: row.account,
    role: row.role as Role | null,
    from: row.from_status as ReferralStatus | null,
    to: row.to_status as ReferralStatus,
    ...(row.reason === null ? {} : { reason: row.reason as ReferralReason }),
    ...(row.note === null ? {} : { note: row.note }),
  };
}

export function toEvent(
  row: Pick<Selectable<ReferralEventsTable>, 'id' | 'at' | 'referral_id' | 'partner_id' | 'bapas_id' | 'to_status'>,
): ReferralEvent {
  const status = row.to_status as ReferralStatus;
  return {
    id: row.id,
    at: row.at,
    type: `referral.${status}`,
    referralId: row.referral_id,
    partnerId: row.partner_id,
    bapasId: row.bapas_id,
    status,
  };
}

export function toReferral(row: Selectable<ReferralsTable>, events: readonly Selectable<ReferralEventsTable>[]): Referral {
  return {
    id: row.id,
    number: row.number,
    status: row.status as ReferralStatus,
    partnerId: row.partner_id,
    bapasId: row.bapas_id,
    clientRef: row.client_ref,
    services: JSON.parse(row.services) as string[],
    match: JSON.parse(row.match) as unknown,
    ...(row.outcome === null ? {} : { outcome: JSON.parse(row.outcome) as ReferralOutcome }),
    history: events.map(toHistoryEntry),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
  };
}
