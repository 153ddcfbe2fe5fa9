import { describe, expect } from 'vitest';
import { partner, registry } from '../helpers/registry';
import { type StoreTest, paths, refusal } from '../helpers/store-test';

export function registryContract(it: StoreTest): void {
  describe('seeding', () => {
    it('imports a registry into an empty store, once', async ({ store }) => {
      const first = await store.seedIfEmpty(registry());
      expect(first).toEqual({ seeded: true, partners: 3, pokmas: 3, registryVersion: 1 });
      expect((await store.listPartners()).map((record) => [record.partner.id, record.version])).toEqual([
        ['P-1', 1],
        ['P-2', 1],
        ['P-3', 1],
      ]);
      expect((await store.listPokmas()).map((group) => group.id)).toEqual(['PKM-001-HK', 'PKM-026-HK', 'PKM-026-KM']);

      const second = await store.seedIfEmpty(registry([partner('P-9')]));
      expect(second).toEqual({ seeded: false, partners: 0, pokmas: 0, registryVersion: 1 });
      expect((await store.listPartners()).map((record) => record.partner.id)).toEqual(['P-1', 'P-2', 'P-3']);
    });

    it('refuses a registry that would leave no active partner, and stays empty', async ({ store }) => {
      const error = await refusal(store.seedIfEmpty(registry([partner('P-1', { active: false })])), 'NO_ACTIVE_PARTNER');
      expect(error.message).toContain('none of its 1 partners is active');
      await refusal(store.seedIfEmpty(registry([])), 'NO_ACTIVE_PARTNER');
      expect(await store.listPartners()).toEqual([]);
      expect(await store.registryVersion()).toBe(0);
      expect((await store.listAudit()).entries).toEqual([]);
    });

    it('refuses a registry with bad rows, naming every one, and writes nothing', async ({ store }) => {
      const bad = registry([
        partner('P-1'),
        { ...partner('P-2'), kind: 'alien' } as never,
        partner('P-1'),
        partner('P-4', { pokmasId: 'PKM-001-HK' }),
        partner('P-5', { pokmasId: 'PKM-404' }),
      ]);
      const error = await refusal(store.seedIfEmpty(bad), 'INVALID_REGISTRY');
      expect(paths(error)).toEqual(['partners.1.kind', 'partners.2.id', 'partners.3.pokmasId', 'partners.4.pokmasId']);
      expect(await store.listPartners()).toEqual([]);
      expect(await store.listPokmas()).toEqual([]);
    });

    it('starts each seeded partner’s history with the seeding', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const history = await store.partnerHistory('P-2');
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ action: 'partner.seed', account: null, role: null, changes: [] });
      const seed = (await store.listAudit({ filters: { entity: 'registry' } })).entries;
      expect(seed.map((entry) => [entry.action, entry.changes])).toEqual([
        [
          'registry.seed',
          [
            { field: 'source', after: 'test' },
            { field: 'partners', after: 3 },
            { field: 'pokmas', after: 3 },
          ],
        ],
      ]);
    });
  });

  describe('the change feed', () => {
    it('gives everything from cursor 0, then only what changed after a cursor', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const all = await store.changesSince(0);
      expect(all.version).toBe(1);
      expect(all.partners.map((record) => record.partner.id)).toEqual(['P-1', 'P-2', 'P-3']);
      expect(all.pokmas).toHaveLength(3);
      expect(await store.changesSince(all.version)).toEqual({ version: 1, partners: [], pokmas: [] });

      const write = await store.patchPartner('P-2', { name: 'Mitra Baru (fiktif)' }, 1, { login: null, role: null });
      const next = await store.changesSince(all.version);
      expect(next.version).toBe(write.registryVersion);
      expect(next.version).toBe(await store.registryVersion());
      expect(next.partners).toEqual([{ partner: write.partner, version: 2, updatedAt: write.updatedAt, held: 0 }]);
      expect(next.pokmas).toEqual([]);
    });

    it('gives a partner changed twice since the cursor once, in its latest state', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const actor = { login: null, role: null };
      await store.patchPartner('P-1', { name: 'Satu (fiktif)' }, 1, actor);
      await store.patchPartner('P-1', { name: 'Dua (fiktif)' }, 2, actor);
      const changes = await store.changesSince(1);
      expect(changes.partners.map((record) => [record.partner.name, record.version])).toEqual([['Dua (fiktif)', 3]]);
      expect(changes.version).toBe(3);
    });

    it('refuses a cursor that is not a registry version', async ({ store }) => {
      for (const cursor of [-1, 1.5, Number.NaN])
        expect(paths(await refusal(store.changesSince(cursor), 'INVALID_QUERY'))).toEqual(['cursor']);
    });

    it('tells its listeners of each committed write, and stops when asked', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const heard: number[] = [];
      const stop = await store.onChange((event) => heard.push(event.version));
      const write = await store.patchPartner('P-1', { serviceRadiusKm: 30 }, 1, { login: null, role: null });
      expect(heard).toEqual([write.registryVersion]);
      // A refused write commits nothing and tells nobody.
      await refusal(store.patchPartner('P-1', { serviceRadiusKm: 31 }, 1, { login: null, role: null }), 'VERSION_MISMATCH');
      stop();
      await store.patchPartner('P-1', { serviceRadiusKm: 40 }, 2, { login: null, role: null });
      expect(heard).toEqual([write.registryVersion]);
    });

    it("hears another instance's commit within a second and a half, on SQLite by polling the file", async ({ store, another }) => {
      await store.seedIfEmpty(registry());
      const other = await another();
      const heard = new Promise<number>((resolve) => {
        void store.onChange((event) => resolve(event.version));
      });
      // Listening before the other writes: give the listener its first turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const write = await other.patchPartner('P-1', { serviceRadiusKm: 33 }, 1, { login: null, role: null });
      const version = await Promise.race([
        heard,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('not heard in 1.5 s')), 1500)),
      ]);
      expect(version).toBe(write.registryVersion);
      expect((await store.changesSince(1)).partners.map((record) => record.partner.serviceRadiusKm)).toEqual([33]);
    });

    it('keeps writing when a listener throws', async ({ another }) => {
      const errors: unknown[] = [];
      const store = await another({ onError: (error) => errors.push(error) });
      await store.onChange(() => {
        throw new Error('listener broke');
      });
      expect((await store.seedIfEmpty(registry())).seeded).toBe(true);
      expect(errors.map(String)).toEqual(['Error: listener broke']);
    });
  });
}
