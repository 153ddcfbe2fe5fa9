import { describe, expect } from 'vitest';
import { ADMIN, EDITOR, POKMAS, partner, registry } from '../helpers/registry';
import { type StoreTest, paths, refusal } from '../helpers/store-test';

const file = (partners: ReturnType<typeof partner>[]) => ({ partners, pokmas: POKMAS, source: 'import-test' });

export function importContract(it: StoreTest): void {
  describe('importing a registry', () => {
    it('creates, updates and leaves unchanged in one write, with one new registry version', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const before = await store.registryVersion();
      const result = await store.importRegistry(
        file([partner('P-1'), partner('P-2', { name: 'Mitra baru (fiktif)' }), partner('P-7')]),
        {},
        ADMIN,
      );
      expect(result).toMatchObject({
        mode: 'upsert',
        dryRun: false,
        created: ['P-7'],
        updated: ['P-2'],
        retired: [],
        unchanged: ['P-1'],
        registryVersion: before + 1,
      });
      expect((await store.getPartner('P-2'))?.version).toBe(2);
      expect((await store.getPartner('P-1'))?.version).toBe(1);
      expect((await store.getPartner('P-3'))?.partner.active).not.toBe(false);
      const history = await store.partnerHistory('P-2');
      expect(history[0]).toMatchObject({ action: 'partner.import', account: 'root-admin', changes: [{ field: 'name' }] });
      const changes = await store.changesSince(before);
      expect(changes.partners.map((record) => record.partner.id).sort()).toEqual(['P-2', 'P-7']);
    });

    it('a file equal to the store changes nothing and keeps the version', async ({ store }) => {
      const seeded = registry();
      await store.seedIfEmpty(seeded);
      const version = await store.registryVersion();
      const result = await store.importRegistry(seeded, { mode: 'replace' }, ADMIN);
      expect(result).toMatchObject({ created: [], updated: [], retired: [], unchanged: ['P-1', 'P-2', 'P-3'], registryVersion: version });
      expect((await store.listAudit({ filters: { action: 'registry.import' } })).entries).toEqual([]);
    });

    it('replace retires the partners the file leaves out, and keeps their history', async ({ store }) => {
      await store.seedIfEmpty(registry([partner('P-1'), partner('P-2'), partner('P-3'), partner('P-4')]));
      const result = await store.importRegistry(file([partner('P-1'), partner('P-2'), partner('P-3')]), { mode: 'replace' }, ADMIN);
      expect(result).toMatchObject({ retired: ['P-4'], unchanged: ['P-1', 'P-2', 'P-3'] });
      expect((await store.getPartner('P-4'))?.partner.active).toBe(false);
      expect((await store.partnerHistory('P-4'))[0]).toMatchObject({
        action: 'partner.retire',
        changes: [{ field: 'active', after: false }],
      });
    });

    it('refuses a replace that retires more than half of the active partners, unless allowShrink', async ({ store }) => {
      await store.seedIfEmpty(registry([partner('P-1'), partner('P-2'), partner('P-3')]));
      const error = await refusal(store.importRegistry(file([partner('P-1')]), { mode: 'replace' }, ADMIN), 'SHRINK_REFUSED');
      expect(error.message).toContain('retire 2 of the 3 active partners');
      expect((await store.listPartners({ active: true })).length).toBe(3);
      const allowed = await store.importRegistry(file([partner('P-1')]), { mode: 'replace', allowShrink: true }, ADMIN);
      expect(allowed.retired).toEqual(['P-2', 'P-3']);
    });

    it('refuses an import that would leave no active partner, even with allowShrink', async ({ store }) => {
      await store.seedIfEmpty(registry([partner('P-1')]));
      await refusal(store.importRegistry(file([partner('P-1', { active: false })]), {}, ADMIN), 'NO_ACTIVE_PARTNER');
      await refusal(
        store.importRegistry(file([partner('P-9', { active: false })]), { mode: 'replace', allowShrink: true }, ADMIN),
        'NO_ACTIVE_PARTNER',
      );
      expect(await store.getPartner('P-9')).toBeUndefined();
      expect((await store.getPartner('P-1'))?.partner.active).not.toBe(false);
    });

    it('refuses a file with bad rows whole, naming every one, and changes nothing', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const version = await store.registryVersion();
      const bad = file([
        partner('P-1', { name: 'changed' }),
        { ...partner('P-8'), kind: 'alien' } as never,
        partner('P-9', { pokmasId: 'PKM-404' }),
      ]);
      const error = await refusal(store.importRegistry(bad, {}, ADMIN), 'INVALID_REGISTRY');
      expect(paths(error)).toEqual(['partners.1.kind', 'partners.2.pokmasId']);
      expect(await store.registryVersion()).toBe(version);
      expect((await store.getPartner('P-1'))?.partner.name).not.toBe('changed');
    });

    it('a dry run counts what it would do and changes nothing', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const version = await store.registryVersion();
      const result = await store.importRegistry(
        file([partner('P-1', { name: 'x (fiktif)' }), partner('P-8')]),
        { mode: 'replace', dryRun: true, allowShrink: true },
        ADMIN,
      );
      expect(result).toMatchObject({ dryRun: true, created: ['P-8'], updated: ['P-1'], retired: ['P-2', 'P-3'], registryVersion: version });
      expect(await store.registryVersion()).toBe(version);
      expect(await store.getPartner('P-8')).toBeUndefined();
    });

    it('an import for one Bapas takes only its partners, and replace retires only its own', async ({ store }) => {
      await store.seedIfEmpty(
        registry([partner('P-1'), partner('P-2'), partner('P-3'), partner('P-5', { bapasId: '001', pokmasId: 'PKM-001-HK' })]),
      );
      const foreign = await refusal(
        store.importRegistry(
          file([partner('P-1'), partner('P-6', { bapasId: '001', pokmasId: 'PKM-001-HK' })]),
          { bapasId: '026' },
          EDITOR,
        ),
        'INVALID_REGISTRY',
      );
      expect(paths(foreign)).toContain('partners.1.bapasId');
      const result = await store.importRegistry(
        { partners: [partner('P-1'), partner('P-2')], pokmas: POKMAS.filter((group) => group.bapasId === '026'), source: 'x' },
        { mode: 'replace', bapasId: '026' },
        EDITOR,
      );
      expect(result.retired).toEqual(['P-3']);
      expect((await store.getPartner('P-5'))?.partner.active).not.toBe(false);
    });
  });
}
