import { test as base, expect } from 'vitest';
import { HOLDING_STATUSES, type OpenStoreOptions, type Store, StoreError, type StoreErrorCode, openStore } from '../../src/index';
import type { FreshDatabase, TestDatabase } from './databases';

export interface StoreFixtures {
  /** A new empty database, dropped after the test. */
  fresh: FreshDatabase;
  /** A store open on `fresh`, closed after the test. */
  store: Store;
  /** Opens another store on the same database (another instance), closed after the test. */
  another: (options?: Partial<OpenStoreOptions>) => Promise<Store>;
}

/** `it` for one database: each test gets a database of its own. */
export function storeTest(database: TestDatabase) {
  return base.extend<StoreFixtures>({
    fresh: async ({}, use) => {
      const fresh = await database.create();
      try {
        await use(fresh);
      } finally {
        await fresh.drop();
      }
    },
    store: async ({ fresh }, use) => {
      const store = await openStore(fresh.options);
      try {
        await use(store);
      } finally {
        await store.close();
      }
    },
    another: async ({ fresh }, use) => {
      const opened: Store[] = [];
      try {
        await use(async (options = {}) => {
          const store = await openStore({ ...fresh.options, ...options });
          opened.push(store);
          return store;
        });
      } finally {
        await Promise.all(opened.map((store) => store.close()));
      }
    },
  });
}

export type StoreTest = ReturnType<typeof storeTest>;

/** Awaits a refusal and answers it, failing the test unless it is a StoreError with `code`. */
export async function refusal(promise: Promise<unknown>, code: StoreErrorCode): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, `expected a StoreError ${code}`).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

/** The issues' paths, dotted, for comparing every field refused at once. */
export function paths(error: StoreError): string[] {
  return error.issues.map((issue) => issue.path.map(String).join('.')).sort();
}

/**
 * Asserts, from the database's own rows, that each partner's held count is the number of its
 * referrals in a status that holds a place; answers the held counts by partner.
 */
export async function expectHeldAgrees(fresh: FreshDatabase): Promise<Map<string, number>> {
  const held = await fresh.sql('select id, held from partners order by id');
  const statuses = HOLDING_STATUSES.map((status) => `'${status}'`).join(', ');
  const holding = await fresh.sql(`select partner_id, count(*) as n from referrals where status in (${statuses}) group by partner_id`);
  const counts = new Map(holding.map((row) => [String(row.partner_id), Number(row.n)]));
  for (const row of held) expect(Number(row.held), `held of ${String(row.id)}`).toBe(counts.get(String(row.id)) ?? 0);
  return new Map(held.map((row) => [String(row.id), Number(row.held)]));
}
