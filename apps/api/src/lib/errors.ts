import { DirectoryError } from '@pokmas/directory';
import { MatcherError } from '@pokmas/matcher';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from './logger';
import { problem, ProblemError, summarise, toIssues, type ProblemKind } from './problem';

/** Hono's own exceptions by status (the JSON validator throws 400 for a body that is not JSON). */
const HTTP_EXCEPTION_KINDS: Partial<Record<number, ProblemKind>> = {
  400: 'malformed-json',
  401: 'unauthorized',
  404: 'not-found',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

/**
 * Turns any error into a problem+json response: the one place where errors become statuses.
 * Caller mistakes (ProblemError, the library's MatcherError, the directory's DirectoryError,
 * Hono's 4xx exceptions) answer 4xx; anything else is a bug, answered 500 without a stack.
 */
export function errorToProblem(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ProblemError) return problem(c, error.kind, error.detail, error.extras);

    if (error instanceof DirectoryError) {
      const issues = toIssues([{ path: [error.field], message: error.message, code: error.code }], ['client']);
      return problem(c, 'validation', `The client cannot be located: ${summarise(issues)}`, { issues });
    }

    if (error instanceof MatcherError) {
      // The library's paths are the body's: a route that lays its body out otherwise rewrites them (see optionsAtTopLevel).
      const issues = toIssues(error.issues);
      return problem(c, 'validation', `The request is not valid: ${summarise(issues)}`, { issues });
    }

    if (error instanceof HTTPException && error.status < 500) {
      const kind = HTTP_EXCEPTION_KINDS[error.status];
      if (kind) return problem(c, kind, kind === 'malformed-json' ? 'The body is not valid JSON; send a JSON object.' : error.message);
    }

    // Only the error's class and stack frames: its message might quote a value from the request.
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      error: error.name,
      stack: error.stack
        ?.split('\n')
        .slice(1, 8)
        .map((line) => line.trim()),
    });
    return problem(c, 'internal', 'An unexpected error occurred on the server; quote the request id when reporting it.');
  };
}

/**
 * Runs a matcher call for a route that takes the library's options at the top level of its
 * body, not under `options` where the library's issue paths put them: a `MatcherError` it
 * throws then names the body's fields (`weights`, not `options.weights`).
 *
 * @example
 * const recommendation = optionsAtTopLevel(() => matcher.recommend(client, { limit, weights }));
 */
export function optionsAtTopLevel<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof MatcherError)) throw error;
    const issues = error.issues.map((issue) => (issue.path[0] === 'options' ? { ...issue, path: issue.path.slice(1) } : issue));
    throw new MatcherError(error.code, issues, error.message);
  }
}
