import type { Kysely } from 'kysely';
import type { Partner } from '@pokmas/matcher';
import type { Backend } from './dialects/backend';
import type { StoreIssue } from './errors';
import type { ChangeBus } from './registry/change-bus';
import type { Tables } from './tables';

/**
 * Checks the store cannot make by itself, given by the app: the directory knows which Bapas
 * are offices and which regency codes exist. Each answers its issues (empty when good).
 */
export interface StoreChecks {
  /** Issues with a partner that passed PartnerSchema; paths relative to the partner. */
  readonly partner?: (partner: Partner) => StoreIssue[];
  /** Why an account's Bapas id is refused, or undefined. */
  readonly bapasId?: (bapasId: string) => string | undefined;
}

/** What every store operation works with. */
export interface StoreContext {
  readonly backend: Backend;
  readonly db: Kysely<Tables>;
  readonly bus: ChangeBus;
  readonly checks: StoreChecks;
  /** This store instance, so that it skips its own notifications (it told its listeners already). */
  readonly origin: string;
}

/** ISO 8601 in UTC with milliseconds: sorts as text in both databases. */
export function now(): string {
  return new Date().toISOString();
}
