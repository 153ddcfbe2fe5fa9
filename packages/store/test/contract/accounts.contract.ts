import { describe, expect } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/index';
import { ADMIN, registry } from '../helpers/registry';
import { type StoreTest, paths, refusal } from '../helpers/store-test';

export function accountsContract(it: StoreTest): void {
  describe('accounts', () => {
    it('creates an account of each role with its scope', async ({ store }) => {
      await store.seedIfEmpty(registry());
      expect(await store.hasAccounts()).toBe(false);
      const password = 'correct horse battery';
      await store.createAccount({ login: 'root', role: 'admin', password }, SYSTEM_ACTOR);
      await store.createAccount({ login: 'bandung', role: 'bapas-admin', bapasId: '026', password }, ADMIN);
      await store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '026', password }, ADMIN);
      await store.createAccount({ login: 'mitra-1', role: 'partner', partnerId: 'P-1', password }, ADMIN);
      await store.createAccount({ login: 'plan', role: 'planner', password }, ADMIN);
      expect(await store.hasAccounts()).toBe(true);
      expect((await store.listAccounts()).map(({ login, role, bapasId, partnerId }) => ({ login, role, bapasId, partnerId }))).toEqual([
        { login: 'ani', role: 'counsellor', bapasId: '026', partnerId: undefined },
        { login: 'bandung', role: 'bapas-admin', bapasId: '026', partnerId: undefined },
        { login: 'mitra-1', role: 'partner', bapasId: undefined, partnerId: 'P-1' },
        { login: 'plan', role: 'planner', bapasId: undefined, partnerId: undefined },
        { login: 'root', role: 'admin', bapasId: undefined, partnerId: undefined },
      ]);
    });

    it('refuses a scope the role does not carry, or lacks one it needs', async ({ store }) => {
      await store.seedIfEmpty(registry());
      const cases = [
        [{ login: 'a', role: 'admin' }, ['login']],
        [{ login: 'root', role: 'admin', bapasId: '026' }, ['bapasId']],
        [{ login: 'ani', role: 'counsellor' }, ['bapasId']],
        [{ login: 'ani', role: 'bapas-admin', bapasId: '026', partnerId: 'P-1' }, ['partnerId']],
        [{ login: 'mitra', role: 'partner' }, ['partnerId']],
        [{ login: 'Ani Upper', role: 'boss' }, ['login', 'role']],
      ] as const;
      for (const [account, fields] of cases) {
        const error = await refusal(store.createAccount(account as never, ADMIN), 'INVALID_ACCOUNT');
        expect(paths(error), JSON.stringify(account)).toEqual(fields);
      }
      const unknown = await refusal(store.createAccount({ login: 'mitra', role: 'partner', partnerId: 'P-404' }, ADMIN), 'INVALID_ACCOUNT');
      expect(paths(unknown)).toEqual(['partnerId']);
      expect(await store.listAccounts()).toEqual([]);
    });

    it('asks the app whether a Bapas id is an office', async ({ another }) => {
      const store = await another({ checks: { bapasId: (id) => (id === '026' ? undefined : 'not a Bapas office') } });
      const error = await refusal(store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '999' }, ADMIN), 'INVALID_ACCOUNT');
      expect(error.issues).toEqual([{ path: ['bapasId'], code: 'unknown_bapas', message: 'not a Bapas office' }]);
      expect((await store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '026' }, ADMIN)).account.bapasId).toBe('026');
    });

    it('refuses a login that is taken', async ({ store }) => {
      await store.createAccount({ login: 'root', role: 'admin' }, SYSTEM_ACTOR);
      await refusal(store.createAccount({ login: 'root', role: 'planner' }, SYSTEM_ACTOR), 'ACCOUNT_EXISTS');
      expect((await store.getAccount('root'))?.role).toBe('admin');
    });
  });

  describe('passwords', () => {
    it('generates a first password that signs in, and refuses a wrong one or an unknown login', async ({ store }) => {
      const { account, password } = await store.createAccount({ login: 'root', role: 'admin' }, SYSTEM_ACTOR);
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(account.hasPassword).toBe(true);
      expect((await store.verifyPassword('root', password))?.login).toBe('root');
      expect(await store.verifyPassword('root', `${password}x`)).toBeUndefined();
      expect(await store.verifyPassword('nobody', password)).toBeUndefined();
      expect(await store.verifyPassword('NOT A LOGIN', password)).toBeUndefined();
    });

    it('refuses a password under 12 characters, on creation and on change', async ({ store }) => {
      const short = await refusal(
        store.createAccount({ login: 'root', role: 'admin', password: 'elevenchars' }, SYSTEM_ACTOR),
        'INVALID_PASSWORD',
      );
      expect(paths(short)).toEqual(['password']);
      expect(short.message).not.toContain('elevenchars');
      const { password } = await store.createAccount({ login: 'root', role: 'admin' }, SYSTEM_ACTOR);
      await refusal(store.setPassword('root', 'short', ADMIN), 'INVALID_PASSWORD');
      expect(await store.verifyPassword('root', password)).toBeDefined();
    });

    it('changes a password: the old one no longer signs in', async ({ store }) => {
      const { password } = await store.createAccount({ login: 'root', role: 'admin' }, SYSTEM_ACTOR);
      await store.setPassword('root', 'a brand new passphrase', ADMIN);
      expect(await store.verifyPassword('root', password)).toBeUndefined();
      expect(await store.verifyPassword('root', 'a brand new passphrase')).toBeDefined();
      await refusal(store.setPassword('nobody', 'a brand new passphrase', ADMIN), 'NOT_FOUND');
    });

    it('keeps only a scrypt hash of a password', async ({ store, fresh }) => {
      await store.createAccount({ login: 'root', role: 'admin', password: 'correct horse battery' }, SYSTEM_ACTOR);
      await store.setPassword('root', 'another long passphrase', ADMIN);
      const dump = await fresh.dump();
      expect(dump).not.toContain('correct horse battery');
      expect(dump).not.toContain('another long passphrase');
      const [row] = await fresh.sql("select password_hash from accounts where login = 'root'");
      expect(String(row?.password_hash)).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
      // Not in the audit log either: only that it changed.
      expect((await store.listAudit({ filters: { action: 'account.password' } })).entries.map((entry) => entry.changes)).toEqual([[]]);
    });
  });

  describe('API tokens', () => {
    it('issues a random token once, finds its account by it, and keeps only its SHA-256', async ({ store, fresh }) => {
      await store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '026' }, SYSTEM_ACTOR);
      const { token, info } = await store.createToken('ani', { label: 'laptop' }, ADMIN);
      const second = await store.createToken('ani', {}, ADMIN);
      expect(token).toMatch(/^[\w-]{43}$/);
      expect(second.token).not.toBe(token);
      expect(await store.findAccountByToken(token)).toEqual({ account: await store.getAccount('ani'), tokenId: info.id });
      const dump = await fresh.dump();
      expect(dump).not.toContain(token);
      const { createHash } = await import('node:crypto');
      expect(dump).toContain(createHash('sha256').update(token).digest('hex'));
      expect(await store.listTokens('ani')).toEqual([info, second.info]);
      expect(JSON.stringify(await store.listTokens())).not.toContain(createHash('sha256').update(token).digest('hex'));
    });

    it('finds nothing for a token it never issued or a malformed one', async ({ store }) => {
      await store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '026' }, SYSTEM_ACTOR);
      const { token } = await store.createToken('ani', {}, ADMIN);
      const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      for (const candidate of [other, '', 'x', `${token}x`, token.toUpperCase()])
        expect(await store.findAccountByToken(candidate)).toBeUndefined();
      await refusal(store.createToken('nobody', {}, ADMIN), 'NOT_FOUND');
    });

    it('revokes one token, or every token of an account', async ({ store }) => {
      await store.createAccount({ login: 'ani', role: 'counsellor', bapasId: '026' }, SYSTEM_ACTOR);
      const one = await store.createToken('ani', {}, ADMIN);
      const two = await store.createToken('ani', {}, ADMIN);
      const three = await store.createToken('ani', {}, ADMIN);
      expect(await store.revokeToken(one.info.id, ADMIN)).toBe(true);
      expect(await store.revokeToken(one.info.id, ADMIN)).toBe(false);
      expect(await store.findAccountByToken(one.token)).toBeUndefined();
      expect(await store.findAccountByToken(two.token)).toBeDefined();
      expect(await store.revokeAccountTokens('ani', ADMIN)).toBe(2);
      expect(await store.findAccountByToken(three.token)).toBeUndefined();
      expect((await store.listTokens('ani')).every((info) => info.revokedAt !== undefined)).toBe(true);
      await refusal(store.revokeToken(9999, ADMIN), 'NOT_FOUND');
      await refusal(store.revokeAccountTokens('nobody', ADMIN), 'NOT_FOUND');
    });
  });
}
