import type { Pokmas, Registry } from '@pokmas/directory';
import type { Partner } from '@pokmas/matcher';
import type { DialectName } from './dialects/backend';
import type { Role } from './accounts/account-schema';
import type { OutcomeResult, ReferralReason, ReferralStatus } from './referrals/lifecycle';

/**
 * Who makes a write, as the audit log records it. `login: null` is the system itself (seeding
 * at start, the command line) or the open demo mode; the API fills in the signed-in account.
 */
export interface Actor {
  readonly login: string | null;
  readonly role: Role | null;
}

/** The system itself: seeding at start, a command-line tool run by the operator. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ login: null, role: null });

/** A partner as the store holds it. `version` is the source of its ETag. */
export interface PartnerRecord {
  readonly partner: Partner;
  /** 1 at creation, one more with each change. */
  readonly version: number;
  /** ISO 8601, UTC. */
  readonly updatedAt: string;
  /**
   * The places its open referrals hold. Its free places are `capacity.total - capacity.used -
   * held`: `capacity.used` counts only the places taken outside the system.
   */
  readonly held: number;
}

/** What a committed partner write answers. */
export interface PartnerWrite extends PartnerRecord {
  /** The registry version that includes this write (unchanged when the write changed nothing). */
  readonly registryVersion: number;
}

/** One field that a change touched; `before` is absent for a field added, `after` for one removed. */
export interface FieldChange {
  /** The field's path, dotted for fields inside an object: `capacity.used`. Lists count as one field. */
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface HistoryEntry {
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly account: string | null;
  readonly role: Role | null;
  readonly action: AuditAction;
  readonly changes: readonly FieldChange[];
}

export interface PartnerFilter {
  readonly bapasId?: string;
  readonly active?: boolean;
}

/**
 * The registry as it changed after a cursor: each partner and POKMAS changed since, in its
 * current state. Apply one answer after another, in the order they came.
 */
export interface ChangeSet {
  /** The registry version this answer brings a reader up to: the cursor for the next call. */
  readonly version: number;
  readonly partners: readonly PartnerRecord[];
  readonly pokmas: readonly Pokmas[];
}

/** A committed registry write, told to `onChange` listeners (another instance's too, on PostgreSQL). */
export interface ChangeEvent {
  /** The registry version after the write; on a reconnect after lost notifications, the current one. */
  readonly version: number;
}

export interface SeedResult {
  /** Whether the store was empty and now holds the registry. */
  readonly seeded: boolean;
  readonly partners: number;
  readonly pokmas: number;
  readonly registryVersion: number;
}

/** The registry that `seedIfEmpty` takes: what `loadRegistryFile` or `loadDemoRegistry` gives. */
export type SeedRegistry = Pick<Registry, 'partners' | 'pokmas' | 'source'>;

/** The registry that `importRegistry` takes: what `parseRegistry` gives. */
export type ImportRegistry = SeedRegistry;

export interface ImportOptions {
  /** `upsert` (the default) leaves partners absent from the file as they are; `replace` retires them. */
  readonly mode?: 'upsert' | 'replace';
  /** Check and count, and change nothing. */
  readonly dryRun?: boolean;
  /** Lets `replace` retire more than half of the active partners. */
  readonly allowShrink?: boolean;
  /**
   * An import for one Bapas (a bapas-admin's): every partner and POKMAS of the file must be of
   * it, and `replace` retires only its partners.
   */
  readonly bapasId?: string;
}

/** What an import did (or, with `dryRun`, would do); ids ordered. */
export interface ImportResult {
  readonly mode: 'upsert' | 'replace';
  readonly dryRun: boolean;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly retired: readonly string[];
  readonly unchanged: readonly string[];
  readonly pokmasCreated: number;
  readonly pokmasUpdated: number;
  /** The registry version after the import: unchanged for a dry run or a file that changed nothing. */
  readonly registryVersion: number;
}

export interface Account {
  readonly login: string;
  readonly role: Role;
  /** The Bapas of a `bapas-admin` or `counsellor`. */
  readonly bapasId?: string;
  /** The partner of a `partner` account. */
  readonly partnerId?: string;
  readonly createdAt: string;
  readonly hasPassword: boolean;
}

export interface NewAccount {
  readonly login: string;
  readonly role: Role;
  readonly bapasId?: string;
  readonly partnerId?: string;
  /** At least 12 characters; one is generated when absent. */
  readonly password?: string;
}

export interface CreatedAccount {
  readonly account: Account;
  /** The first password, to show once: it is stored only as a scrypt hash. */
  readonly password: string;
}

export interface TokenInfo {
  readonly id: number;
  readonly login: string;
  readonly label?: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export interface CreatedToken {
  /** The token, to show once: it is stored only as its SHA-256. */
  readonly token: string;
  readonly info: TokenInfo;
}

export interface TokenMatch {
  readonly account: Account;
  readonly tokenId: number;
}

export const AUDIT_ACTIONS = [
  'registry.seed',
  'partner.seed',
  'registry.import',
  'partner.import',
  'partner.create',
  'partner.replace',
  'partner.patch',
  'partner.retire',
  'partner.reactivate',
  'account.create',
  'account.password',
  'token.create',
  'token.revoke',
  'sign-in.succeeded',
  'sign-in.failed',
  'sign-out',
  'referral.create',
  'referral.transition',
  'referral.expire',
  'referral.retention',
  'referral.erase',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The events the API reports itself; every other audit row is written by the store's own writes. */
export type AuthEventAction = Extract<AuditAction, 'sign-in.succeeded' | 'sign-in.failed' | 'sign-out'>;

export const AUDIT_ENTITIES = ['registry', 'partner', 'account', 'token', 'referral'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface AuditEntry {
  /** Increasing with each entry. */
  readonly id: number;
  readonly time: string;
  readonly account: string | null;
  readonly role: Role | null;
  readonly action: AuditAction;
  readonly entity: AuditEntity;
  readonly entityId: string | null;
  readonly changes: readonly FieldChange[];
}

export interface AuditFilters {
  readonly account?: string;
  readonly action?: AuditAction;
  readonly entity?: AuditEntity;
  readonly entityId?: string;
  /** Entries at or after this time (ISO 8601). */
  readonly since?: string;
  /** Entries before this time (ISO 8601). */
  readonly until?: string;
}

export interface AuditQuery {
  readonly filters?: AuditFilters;
  /** `nextCursor` of the page before. */
  readonly cursor?: string;
  /** 1 to 500; 50 when absent. */
  readonly limit?: number;
}

export interface AuditPage {
  /** Newest first. */
  readonly entries: readonly AuditEntry[];
  /** Present when older entries remain. */
  readonly nextCursor?: string;
}

/** At most this many characters in a referral's note. */
export const MAX_NOTE_LENGTH = 1000;

/** What the store keeps of a new referral: the check's result, never the client's own details. */
export interface NewReferral {
  /** The client's pseudonym. */
  readonly clientRef: string;
  readonly bapasId: string;
  readonly partnerId: string;
  readonly services: readonly string[];
  /** The match as the matcher scored it (score, factors, reason codes): stored as given. */
  readonly match: unknown;
  readonly note?: string;
  /** The partner's version that the check was made against: a change since refuses the referral. */
  readonly partnerVersion?: number;
  /**
   * A registry version: the referral is refused if the partner changed after it (an edit, or a
   * place taken or freed). What an allocation committed from the registry it was solved on gives.
   */
  readonly unchangedSince?: number;
  /** ISO 8601: when an unanswered referral expires. */
  readonly expiresAt: string;
}

export interface ReferralOutcome {
  readonly services: ReadonlyArray<{ readonly service: string; readonly result: OutcomeResult }>;
  readonly sessionsAttended?: number;
}

/** One move asked of a referral. */
export interface ReferralMove {
  readonly to: ReferralStatus;
  readonly reason?: ReferralReason;
  readonly note?: string;
  readonly outcome?: ReferralOutcome;
  /** The role the move is made in: checked against the lifecycle's `who`. */
  readonly as: Role | 'system';
}

export interface ReferralHistoryEntry {
  /** The event's id: its place in the feed. */
  readonly id: number;
  readonly at: string;
  readonly account: string | null;
  readonly role: Role | null;
  /** Null for the referral's making. */
  readonly from: ReferralStatus | null;
  readonly to: ReferralStatus;
  readonly reason?: ReferralReason;
  readonly note?: string;
}

export interface Referral {
  readonly id: string;
  readonly number: string;
  readonly status: ReferralStatus;
  readonly partnerId: string;
  readonly bapasId: string;
  /** Null once erased (retention or an admin's erasure). */
  readonly clientRef: string | null;
  readonly services: readonly string[];
  readonly match: unknown;
  readonly outcome?: ReferralOutcome;
  /** Oldest first. */
  readonly history: readonly ReferralHistoryEntry[];
  /** 1 at creation, one more with each move: the source of its ETag. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly expiresAt: string;
  readonly endedAt?: string;
}

export interface ReferralWrite {
  readonly referral: Referral;
  /** The registry version that includes the change to the partner's held places. */
  readonly registryVersion: number;
}

/** A scope the store reads within: one Bapas, one partner, or (neither) everything. */
export interface ReferralScope {
  readonly bapasId?: string;
  readonly partnerId?: string;
}

export interface ReferralFilters extends ReferralScope {
  readonly status?: ReferralStatus;
  readonly clientRef?: string;
  /** Referrals changed after this time (ISO 8601). */
  readonly updatedAfter?: string;
}

export interface ReferralQuery {
  readonly filters?: ReferralFilters;
  readonly cursor?: string;
  /** 1 to 500; 50 when absent. */
  readonly limit?: number;
}

export interface ReferralPage {
  /** Newest first. */
  readonly referrals: readonly Referral[];
  readonly nextCursor?: string;
}

/** One referral event of the feed: no client data. */
export interface ReferralEvent {
  readonly id: number;
  readonly at: string;
  /** `referral.requested`, `referral.accepted`, ...: the status moved to. */
  readonly type: `referral.${ReferralStatus}`;
  readonly referralId: string;
  readonly partnerId: string;
  readonly bapasId: string;
  readonly status: ReferralStatus;
}

export interface EventQuery extends ReferralScope {
  /** The id of the last event read; 0 or absent for the first. */
  readonly after?: number;
  /** 1 to 1,000; 100 when absent. */
  readonly limit?: number;
}

export interface EventPage {
  /** In commit order. */
  readonly events: readonly ReferralEvent[];
  /** The `after` of the next call: the last event's id, or the `after` given when none came. */
  readonly cursor: number;
}

/**
 * The registry, the accounts and the audit log, in SQLite or PostgreSQL. The API depends on
 * this interface only. Every write appends its audit entry in the same transaction; nothing
 * edits or deletes an audit entry. Refusals throw a {@link StoreError}.
 */
export interface Store {
  readonly dialect: DialectName;
  /** Where the data lives, without credentials: for the start line. */
  readonly location: string;

  /** Raised by every committed registry write; 0 for an empty store. */
  registryVersion(): Promise<number>;

  /**
   * Adds a partner. @throws StoreError INVALID_PARTNER (every issue at once), PARTNER_EXISTS.
   */
  createPartner(partner: unknown, actor: Actor): Promise<PartnerWrite>;
  /**
   * Replaces the partner whose version is `ifVersion`. A body whose content equals the stored
   * partner changes nothing, and keeps the version.
   * @throws StoreError NOT_FOUND, VERSION_MISMATCH, INVALID_PARTNER.
   */
  replacePartner(id: string, partner: unknown, ifVersion: number, actor: Actor): Promise<PartnerWrite>;
  /**
   * Applies an RFC 7396 merge patch to the partner whose version is `ifVersion`; `{"active":
   * false}` retires it. The result is validated whole: nothing is applied unless all of it is good.
   * @throws StoreError NOT_FOUND, VERSION_MISMATCH, INVALID_PATCH, INVALID_PARTNER.
   */
  patchPartner(id: string, mergePatch: unknown, ifVersion: number, actor: Actor): Promise<PartnerWrite>;
  getPartner(id: string): Promise<PartnerRecord | undefined>;
  /** Ordered by id. */
  listPartners(filter?: PartnerFilter): Promise<PartnerRecord[]>;
  /** Ordered by id. */
  listPokmas(): Promise<Pokmas[]>;
  /** Every change to the partner, newest first. @throws StoreError NOT_FOUND. */
  partnerHistory(id: string): Promise<HistoryEntry[]>;

  /**
   * Imports `registry` when the store holds no partner and no POKMAS; otherwise changes nothing
   * and checks nothing (the store is the truth once it holds a registry).
   * @throws StoreError INVALID_REGISTRY, NO_ACTIVE_PARTNER: an empty store stays empty.
   */
  seedIfEmpty(registry: SeedRegistry, actor?: Actor): Promise<SeedResult>;
  /**
   * Applies a registry file in one transaction: partners created, changed, left unchanged and,
   * with `mode: 'replace'`, retired when the file leaves them out. Never deletes a partner.
   * @throws StoreError INVALID_REGISTRY (every row issue at once), NO_ACTIVE_PARTNER,
   * SHRINK_REFUSED: nothing is changed.
   */
  importRegistry(registry: ImportRegistry, options: ImportOptions, actor: Actor): Promise<ImportResult>;
  /** What changed after `cursor` (a registry version; 0 for everything). */
  changesSince(cursor: number): Promise<ChangeSet>;
  /**
   * Calls `listener` after each committed registry write: this store's own at once, another
   * instance's within about a second on PostgreSQL (LISTEN/NOTIFY). Resolves once listening;
   * the function it resolves to stops it.
   */
  onChange(listener: (event: ChangeEvent) => void): Promise<() => void>;

  /** @throws StoreError INVALID_ACCOUNT, INVALID_PASSWORD, ACCOUNT_EXISTS. */
  createAccount(account: NewAccount, actor: Actor): Promise<CreatedAccount>;
  getAccount(login: string): Promise<Account | undefined>;
  /** Ordered by login. */
  listAccounts(): Promise<Account[]>;
  /** Whether any account exists: with none, the API may run its open demo mode. */
  hasAccounts(): Promise<boolean>;
  /** @throws StoreError NOT_FOUND, INVALID_PASSWORD. */
  setPassword(login: string, password: string, actor: Actor): Promise<void>;
  /** The account when the password is its own; the same work is done for an unknown login. */
  verifyPassword(login: string, password: string): Promise<Account | undefined>;
  /** @throws StoreError NOT_FOUND. */
  createToken(login: string, options: { label?: string }, actor: Actor): Promise<CreatedToken>;
  /** The account a live (not revoked) token belongs to. */
  findAccountByToken(token: string): Promise<TokenMatch | undefined>;
  /** Whether it was live before. @throws StoreError NOT_FOUND. */
  revokeToken(id: number, actor: Actor): Promise<boolean>;
  /** Revokes every live token of the account; answers how many. @throws StoreError NOT_FOUND. */
  revokeAccountTokens(login: string, actor: Actor): Promise<number>;
  /** Ordered by id; the hashes are never returned. */
  listTokens(login?: string): Promise<TokenInfo[]>;

  /** Appends a sign-in or sign-out; an unknown login is recorded as no account, never as typed. */
  recordAuthEvent(action: AuthEventAction, login: string): Promise<void>;
  listAudit(query?: AuditQuery): Promise<AuditPage>;

  /**
   * Makes a referral and holds one of the partner's places, in one transaction.
   * @throws StoreError INVALID_REFERRAL, NOT_FOUND (no such partner), PARTNER_CHANGED (its
   * version is not `partnerVersion`), NO_CAPACITY (no free place): nothing is made.
   */
  createReferral(referral: NewReferral, actor: Actor): Promise<ReferralWrite>;
  /**
   * Moves the referral whose version is `ifVersion` as the lifecycle allows; a move to a final
   * status frees its place. @throws StoreError NOT_FOUND, VERSION_MISMATCH, INVALID_TRANSITION
   * (not in the table from this status), TRANSITION_FORBIDDEN (not for this role), INVALID_REFERRAL.
   */
  /**
   * Makes every referral or none, in one transaction. @throws StoreError as createReferral,
   * with issue paths prefixed by the referral's index: nothing is made.
   */
  createReferrals(
    referrals: readonly NewReferral[],
    actor: Actor,
  ): Promise<{ readonly referrals: readonly Referral[]; readonly registryVersion: number }>;
  transitionReferral(id: string, move: ReferralMove, ifVersion: number, actor: Actor): Promise<ReferralWrite>;
  getReferral(id: string): Promise<Referral | undefined>;
  listReferrals(query?: ReferralQuery): Promise<ReferralPage>;
  /** Referral events after a cursor, in commit order, within a scope. */
  referralEvents(query?: EventQuery): Promise<EventPage>;
  /** Expires every referral still requested at its `expiresAt`; each once, whatever the instances. */
  expireReferrals(now?: Date): Promise<{ readonly expired: readonly string[]; readonly registryVersion: number }>;
  /** Erases the pseudonym and notes of referrals that ended more than `days` days before `now`. */
  applyRetention(days: number, now?: Date): Promise<{ readonly erased: number }>;
  /** Erases the pseudonym and notes of every referral of `clientRef` at once; answers how many. */
  eraseClientReferrals(clientRef: string, actor: Actor): Promise<number>;

  close(): Promise<void>;
}
