import type { StoreContext } from '../context';
import type { PartnerFilter, PartnerRecord } from '../store';
import { RECORD_COLUMNS, byId, toRecord } from './rows';

export async function getPartner(context: StoreContext, id: string): Promise<PartnerRecord | undefined> {
  const row = await context.db.selectFrom('partners').select(RECORD_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export async function listPartners(context: StoreContext, filter: PartnerFilter = {}): Promise<PartnerRecord[]> {
  let query = context.db.selectFrom('partners').select(RECORD_COLUMNS);
  if (filter.bapasId !== undefined) query = query.where('bapas_id', '=', filter.bapasId);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  return (await query.execute()).map(toRecord).sort(byId);
}
