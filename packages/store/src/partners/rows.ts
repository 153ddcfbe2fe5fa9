import type { Partner } from '@pokmas/matcher';
import type { Selectable } from 'kysely';
import type { PartnerRecord } from '../store';
import type { PartnersTable } from '../tables';

/** The columns a PartnerRecord is read from. */
export const RECORD_COLUMNS = ['data', 'version', 'updated_at', 'held'] as const;

export function toRecord(row: Pick<Selectable<PartnersTable>, (typeof RECORD_COLUMNS)[number]>): PartnerRecord {
  return { partner: JSON.parse(row.data) as Partner, version: row.version, updatedAt: row.updated_at, held: row.held };
}

/** The indexed columns are read from the partner, never given apart from it. */
export function partnerColumns(partner: Partner) {
  return { bapas_id: partner.bapasId, active: partner.active === false ? 0 : 1, data: JSON.stringify(partner) };
}

/** Code-unit order, the same in both databases whatever their collation. */
export function byId(a: { partner: { id: string } }, b: { partner: { id: string } }): number {
  return a.partner.id < b.partner.id ? -1 : a.partner.id > b.partner.id ? 1 : 0;
}
