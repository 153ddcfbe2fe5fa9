import type { Selectable } from 'kysely';
import { appendAudit } from '../audit/append';
import { type StoreContext, now } from '../context';
import { StoreError, issuesFromZod } from '../errors';
import { fieldChanges } from '../partners/field-changes';
import type { Account, Actor, AuthEventAction, CreatedAccount, NewAccount } from '../store';
import type { AccountsTable } from '../tables';
import { LoginSchema, NewAccountSchema, PasswordSchema, type Role } from './account-schema';
import { decoyHash, generatePassword, hashPassword, passwordMatches } from './passwords';

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    login: row.login,
    role: row.role as Role,
    ...(row.bapas_id === null ? {} : { bapasId: row.bapas_id }),
    ...(row.partner_id === null ? {} : { partnerId: row.partner_id }),
    createdAt: row.created_at,
    hasPassword: row.password_hash !== null,
  };
}

function checkPassword(password: unknown): string {
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) throw new StoreError('INVALID_PASSWORD', 'password refused', issuesFromZod(parsed.error, ['password']));
  return parsed.data;
}

export async function createAccount(context: StoreContext, input: NewAccount, actor: Actor): Promise<CreatedAccount> {
  const parsed = NewAccountSchema.safeParse(input);
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    // A short password is its own refusal, so the caller can ask for another one.
    const onlyPassword = issues.every((issue) => issue.path[0] === 'password');
    throw new StoreError(onlyPassword ? 'INVALID_PASSWORD' : 'INVALID_ACCOUNT', 'account refused', issues);
  }
  const { login, role, bapasId, partnerId } = parsed.data;
  const bapasProblem = bapasId === undefined ? undefined : context.checks.bapasId?.(bapasId);
  if (bapasProblem)
    throw new StoreError('INVALID_ACCOUNT', 'account refused', [{ path: ['bapasId'], code: 'unknown_bapas', message: bapasProblem }]);
  const password = parsed.data.password ?? generatePassword();
  // Hashed before the transaction: a tenth of a second that need not hold a lock.
  const passwordHash = await hashPassword(password);

  const account = await context.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('accounts').select('login').where('login', '=', login).executeTakeFirst()) {
      throw new StoreError('ACCOUNT_EXISTS', 'an account with this login exists');
    }
    if (partnerId !== undefined && !(await trx.selectFrom('partners').select('id').where('id', '=', partnerId).executeTakeFirst())) {
      throw new StoreError('INVALID_ACCOUNT', 'account refused', [
        { path: ['partnerId'], code: 'unknown_partner', message: 'no partner with this id' },
      ]);
    }
    const row = {
      login,
      role,
      bapas_id: bapasId ?? null,
      partner_id: partnerId ?? null,
      password_hash: passwordHash,
      created_at: now(),
    };
    await trx.insertInto('accounts').values(row).execute();
    const created = toAccount(row);
    const { createdAt: _, hasPassword: __, ...recorded } = created;
    await appendAudit(trx, actor, [
      { action: 'account.create', entity: 'account', entityId: login, changes: fieldChanges(undefined, recorded) },
    ]);
    return created;
  });
  return { account, password };
}

export async function getAccount(context: StoreContext, login: string): Promise<Account | undefined> {
  const row = await context.db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst();
  return row && toAccount(row);
}

export async function listAccounts(context: StoreContext): Promise<Account[]> {
  const rows = await context.db.selectFrom('accounts').selectAll().execute();
  return rows.map(toAccount).sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
}

export async function hasAccounts(context: StoreContext): Promise<boolean> {
  return (await context.db.selectFrom('accounts').select('login').limit(1).executeTakeFirst()) !== undefined;
}

export async function setPassword(context: StoreContext, login: string, password: string, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword(checkPassword(password));
  await context.db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('login', '=', login).executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new StoreError('NOT_FOUND', 'no account with this login');
    // That it changed, never what to.
    await appendAudit(trx, actor, [{ action: 'account.password', entity: 'account', entityId: login, changes: [] }]);
  });
}

export async function verifyPassword(context: StoreContext, login: string, password: string): Promise<Account | undefined> {
  const row = LoginSchema.safeParse(login).success
    ? await context.db.selectFrom('accounts').selectAll().where('login', '=', login).executeTakeFirst()
    : undefined;
  const stored = row?.password_hash ?? (await decoyHash());
  const text = typeof password === 'string' ? password.slice(0, 1024) : '';
  const matches = await passwordMatches(text, stored);
  return row && row.password_hash !== null && matches ? toAccount(row) : undefined;
}

export async function recordAuthEvent(context: StoreContext, action: AuthEventAction, login: string): Promise<void> {
  const row = LoginSchema.safeParse(login).success
    ? await context.db.selectFrom('accounts').select(['login', 'role']).where('login', '=', login).executeTakeFirst()
    : undefined;
  // What was typed for an unknown login is never kept: it may be a password typed in the wrong box.
  const actor: Actor = row ? { login: row.login, role: row.role as Role } : { login: null, role: null };
  await appendAudit(context.db, actor, [{ action, entity: 'account', entityId: row?.login ?? null, changes: [] }]);
}
