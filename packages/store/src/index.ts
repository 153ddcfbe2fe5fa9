export { openStore, DEFAULT_DATA_DIR, MIN_POSTGRES_VERSION, type OpenStoreOptions } from './open';
export {
  SYSTEM_ACTOR,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  type Store,
  type Actor,
  type PartnerRecord,
  type PartnerWrite,
  type PartnerFilter,
  type FieldChange,
  type HistoryEntry,
  type ChangeSet,
  type ChangeEvent,
  type SeedRegistry,
  type SeedResult,
  type ImportRegistry,
  type ImportOptions,
  type ImportResult,
  type Account,
  type NewAccount,
  type CreatedAccount,
  type TokenInfo,
  type CreatedToken,
  type TokenMatch,
  type AuditAction,
  type AuthEventAction,
  type AuditEntity,
  type AuditEntry,
  type AuditFilters,
  type AuditQuery,
  type AuditPage,
  MAX_NOTE_LENGTH,
  type NewReferral,
  type Referral,
  type ReferralMove,
  type ReferralOutcome,
  type ReferralHistoryEntry,
  type ReferralWrite,
  type ReferralScope,
  type ReferralFilters,
  type ReferralQuery,
  type ReferralPage,
  type ReferralEvent,
  type EventQuery,
  type EventPage,
} from './store';
export * from './referrals/lifecycle';
export { StoreError, STORE_ERROR_CODES, formatStoreIssue, type StoreErrorCode, type StoreIssue } from './errors';
export type { StoreChecks } from './context';
export type { DialectName } from './dialects/backend';
export { ROLES, ROLE_SCOPES, MIN_PASSWORD_LENGTH, LoginSchema, type Role } from './accounts/account-schema';
export { applyMergePatch } from './partners/merge-patch';
export { SQLITE_FILE } from './dialects/sqlite';
export { MAX_SHRINK } from './registry/import';
