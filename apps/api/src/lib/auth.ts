import { hash, timingSafeEqual } from 'node:crypto';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { ProblemError } from './problem';

// One-shot: no Hash object per request.
const digest = (value: string): Buffer => hash('sha256', value, 'buffer');

/**
 * Whether a key is one of `keys`. Keys are compared as SHA-256 digests with `timingSafeEqual`,
 * against every key, so the time taken says nothing about how much of a key was right, nor
 * which key matched. The one comparison of keys: the API's bearer check and the pages' Basic
 * check both use it.
 */
export function keyChecker(keys: readonly string[]): (given: string) => boolean {
  const digests = keys.map(digest);
  return (given) => {
    const candidate = digest(given);
    let accepted = false;
    for (const key of digests) accepted = timingSafeEqual(key, candidate) || accepted;
    return accepted;
  };
}

/** Requires `Authorization: Bearer <key>` with one of `keys` (see {@link keyChecker}). */
export function bearerAuth(keys: readonly string[]): MiddlewareHandler {
  const accepts = keyChecker(keys);
  return async function bearerAuth(c, next) {
    const match = /^Bearer +([^\s]+) *$/i.exec(c.req.header('Authorization') ?? '');
    if (!match?.[1]) {
      throw new ProblemError('unauthorized', 'Send the header Authorization: Bearer <key> with a key this server accepts.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="pokmas-match"' },
      });
    }
    if (!accepts(match[1])) {
      throw new ProblemError('unauthorized', 'The bearer key is not one this server accepts.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="pokmas-match", error="invalid_token"' },
      });
    }
    await next();
  };
}

/** The challenge that makes a browser ask for a user name and password by itself. */
export const BASIC_CHALLENGE = 'Basic realm="pokmas-match", charset="UTF-8"';

/** The password of `Authorization: Basic <base64 of user:password>`, or undefined. */
function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const credentials = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = credentials.indexOf(':');
  return colon < 0 ? undefined : credentials.slice(colon + 1);
}

/**
 * Requires HTTP Basic authentication whose password is one of `keys`, any user name, compared
 * by {@link keyChecker}: what a browser can send without scripts. Any other request is answered
 * by `deny` (a 401 saying what to do) with {@link BASIC_CHALLENGE}, so the browser prompts.
 *
 * @example
 * router.get('/', basicAuth(config.apiKeys, (c) => c.text('Give a key as the password.', 401)), handler);
 */
export function basicAuth<E extends Env>(
  keys: readonly string[],
  deny: (c: Context<E>) => Response | Promise<Response>,
): MiddlewareHandler<E> {
  const accepts = keyChecker(keys);
  return async function basicAuth(c, next) {
    const password = basicPassword(c.req.header('Authorization'));
    if (password === undefined || !accepts(password)) {
      c.header('WWW-Authenticate', BASIC_CHALLENGE);
      return deny(c);
    }
    await next();
  };
}
