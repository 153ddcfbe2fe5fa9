import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import * as accounts from './accounts/accounts';
import * as tokens from './accounts/tokens-store';
import { listAudit, partnerHistory } from './audit/list';
import type { StoreChecks, StoreContext } from './context';
import type { Backend } from './dialects/backend';
import { openPostgres } from './dialects/postgres';
import { openSqlite } from './dialects/sqlite';
import { StoreError } from './errors';
import { getPartner, listPartners } from './partners/read';
import { createPartner, patchPartner, replacePartner } from './partners/write';
import { ChangeBus } from './registry/change-bus';
import { changesSince } from './registry/changes';
import { registryVersion } from './registry/registry-write';
import { importRegistry } from './registry/import';
import { seedIfEmpty } from './registry/seed';
import type { ChangeEvent, Store } from './store';
import { getReferral, listReferrals, referralEvents } from './referrals/read';
import {
  applyRetention,
  createReferral,
  createReferrals,
  eraseClientReferrals,
  expireReferrals,
  transitionReferral,
} from './referrals/write';

export const DEFAULT_DATA_DIR = './data';
/** PostgreSQL 15: the oldest server the store is tested on. */
export const MIN_POSTGRES_VERSION = 150_000;

export interface OpenStoreOptions {
  /**
   * `postgres://user:password@host:port/database` (or `postgresql://`) for PostgreSQL 15 or
   * later; unset or empty for SQLite under `dataDir`.
   */
  readonly databaseUrl?: string;
  /** The folder of the SQLite file, created when missing; `./data` when absent. */
  readonly dataDir?: string;
  /** Checks only the app can make (the directory's Bapas and regencies). */
  readonly checks?: StoreChecks;
  /** PostgreSQL pool size; 10 when absent. */
  readonly maxConnections?: number;
  /** Told of a listener that threw and of a lost notification connection; a warning when absent. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Opens the store that `databaseUrl` names and brings its schema to the latest migration
 * (on PostgreSQL under an advisory lock, so that instances starting together take turns).
 *
 * @throws StoreError INVALID_CONFIG for a URL that names another database or an older server.
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR });
 * const { seeded } = await store.seedIfEmpty(await loadDemoRegistry());
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const onError =
    options.onError ?? ((error: unknown) => process.emitWarning(error instanceof Error ? error : String(error), 'StoreWarning'));
  const url = options.databaseUrl?.trim();
  let backend: Backend;
  if (!url) {
    backend = openSqlite(options.dataDir ?? DEFAULT_DATA_DIR);
  } else {
    // The URL carries a password: no message repeats it.
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new StoreError(
        'INVALID_CONFIG',
        'DATABASE_URL must be a postgres:// URL (PostgreSQL 15 or later); leave it unset to keep the data in SQLite under DATA_DIR',
      );
    }
    try {
      new URL(url);
    } catch {
      throw new StoreError('INVALID_CONFIG', 'DATABASE_URL is not a URL: postgres://user:password@host:port/database');
    }
    backend = openPostgres(url, { ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }), onError });
  }
  try {
    if (backend.dialect === 'postgres') await checkServerVersion(backend);
    await backend.migrate();
  } catch (error) {
    await backend.close().catch(() => {});
    throw error;
  }
  return new KyselyStore(backend, options.checks ?? {}, onError);
}

async function checkServerVersion(backend: Backend): Promise<void> {
  const { rows } = await sql<{ server_version_num: string }>`show server_version_num`.execute(backend.db);
  const version = Number(rows[0]?.server_version_num);
  if (!(version >= MIN_POSTGRES_VERSION)) {
    throw new StoreError('INVALID_CONFIG', `the PostgreSQL server is version ${Math.floor(version / 10_000)}; the store needs 15 or later`);
  }
}

class KyselyStore implements Store {
  private readonly context: StoreContext;
  private listening: Promise<() => Promise<void>> | undefined;
  private closed = false;

  constructor(
    private readonly backend: Backend,
    checks: StoreChecks,
    private readonly onError: (error: unknown) => void,
  ) {
    this.context = { backend, db: backend.db, bus: new ChangeBus(onError), checks, origin: randomUUID() };
  }

  get dialect() {
    return this.backend.dialect;
  }
  get location() {
    return this.backend.location;
  }

  registryVersion = () => registryVersion(this.context);
  createPartner: Store['createPartner'] = (partner, actor) => createPartner(this.context, partner, actor);
  replacePartner: Store['replacePartner'] = (id, partner, ifVersion, actor) => replacePartner(this.context, id, partner, ifVersion, actor);
  patchPartner: Store['patchPartner'] = (id, patch, ifVersion, actor) => patchPartner(this.context, id, patch, ifVersion, actor);
  getPartner: Store['getPartner'] = (id) => getPartner(this.context, id);
  listPartners: Store['listPartners'] = (filter) => listPartners(this.context, filter);
  listPokmas: Store['listPokmas'] = async () => (await changesSince(this.context, 0)).pokmas.slice();
  partnerHistory: Store['partnerHistory'] = (id) => partnerHistory(this.context, id);
  seedIfEmpty: Store['seedIfEmpty'] = (registry, actor) => seedIfEmpty(this.context, registry, actor);
  importRegistry: Store['importRegistry'] = (registry, options, actor) => importRegistry(this.context, registry, options, actor);
  changesSince: Store['changesSince'] = (cursor) => changesSince(this.context, cursor);

  createAccount: Store['createAccount'] = (account, actor) => accounts.createAccount(this.context, account, actor);
  getAccount: Store['getAccount'] = (login) => accounts.getAccount(this.context, login);
  listAccounts: Store['listAccounts'] = () => accounts.listAccounts(this.context);
  hasAccounts: Store['hasAccounts'] = () => accounts.hasAccounts(this.context);
  setPassword: Store['setPassword'] = (login, password, actor) => accounts.setPassword(this.context, login, password, actor);
  verifyPassword: Store['verifyPassword'] = (login, password) => accounts.verifyPassword(this.context, login, password);
  createToken: Store['createToken'] = (login, options, actor) => tokens.createToken(this.context, login, options, actor);
  findAccountByToken: Store['findAccountByToken'] = (token) => tokens.findAccountByToken(this.context, token);
  revokeToken: Store['revokeToken'] = (id, actor) => tokens.revokeToken(this.context, id, actor);
  revokeAccountTokens: Store['revokeAccountTokens'] = (login, actor) => tokens.revokeAccountTokens(this.context, login, actor);
  listTokens: Store['listTokens'] = (login) => tokens.listTokens(this.context, login);
  recordAuthEvent: Store['recordAuthEvent'] = (action, login) => accounts.recordAuthEvent(this.context, action, login);
  listAudit: Store['listAudit'] = (query) => listAudit(this.context, query);

  createReferral: Store['createReferral'] = (referral, actor) => createReferral(this.context, referral, actor);
  createReferrals: Store['createReferrals'] = (referrals, actor) => createReferrals(this.context, referrals, actor);
  transitionReferral: Store['transitionReferral'] = (id, move, ifVersion, actor) =>
    transitionReferral(this.context, id, move, ifVersion, actor);
  getReferral: Store['getReferral'] = (id) => getReferral(this.context, id);
  listReferrals: Store['listReferrals'] = (query) => listReferrals(this.context, query);
  referralEvents: Store['referralEvents'] = (query) => referralEvents(this.context, query);
  expireReferrals: Store['expireReferrals'] = (at) => expireReferrals(this.context, at);
  applyRetention: Store['applyRetention'] = (days, at) => applyRetention(this.context, days, at);
  eraseClientReferrals: Store['eraseClientReferrals'] = (clientRef, actor) => eraseClientReferrals(this.context, clientRef, actor);

  async onChange(listener: (event: ChangeEvent) => void): Promise<() => void> {
    if (this.closed) throw new Error('the store is closed');
    const remove = this.context.bus.add(listener);
    try {
      this.listening ??= this.listen();
      await this.listening;
    } catch (error) {
      this.listening = undefined;
      remove();
      throw error;
    }
    return remove;
  }

  /** Other instances' commits, once for the whole store; its own are told by registryWrite. */
  private listen(): Promise<() => Promise<void>> {
    const bus = this.context.bus;
    return this.backend.listen(
      (payload) => {
        try {
          const { version, origin } = JSON.parse(payload) as { version: number; origin: string };
          if (origin !== this.context.origin && Number.isSafeInteger(version)) bus.emit({ version });
        } catch (error) {
          this.onError(error);
        }
      },
      () => {
        registryVersion(this.context).then((version) => bus.emit({ version }), this.onError);
      },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stop = await this.listening?.catch(() => undefined);
    await stop?.();
    await this.backend.close();
  }
}
