import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ProblemError } from './problem';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Requires `Authorization: Bearer <key>` with one of `keys`. Keys are compared as SHA-256
 * digests with `timingSafeEqual`, against every key, so the time taken says nothing about how
 * much of a key was right, nor which key matched.
 */
export function bearerAuth(keys: readonly string[]): MiddlewareHandler {
  const digests = keys.map(digest);
  return async function bearerAuth(c, next) {
    const match = /^Bearer +([^\s]+) *$/i.exec(c.req.header('Authorization') ?? '');
    if (!match?.[1]) {
      throw new ProblemError('unauthorized', 'Send the header Authorization: Bearer <key> with a key this server accepts.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="pokmas-match"' },
      });
    }
    const given = digest(match[1]);
    let accepted = false;
    for (const key of digests) accepted = timingSafeEqual(key, given) || accepted;
    if (!accepted) {
      throw new ProblemError('unauthorized', 'The bearer key is not one this server accepts.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="pokmas-match", error="invalid_token"' },
      });
    }
    await next();
  };
}
