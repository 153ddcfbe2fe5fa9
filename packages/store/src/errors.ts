import type { z } from 'zod';

/**
 * `VERSION_MISMATCH`: the version a write was conditioned on is not the current one (the API
 * answers 412). `NOT_FOUND`: no such partner, account or token. `PARTNER_EXISTS`,
 * `ACCOUNT_EXISTS`: the id or login is taken. `INVALID_*`: the input is refused, with every
 * issue at once. `NO_ACTIVE_PARTNER`: a registry that would leave nobody to match with.
 * `SHRINK_REFUSED`: an import in replace mode that would retire more than half of the active partners.
 * `INVALID_CONFIG`: openStore's options (a DATABASE_URL it cannot use). `INVALID_TRANSITION`: a
 * referral move the lifecycle does not allow from its status (409); `TRANSITION_FORBIDDEN`: one
 * the role may not make (403). `NO_CAPACITY`: no free place (409). `PARTNER_CHANGED`: the partner
 * changed after a referral's check (409, check again).
 */
export const STORE_ERROR_CODES = [
  'VERSION_MISMATCH',
  'NOT_FOUND',
  'PARTNER_EXISTS',
  'ACCOUNT_EXISTS',
  'INVALID_PARTNER',
  'INVALID_PATCH',
  'INVALID_REGISTRY',
  'INVALID_ACCOUNT',
  'INVALID_PASSWORD',
  'INVALID_QUERY',
  'NO_ACTIVE_PARTNER',
  'SHRINK_REFUSED',
  'INVALID_CONFIG',
  'INVALID_REFERRAL',
  'INVALID_TRANSITION',
  'TRANSITION_FORBIDDEN',
  'NO_CAPACITY',
  'PARTNER_CHANGED',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** One problem with the input, with the path of the field at fault (the matcher's shape). */
export interface StoreIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

/**
 * The one error the store throws for an expected refusal. Messages name fields, never the
 * values of a partner or an account.
 *
 * @example
 * try { await store.replacePartner(id, partner, 3, actor) } catch (error) {
 *   if (error instanceof StoreError && error.code === 'VERSION_MISMATCH') console.log(error.currentVersion)
 * }
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  readonly issues: readonly StoreIssue[];
  /** For VERSION_MISMATCH: the version that is current now. */
  readonly currentVersion?: number;

  constructor(code: StoreErrorCode, message: string, issues: readonly StoreIssue[] = [], currentVersion?: number) {
    super(issues.length > 0 ? `${message}: ${issues.map(formatStoreIssue).join('; ')}` : message);
    this.code = code;
    this.issues = issues;
    if (currentVersion !== undefined) this.currentVersion = currentVersion;
  }
}

export function formatStoreIssue(issue: StoreIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): StoreIssue[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path], message: issue.message, code: issue.code }));
}
