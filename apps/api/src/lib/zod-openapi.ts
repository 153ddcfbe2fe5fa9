/**
 * Gives the workspace libraries' exported zod schemas an `.openapi()` method.
 *
 * `@hono/zod-openapi` adds `.openapi()` to zod's prototype when it loads, but zod 4 copies a
 * schema's methods onto it when the schema is built: a schema built before that (the library's,
 * whenever `@pokmas/matcher` is imported first, as a test file may do) has no `.openapi()`.
 * Import this module before any route module; `.openapi()` then works on library schemas too.
 * The method returns a named copy; the library's schema itself validates exactly as before.
 */
import { z } from '@hono/zod-openapi';
import * as directory from '@pokmas/directory';
import * as matcher from '@pokmas/matcher';

for (const value of [...Object.values(matcher), ...Object.values(directory)]) {
  if (value instanceof z.ZodType && typeof (value as { openapi?: unknown }).openapi !== 'function') {
    Object.defineProperty(value, 'openapi', { value: z.ZodType.prototype.openapi.bind(value), configurable: true });
  }
}
