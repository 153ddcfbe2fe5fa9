import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import { problem, summarise, toIssues } from './problem';
import type { AppBindings } from './types';

const PLACES: Record<string, string> = {
  json: 'body',
  query: 'query string',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
  form: 'form',
};

/**
 * Turns every schema failure, wherever it is (body, query, path), into one problem: 422 with
 * every issue and its path. The same for every router, so errors look alike across routes.
 */
export const defaultHook: Hook<unknown, AppBindings, string, Response | undefined> = (result, c) => {
  if (result.success) return undefined;
  const issues = toIssues(result.error.issues);
  return problem(c, 'validation', `The ${PLACES[result.target] ?? result.target} is not valid: ${summarise(issues)}`, { issues });
};

/**
 * A router for one resource, with the shared validation hook. Mount it in `app.ts`.
 *
 * @example
 * const router = createRouter().openapi(route, handler);
 */
export function createRouter(): OpenAPIHono<AppBindings> {
  return new OpenAPIHono<AppBindings>({ defaultHook });
}
