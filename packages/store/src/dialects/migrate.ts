import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../migrations';
import type { Tables } from '../tables';
import type { DialectName } from './backend';

export async function migrateToLatest(db: Kysely<Tables>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`the store's migration${failed ? ` ${failed}` : 's'} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    });
  }
}
