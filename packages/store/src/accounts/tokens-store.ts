import type { Selectable } from 'kysely';
import { appendAudit } from '../audit/append';
import { type StoreContext, now } from '../context';
import { StoreError } from '../errors';
import type { Actor, CreatedToken, TokenInfo, TokenMatch } from '../store';
import type { TokensTable } from '../tables';
import { toAccount } from './accounts';
import { generateToken, hashToken, looksLikeToken, sameHash } from './tokens';

const MAX_LABEL = 200;

function toInfo(row: Omit<Selectable<TokensTable>, 'hash'>): TokenInfo {
  return {
    id: row.id,
    login: row.login,
    ...(row.label === null ? {} : { label: row.label }),
    createdAt: row.created_at,
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}

export async function createToken(context: StoreContext, login: string, options: { label?: string }, actor: Actor): Promise<CreatedToken> {
  const label = options.label?.trim() || null;
  if (label !== null && label.length > MAX_LABEL) {
    throw new StoreError('INVALID_QUERY', 'token refused', [
      { path: ['label'], code: 'too_big', message: `a label has at most ${MAX_LABEL} characters` },
    ]);
  }
  const token = generateToken();
  const info = await context.db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('accounts').select('login').where('login', '=', login).executeTakeFirst())) {
      throw new StoreError('NOT_FOUND', 'no account with this login');
    }
    const row = await trx
      .insertInto('tokens')
      .values({ login, hash: hashToken(token), label, created_at: now(), revoked_at: null })
      .returning(['id', 'login', 'label', 'created_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, [
      {
        action: 'token.create',
        entity: 'token',
        entityId: String(row.id),
        changes: [{ field: 'login', after: login }, ...(label === null ? [] : [{ field: 'label', after: label }])],
      },
    ]);
    return toInfo(row);
  });
  return { token, info };
}

export async function findAccountByToken(context: StoreContext, token: string): Promise<TokenMatch | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const hash = hashToken(token);
  const row = await context.db
    .selectFrom('tokens')
    .innerJoin('accounts', 'accounts.login', 'tokens.login')
    .selectAll('accounts')
    .select(['tokens.id as token_id', 'tokens.hash as token_hash'])
    .where('tokens.hash', '=', hash)
    .where('tokens.revoked_at', 'is', null)
    .executeTakeFirst();
  // The index found the row by its hash; the constant-time comparison is the check that counts.
  if (!row || !sameHash(row.token_hash, hash)) return undefined;
  const { token_id, token_hash: _, ...account } = row;
  return { account: toAccount(account), tokenId: token_id };
}

export async function revokeToken(context: StoreContext, id: number, actor: Actor): Promise<boolean> {
  if (!Number.isSafeInteger(id)) throw new StoreError('NOT_FOUND', 'no token with this id');
  return context.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tokens').select(['login', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError('NOT_FOUND', 'no token with this id');
    if (row.revoked_at !== null) return false;
    const revokedAt = now();
    await trx.updateTable('tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
    await appendAudit(trx, actor, [
      { action: 'token.revoke', entity: 'token', entityId: String(id), changes: [{ field: 'revokedAt', after: revokedAt }] },
    ]);
    return true;
  });
}

export async function revokeAccountTokens(context: StoreContext, login: string, actor: Actor): Promise<number> {
  return context.db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('accounts').select('login').where('login', '=', login).executeTakeFirst())) {
      throw new StoreError('NOT_FOUND', 'no account with this login');
    }
    const revokedAt = now();
    const revoked = await trx
      .updateTable('tokens')
      .set({ revoked_at: revokedAt })
      .where('login', '=', login)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    await appendAudit(
      trx,
      actor,
      revoked.map(({ id }) => ({
        action: 'token.revoke',
        entity: 'token',
        entityId: String(id),
        changes: [{ field: 'revokedAt', after: revokedAt }],
      })),
    );
    return revoked.length;
  });
}

export async function listTokens(context: StoreContext, login?: string): Promise<TokenInfo[]> {
  let query = context.db.selectFrom('tokens').select(['id', 'login', 'label', 'created_at', 'revoked_at']);
  if (login !== undefined) query = query.where('login', '=', login);
  return (await query.orderBy('id').execute()).map(toInfo);
}
