import { DirectoryError } from '@pokmas/directory';
import { MatcherError, type MatcherErrorCode } from '@pokmas/matcher';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { StatusCode } from 'hono/utils/http-status';
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

/** Not a status any client receives: the request log's word for a client that left (nginx's). */
const CLIENT_CLOSED_REQUEST = 499 as StatusCode;

/**
 * The library's errors that are the caller's: input from the request that the library refused.
 * Any other code (invalid or changed partners, an allocation the solver cannot prove, a code
 * added later) concerns the server's registry or the library itself: a fault of the server.
 */
const CALLER_FAULTS: ReadonlySet<MatcherErrorCode> = new Set(['INVALID_CLIENT', 'INVALID_CLIENTS', 'INVALID_OPTIONS']);

/**
 * Turns any error into a problem+json response: the one place where errors become statuses.
 * Caller mistakes (ProblemError, the library's MatcherError for invalid input, the directory's
 * DirectoryError, Hono's 4xx exceptions) answer 4xx; anything else, a registry the library calls
 * changed included, is a fault of the server, answered 500 without its message or stack. A request
 * whose client has gone is neither.
 */
export function errorToProblem(logger: Logger) {
  return (error: Error, c: Context): Response => {
    // The client went away before its request was read (a dropped upload): whatever reading the
    // body threw, nothing failed here and nobody reads an answer. Logged as 499, as nginx does,
    // so that the request log counts no server error.
    if (c.req.raw.signal.aborted) return c.body(null, CLIENT_CLOSED_REQUEST);

    if (error instanceof ProblemError) return problem(c, error.kind, error.detail, error.extras);

    if (error instanceof DirectoryError) {
      const issues = toIssues([{ path: [error.field], message: error.message, code: error.code }], ['client']);
      return problem(c, 'validation', `The client cannot be located: ${summarise(issues)}`, { issues });
    }

    if (error instanceof MatcherError && CALLER_FAULTS.has(error.code)) {
      // The library's paths are the body's: each route nests the library's inputs as the library names them.
      const issues = toIssues(error.issues);
      return problem(c, 'validation', `The request is not valid: ${summarise(issues)}`, { issues });
    }

    if (error instanceof HTTPException && error.status < 500) {
      const kind = HTTP_EXCEPTION_KINDS[error.status];
      if (kind) return problem(c, kind, kind === 'malformed-json' ? 'The body is not valid JSON; send a JSON object.' : error.message);
    }

    // Only the error's class (and the library's code) and stack frames: its message might quote a value from the request.
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      error: error.name,
      ...(error instanceof MatcherError ? { code: error.code } : {}),
      stack: error.stack
        ?.split('\n')
        .slice(1, 8)
        .map((line) => line.trim()),
    });
    return problem(c, 'internal', 'An unexpected error occurred on the server; quote the request id when reporting it.');
  };
}
