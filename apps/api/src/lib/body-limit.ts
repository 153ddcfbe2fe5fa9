import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ProblemError } from './problem';

/**
 * Refuses a body larger than `maxSize` bytes with a 413, whether or not it declares its length
 * (a body without `Content-Length` is counted as it is read).
 *
 * A declared length is checked from the header alone, as `hono/body-limit` does, but without
 * asking for `c.req.raw.body` first: on @hono/node-server that turns the request into a full
 * web `Request` with a body stream, costing more than the rest of a small request's handling;
 * left alone, the JSON validator reads the body straight from the socket.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = (): never => {
    throw new ProblemError('payload-too-large', `The body is larger than ${maxSize} bytes; send less.`);
  };
  const counted = bodyLimit({ maxSize, onError: tooLarge });
  return async function limitBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length === undefined || c.req.header('Transfer-Encoding') !== undefined) return counted(c, next);
    if (Number.parseInt(length, 10) > maxSize) tooLarge();
    return next();
  };
}
