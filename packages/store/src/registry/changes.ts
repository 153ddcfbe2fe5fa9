import type { Pokmas } from '@pokmas/directory';
import type { StoreContext } from '../context';
import { StoreError } from '../errors';
import { RECORD_COLUMNS, byId, toRecord } from '../partners/rows';
import type { ChangeSet } from '../store';
import { registryVersion } from './registry-write';

/**
 * The version is read first, the rows after it with no upper bound: every change up to the
 * version is then included (a partner changed twice since comes in its latest state), and a
 * row newer than the version is only a head start that the next call gives again.
 */
export async function changesSince(context: StoreContext, cursor: number): Promise<ChangeSet> {
  if (!Number.isSafeInteger(cursor) || cursor < 0) {
    throw new StoreError('INVALID_QUERY', 'change feed query refused', [
      { path: ['cursor'], code: 'invalid', message: 'a registry version: a whole number, 0 or more' },
    ]);
  }
  const version = await registryVersion(context);
  const partners = await context.db.selectFrom('partners').select(RECORD_COLUMNS).where('changed_in', '>', cursor).execute();
  const pokmas = await context.db.selectFrom('pokmas').select(['id', 'data']).where('changed_in', '>', cursor).execute();
  return {
    version,
    partners: partners.map(toRecord).sort(byId),
    pokmas: pokmas.map((row) => JSON.parse(row.data) as Pokmas).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
