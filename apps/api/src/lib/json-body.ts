import { createMiddleware } from 'hono/factory';
import { ProblemError } from './problem';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Route middleware for routes that take a JSON body: anything else is a 415, rather than an
 * empty body failing the schema. Give it in `createRoute({ middleware: [requireJson] })`.
 */
export const requireJson = createMiddleware(async (c, next) => {
  if (!JSON_MEDIA_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw new ProblemError('unsupported-media-type', 'Send the body as JSON, with the header Content-Type: application/json.');
  }
  await next();
});

const MERGE_PATCH_MEDIA_TYPE = /^application\/merge-patch\+json\s*(;|$)/i;

/** Route middleware for a JSON Merge Patch body (RFC 7396): any other media type is a 415. */
export const requireMergePatch = createMiddleware(async (c, next) => {
  if (!MERGE_PATCH_MEDIA_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw new ProblemError(
      'unsupported-media-type',
      'Send the change as a JSON Merge Patch, with the header Content-Type: application/merge-patch+json (RFC 7396).',
    );
  }
  await next();
});
