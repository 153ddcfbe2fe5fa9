import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Both dialects store the same values: JSON as text, booleans
 * as 0 or 1 and times as ISO 8601 text in UTC, so that one set of migrations and one set of
 * queries serve SQLite and PostgreSQL alike.
 */
export interface Tables {
  registry_state: RegistryStateTable;
  partners: PartnersTable;
  pokmas: PokmasTable;
  accounts: AccountsTable;
  tokens: TokensTable;
  audit: AuditTable;
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
}

/** One row (id 1): the registry version, raised by every committed registry write. */
export interface RegistryStateTable {
  id: number;
  version: number;
}

export interface PartnersTable {
  id: string;
  bapas_id: string;
  /** 1 unless the partner is retired (`active: false`). */
  active: number;
  /** The partner's own version, the source of its ETag: 1 at creation, one more per change. */
  version: number;
  /** The registry version of the write that last changed this partner: the change feed's cursor. */
  changed_in: number;
  updated_at: string;
  /** The places its open referrals hold (requested, accepted, in progress, on hold). */
  held: Generated<number>;
  /** The partner as PartnerSchema parsed it. */
  data: string;
}

export interface PokmasTable {
  id: string;
  bapas_id: string;
  changed_in: number;
  data: string;
}

export interface AccountsTable {
  login: string;
  role: string;
  bapas_id: string | null;
  partner_id: string | null;
  /** `scrypt$N$r$p$salt$hash`, or null for an account that cannot sign in with a password. */
  password_hash: string | null;
  created_at: string;
}

export interface TokensTable {
  id: Generated<number>;
  login: string;
  /** Hex SHA-256 of the token: the token itself is never stored. */
  hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  account: string | null;
  role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON: the fields changed, or a summary; never a client's field, a password or a token. */
  changes: string | null;
}

export interface ReferralsTable {
  /** A random UUID: it reveals neither the count nor the order of referrals. */
  id: string;
  /** 1, 2, 3, ... in creation order: the cursor of the list and the source of `number`. */
  seq: number;
  /** Human-readable: `RJ-000042`. */
  number: string;
  status: string;
  partner_id: string;
  bapas_id: string;
  /** The client's pseudonym; null once erased. Never the client's age, gender, faith, languages or place. */
  client_ref: string | null;
  /** JSON: the services referred for. */
  services: string;
  /** JSON: the match as it was scored when the referral was made. */
  match: string;
  /** JSON: the outcomes given at completion. */
  outcome: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  expires_at: string;
  ended_at: string | null;
  erased_at: string | null;
}

export interface ReferralEventsTable {
  id: Generated<number>;
  referral_id: string;
  at: string;
  account: string | null;
  role: string | null;
  /** Null for the event that made the referral. */
  from_status: string | null;
  to_status: string;
  reason: string | null;
  /** Free text (at most 1,000 characters); erased with the pseudonym. */
  note: string | null;
  partner_id: string;
  bapas_id: string;
}
