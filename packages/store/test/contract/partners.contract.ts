import { describe, expect } from 'vitest';
import { ADMIN, EDITOR, partner, registry } from '../helpers/registry';
import { type StoreTest, paths, refusal } from '../helpers/store-test';

export function partnersContract(it: StoreTest): void {
  describe('creating a partner', () => {
    it('stores it at version 1 and raises the registry version', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const created = await store.createPartner(partner('P-new'), EDITOR);
      expect(created).toMatchObject({ partner: partner('P-new'), version: 1, registryVersion: 2 });
      expect(await store.getPartner('P-new')).toEqual({ partner: partner('P-new'), version: 1, updatedAt: created.updatedAt, held: 0 });
      expect(Date.parse(created.updatedAt)).not.toBeNaN();
    });

    it('refuses a partner with every bad field at once, and stores nothing', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const bad = { ...partner('P-new'), name: '', kind: 'alien', offerings: [], capacity: { total: 1, used: 5 } };
      const error = await refusal(store.createPartner(bad, EDITOR), 'INVALID_PARTNER');
      expect(paths(error)).toEqual(['capacity.used', 'kind', 'name', 'offerings']);
      expect(await store.getPartner('P-new')).toBeUndefined();
      expect(await store.registryVersion()).toBe(1);
      expect((await store.listAudit({ filters: { entityId: 'P-new' } })).entries).toEqual([]);
    });

    it('refuses an id that is taken', async ({ store }) => {
      await store.seedIfEmpty(registry());
      await refusal(store.createPartner(partner('P-1', { name: 'Lain (fiktif)' }), EDITOR), 'PARTNER_EXISTS');
      expect((await store.getPartner('P-1'))?.partner.name).toBe('Mitra P-1 (fiktif)');
    });

    it('refuses a POKMAS that is unknown or of another Bapas', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const unknown = await refusal(store.createPartner(partner('P-new', { pokmasId: 'PKM-404' }), EDITOR), 'INVALID_PARTNER');
      expect(paths(unknown)).toEqual(['pokmasId']);
      const other = await refusal(store.createPartner(partner('P-new', { pokmasId: 'PKM-001-HK' }), EDITOR), 'INVALID_PARTNER');
      expect(other.issues[0]?.message).toBe("the POKMAS belongs to Bapas 001, not to this partner's Bapas 026");
    });

    it('reports the app’s own checks together with the store’s', async ({ another }) => {
      const store = await another({
        checks: {
          partner: (candidate) =>
            candidate.regencyCode === '99.99' ? [{ path: ['regencyCode'], code: 'unknown_regency', message: 'unknown regency' }] : [],
        },
      });
      await store.seedIfEmpty(registry());
      const error = await refusal(
        store.createPartner(partner('P-new', { regencyCode: '99.99', pokmasId: 'PKM-404' }), EDITOR),
        'INVALID_PARTNER',
      );
      expect(paths(error)).toEqual(['pokmasId', 'regencyCode']);
    });
  });

  describe('replacing a partner', () => {
    it('replaces it at the version given and records the fields changed, before and after', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const next = partner('P-1', { name: 'Ganti (fiktif)', capacity: { total: 10, used: 3 } });
      const written = await store.replacePartner('P-1', next, 1, EDITOR);
      expect(written).toMatchObject({ partner: next, version: 2, registryVersion: 2 });
      const [latest] = await store.partnerHistory('P-1');
      expect(latest).toMatchObject({ action: 'partner.replace', account: 'ani', role: 'bapas-admin' });
      expect(latest?.changes).toEqual([
        { field: 'capacity.used', before: 2, after: 3 },
        { field: 'name', before: 'Mitra P-1 (fiktif)', after: 'Ganti (fiktif)' },
      ]);
    });

    it('refuses a stale version, says which is current, and changes nothing', async ({ store }) => {
      await store.seedIfEmpty(registry());
      await store.replacePartner('P-1', partner('P-1', { name: 'Satu (fiktif)' }), 1, EDITOR);
      const error = await refusal(store.replacePartner('P-1', partner('P-1', { name: 'Dua (fiktif)' }), 1, EDITOR), 'VERSION_MISMATCH');
      expect(error.currentVersion).toBe(2);
      expect(await store.getPartner('P-1')).toMatchObject({ version: 2, partner: { name: 'Satu (fiktif)' } });
      expect(await store.partnerHistory('P-1')).toHaveLength(2);
    });

    it('refuses a body whose id is not the partner’s, with its other issues', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const error = await refusal(store.replacePartner('P-1', { ...partner('P-2'), name: '' }, 1, EDITOR), 'INVALID_PARTNER');
      expect(paths(error)).toEqual(['id', 'name']);
    });

    it('answers NOT_FOUND for a partner that does not exist', async ({ store }) => {
      await store.seedIfEmpty(registry());
      await refusal(store.replacePartner('P-404', partner('P-404'), 1, EDITOR), 'NOT_FOUND');
      await refusal(store.patchPartner('P-404', { name: 'x' }, 1, EDITOR), 'NOT_FOUND');
      await refusal(store.partnerHistory('P-404'), 'NOT_FOUND');
      expect(await store.getPartner('P-404')).toBeUndefined();
    });

    it('keeps the version when the replacement changes nothing', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const unchanged = await store.replacePartner('P-1', partner('P-1'), 1, EDITOR);
      expect(unchanged).toMatchObject({ version: 1, registryVersion: 1 });
      expect(await store.partnerHistory('P-1')).toHaveLength(1);
      // ...yet a stale version is refused all the same.
      await refusal(store.replacePartner('P-1', partner('P-1'), 7, EDITOR), 'VERSION_MISMATCH');
    });
  });

  describe('patching a partner (RFC 7396)', () => {
    it('sets, merges into and removes fields', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const written = await store.patchPartner(
        'P-1',
        { capacity: { used: 9 }, contact: { phone: null }, serviceRadiusKm: 25, regencyCode: null },
        1,
        EDITOR,
      );
      const { regencyCode: _, ...rest } = partner('P-1');
      expect(written.partner).toEqual({
        ...rest,
        capacity: { total: 10, used: 9 },
        contact: { person: 'Contoh Orang' },
        serviceRadiusKm: 25,
      });
      expect(written.version).toBe(2);
      expect((await store.partnerHistory('P-1'))[0]?.changes).toEqual([
        { field: 'capacity.used', before: 2, after: 9 },
        { field: 'contact.phone', before: '+62 800-0000-0000' },
        { field: 'regencyCode', before: '32.73' },
        { field: 'serviceRadiusKm', after: 25 },
      ]);
    });

    it('applies nothing of a patch whose result is bad, and names every bad field', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const error = await refusal(
        store.patchPartner(
          'P-1',
          { name: 'Baik (fiktif)', capacity: { used: 50 }, offerings: [{ service: 'nope' }], kind: null },
          1,
          EDITOR,
        ),
        'INVALID_PARTNER',
      );
      expect(paths(error)).toEqual(['capacity.used', 'kind', 'offerings.0.service']);
      expect(await store.getPartner('P-1')).toMatchObject({ version: 1, partner: partner('P-1') });
    });

    it('refuses a patch that is not an object, or that changes the id', async ({ store }) => {
      await store.seedIfEmpty(registry());
      for (const patch of [[], 'x', null, 3])
        expect(paths(await refusal(store.patchPartner('P-1', patch, 1, EDITOR), 'INVALID_PATCH'))).toEqual(['']);
      expect(paths(await refusal(store.patchPartner('P-1', { id: 'P-9' }, 1, EDITOR), 'INVALID_PATCH'))).toEqual(['id']);
      expect(paths(await refusal(store.patchPartner('P-1', { id: null }, 1, EDITOR), 'INVALID_PATCH'))).toEqual(['id']);
      expect((await store.patchPartner('P-1', { id: 'P-1', name: 'Sama (fiktif)' }, 1, EDITOR)).version).toBe(2);
    });

    it('retires a partner with {"active": false}, keeps it and its history, and brings it back', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const retired = await store.patchPartner('P-2', { active: false }, 1, ADMIN);
      expect(retired.partner.active).toBe(false);
      expect((await store.listPartners({ active: true })).map((record) => record.partner.id)).toEqual(['P-1', 'P-3']);
      expect((await store.listPartners({ active: false })).map((record) => record.partner.id)).toEqual(['P-2']);
      expect(await store.getPartner('P-2')).toMatchObject({ version: 2 });
      await store.patchPartner('P-2', { active: null }, 2, ADMIN);
      expect((await store.partnerHistory('P-2')).map((entry) => entry.action)).toEqual([
        'partner.reactivate',
        'partner.retire',
        'partner.seed',
      ]);
      expect((await store.listPartners({ active: true })).map((record) => record.partner.id)).toEqual(['P-1', 'P-2', 'P-3']);
    });
  });

  describe('reading partners', () => {
    it('lists by Bapas and by state, ordered by id', async ({ store }) => {
      await store.seedIfEmpty(
        registry([partner('b'), partner('B'), partner('a-1'), partner('A', { bapasId: '001', pokmasId: 'PKM-001-HK' })]),
      );
      expect((await store.listPartners()).map((record) => record.partner.id)).toEqual(['A', 'B', 'a-1', 'b']);
      expect((await store.listPartners({ bapasId: '026' })).map((record) => record.partner.id)).toEqual(['B', 'a-1', 'b']);
      expect(await store.listPartners({ bapasId: '999' })).toEqual([]);
    });

    it('gives the history newest first, with time, account and role', async ({ store }) => {
      await store.seedIfEmpty(registry());
      await store.patchPartner('P-3', { name: 'Satu (fiktif)' }, 1, EDITOR);
      await store.patchPartner('P-3', { name: 'Dua (fiktif)' }, 2, ADMIN);
      const history = await store.partnerHistory('P-3');
      expect(history.map((entry) => [entry.account, entry.role, entry.changes[0]?.after])).toEqual([
        ['root-admin', 'admin', 'Dua (fiktif)'],
        ['ani', 'bapas-admin', 'Satu (fiktif)'],
        [null, null, undefined],
      ]);
      const times = history.map((entry) => Date.parse(entry.time));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });
  });
}
