import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../tables';

export type DialectName = 'sqlite' | 'postgres';

/** What differs between the two databases; everything else is the same Kysely code. */
export interface Backend {
  readonly dialect: DialectName;
  readonly db: Kysely<Tables>;
  /** Where the data lives, without credentials: a file path, or `postgres://host:port/database`. */
  readonly location: string;
  /** Brings the schema to the latest migration; safe when several instances start together. */
  migrate(): Promise<void>;
  /** Inside a write transaction: tells the other instances, once it commits. */
  notify(trx: Transaction<Tables>, payload: string): Promise<void>;
  /**
   * Hears the other instances' notifications until the returned function is called.
   * `onGap` is called after the connection was lost and regained: notifications may have been
   * missed in between, so the listener should catch up.
   */
  listen(onPayload: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
