import type { Transaction } from 'kysely';
import type { StoreContext } from '../context';
import type { Tables } from '../tables';

/** What a registry write answers when it found nothing to change: the transaction is rolled back. */
export class Unchanged<T> {
  constructor(readonly value: T) {}
}

const ROLL_BACK = Symbol('roll back');

/**
 * Runs one registry write in one transaction. It first raises the registry version: that row
 * lock puts concurrent writers in line (on PostgreSQL; SQLite has one writer at a time anyway),
 * so versions are committed in the order they are given and a reader of the change feed never
 * skips one that commits late. Then `work` runs with the new version; the commit is announced
 * to the other instances and then to this store's listeners.
 */
export async function registryWrite<T>(
  context: StoreContext,
  work: (trx: Transaction<Tables>, version: number) => Promise<T | Unchanged<T>>,
): Promise<{ value: T; registryVersion: number }> {
  let unchanged: Unchanged<T> | undefined;
  try {
    const written = await context.db.transaction().execute(async (trx) => {
      const { version } = await trx
        .updateTable('registry_state')
        .set((eb) => ({ version: eb('version', '+', 1) }))
        .where('id', '=', 1)
        .returning('version')
        .executeTakeFirstOrThrow();
      const value = await work(trx, version);
      if (value instanceof Unchanged) {
        unchanged = value;
        throw ROLL_BACK;
      }
      await context.backend.notify(trx, JSON.stringify({ version, origin: context.origin }));
      return { value, registryVersion: version };
    });
    context.bus.emit({ version: written.registryVersion });
    return written;
  } catch (error) {
    if (error === ROLL_BACK && unchanged) return { value: unchanged.value, registryVersion: await registryVersion(context) };
    throw error;
  }
}

export async function registryVersion(context: Pick<StoreContext, 'db'>): Promise<number> {
  const row = await context.db.selectFrom('registry_state').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.version;
}
