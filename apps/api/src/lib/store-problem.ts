import { StoreError } from '@pokmas/store';
import { etagOf, preconditionFailed } from './etag';
import { ProblemError, summarise, toIssues } from './problem';

/** Row issues an import lists at most in one problem: every issue of any file a Bapas keeps. */
export const MAX_IMPORT_ISSUES = 1000;

/**
 * The store's refusals as problems: a write's failures are the caller's, each with its status.
 * Anything else is rethrown as it is (a fault of the server).
 */
export function storeProblem(error: unknown): never {
  if (!(error instanceof StoreError)) throw error;
  switch (error.code) {
    case 'VERSION_MISMATCH':
      throw error.currentVersion === undefined
        ? new ProblemError('precondition-failed', error.message)
        : preconditionFailed(error.currentVersion);
    case 'NOT_FOUND':
      throw new ProblemError('not-found', 'No partner has this id.');
    case 'PARTNER_EXISTS':
      throw new ProblemError('conflict', 'A partner with this id exists; change it with PUT or PATCH /v1/partners/{id}.');
    case 'INVALID_PARTNER':
    case 'INVALID_PATCH':
    case 'INVALID_REGISTRY': {
      const issues = toIssues(error.issues);
      const what = error.code === 'INVALID_REGISTRY' ? 'registry' : error.code === 'INVALID_PATCH' ? 'patch' : 'partner';
      throw new ProblemError('validation', `The ${what} is refused, nothing was changed: ${summarise(issues)}`, {
        issues,
        ...(error.code === 'INVALID_REGISTRY' ? { maxIssues: MAX_IMPORT_ISSUES } : {}),
      });
    }
    case 'NO_ACTIVE_PARTNER':
    case 'SHRINK_REFUSED':
      throw new ProblemError('validation', error.message);
    default:
      throw error;
  }
}

/** Awaits a store write, turning its refusals into problems. */
export const storeWrite = <T>(write: Promise<T>): Promise<T> => write.catch(storeProblem);

export { etagOf };
