import { describe, expect } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/index';
import { ADMIN, EDITOR, partner, registry } from '../helpers/registry';
import { type StoreTest, paths, refusal } from '../helpers/store-test';

export function auditContract(it: StoreTest): void {
  describe('the audit log', () => {
    it('records every kind of write with time, account, role, action and entity', async ({ store }) => {
      await store.seedIfEmpty(registry([partner('P-1')]));
      await store.createPartner(partner('P-2'), EDITOR);
      await store.patchPartner('P-2', { active: false }, 1, EDITOR);
      await store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '026' }, ADMIN);
      const { info } = await store.createToken('ani', {}, ADMIN);
      await store.revokeToken(info.id, ADMIN);
      await store.recordAuthEvent('sign-in.succeeded', 'ani');
      const { entries } = await store.listAudit();
      expect(entries.map((entry) => [entry.action, entry.entity, entry.entityId, entry.account, entry.role])).toEqual([
        ['sign-in.succeeded', 'account', 'ani', 'ani', 'counsellor'],
        ['token.revoke', 'token', String(info.id), 'root-admin', 'admin'],
        ['token.create', 'token', String(info.id), 'root-admin', 'admin'],
        ['account.create', 'account', 'ani', 'root-admin', 'admin'],
        ['partner.retire', 'partner', 'P-2', 'ani', 'bapas-admin'],
        ['partner.create', 'partner', 'P-2', 'ani', 'bapas-admin'],
        ['partner.seed', 'partner', 'P-1', null, null],
        ['registry.seed', 'registry', null, null, null],
      ]);
      expect(entries.find((entry) => entry.action === 'account.create')?.changes).toEqual([
        { field: 'bapasId', after: '026' },
        { field: 'login', after: 'ani' },
        { field: 'role', after: 'counsellor' },
      ]);
      const ids = entries.map((entry) => entry.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    it('appends nothing for a write that was refused', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const before = (await store.listAudit({ limit: 500 })).entries.length;
      await refusal(store.createPartner({ ...partner('P-9'), name: '' }, EDITOR), 'INVALID_PARTNER');
      await refusal(store.patchPartner('P-1', { name: 'x' }, 5, EDITOR), 'VERSION_MISMATCH');
      await refusal(store.patchPartner('P-1', { offerings: [] }, 1, EDITOR), 'INVALID_PARTNER');
      await refusal(store.createAccount({ login: 'ani', role: 'counsellor' }, EDITOR), 'INVALID_ACCOUNT');
      await refusal(store.createToken('nobody', {}, EDITOR), 'NOT_FOUND');
      expect((await store.listAudit({ limit: 500 })).entries.length).toBe(before);
    });

    it('never records what was typed as the login of a failed sign-in', async ({ store, fresh }) => {
      await store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '026' }, SYSTEM_ACTOR);
      await store.recordAuthEvent('sign-in.failed', 'ani');
      await store.recordAuthEvent('sign-in.failed', 'my secret passphrase');
      await store.recordAuthEvent('sign-in.failed', 'ghost');
      const failed = (await store.listAudit({ filters: { action: 'sign-in.failed' } })).entries;
      expect(failed.map((entry) => [entry.account, entry.entityId])).toEqual([
        [null, null],
        [null, null],
        ['ani', 'ani'],
      ]);
      const dump = await fresh.dump();
      expect(dump).not.toContain('my secret passphrase');
      expect(dump).not.toContain('ghost');
    });

    it('filters by account, action, entity, id and time', async ({ store }) => {
      await store.seedIfEmpty(registry());
      // Entries carry milliseconds: let the clock pass the seeding, so that `start` divides them.
      const start = await nextMillisecond();
      await store.patchPartner('P-1', { name: 'Satu (fiktif)' }, 1, EDITOR);
      await store.patchPartner('P-2', { name: 'Dua (fiktif)' }, 1, ADMIN);
      const actions = async (filters: object) =>
        (await store.listAudit({ filters })).entries.map((entry) => `${entry.action} ${entry.entityId}`);
      expect(await actions({ account: 'ani' })).toEqual(['partner.patch P-1']);
      expect(await actions({ action: 'partner.patch' })).toEqual(['partner.patch P-2', 'partner.patch P-1']);
      expect(await actions({ entity: 'partner', entityId: 'P-2' })).toEqual(['partner.patch P-2', 'partner.seed P-2']);
      expect(await actions({ entity: 'registry' })).toEqual(['registry.seed null']);
      expect(await actions({ since: start })).toEqual(['partner.patch P-2', 'partner.patch P-1']);
      expect(await actions({ until: start, entityId: 'P-1' })).toEqual(['partner.seed P-1']);
      expect(await actions({ since: '2999-01-01T00:00:00Z' })).toEqual([]);
    });

    it('pages newest first with a cursor, giving each entry once', async ({ store }) => {
      await store.seedIfEmpty(registry());
      for (let version = 1; version <= 4; version += 1) await store.patchPartner('P-1', { serviceRadiusKm: 10 + version }, version, EDITOR);
      const all = (await store.listAudit({ limit: 500 })).entries;
      expect(all).toHaveLength(8);
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listAudit({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
        seen.push(...page.entries.map((entry) => entry.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== undefined);
      expect(pages).toBe(3);
      expect(seen).toEqual(all.map((entry) => entry.id));
      const filtered = await store.listAudit({ filters: { action: 'partner.patch' }, limit: 2 });
      expect(filtered.entries.map((entry) => entry.changes[0]?.after)).toEqual([14, 13]);
      const rest = await store.listAudit({ filters: { action: 'partner.patch' }, limit: 2, cursor: filtered.nextCursor! });
      expect(rest.entries.map((entry) => entry.changes[0]?.after)).toEqual([12, 11]);
      expect(rest.nextCursor).toBeUndefined();
    });

    it('refuses a bad limit, cursor or time, naming it', async ({ store }) => {
      for (const limit of [0, 501, 2.5]) expect(paths(await refusal(store.listAudit({ limit }), 'INVALID_QUERY'))).toEqual(['limit']);
      for (const cursor of ['', 'abc', '-1', '0', "1' or 1=1"])
        expect(paths(await refusal(store.listAudit({ cursor }), 'INVALID_QUERY'))).toEqual(['cursor']);
      expect(paths(await refusal(store.listAudit({ filters: { since: 'yesterday' } }), 'INVALID_QUERY'))).toEqual(['since']);
    });

    it('cannot be edited or deleted, even from a SQL prompt', async ({ store, fresh }) => {
      await store.seedIfEmpty(registry());
      await expect(fresh.sql("update audit set action = 'forged'")).rejects.toThrow(/append-only/);
      await expect(fresh.sql('delete from audit')).rejects.toThrow(/append-only/);
      expect((await store.listAudit()).entries.map((entry) => entry.action)).not.toContain('forged');
      expect((await store.listAudit()).entries).toHaveLength(4);
    });
  });
}

/** The time, once the clock has moved past every entry written so far. */
async function nextMillisecond(): Promise<string> {
  const now = Date.now();
  while (Date.now() <= now) await new Promise((resolve) => setTimeout(resolve, 1));
  return new Date().toISOString();
}
