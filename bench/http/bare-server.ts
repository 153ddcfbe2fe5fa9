/**
 * The floor of the HTTP benchmark: a bare Hono app on @hono/node-server that validates a small
 * JSON body with zod and answers JSON. No logging, no request id, no security headers, no
 * OpenAPI: what any Hono + zod app pays at least, to compare the project's API against.
 *
 * With `ANSWERS_FILE` (a JSON object from a client id to any JSON value), it also serves
 * `POST /echo-sized`: the same body and validation as `/echo`, answered with the stored value for
 * the body's client id (404 for an id without one). The benchmark stores the API's own answers
 * there, so this route pays what any Hono app pays to send an answer that large (JSON.stringify
 * and the writes, on every request) and nothing of the matching.
 *
 * Listens on 127.0.0.1 at `PORT` (0, the default, for any free port) and prints one JSON line
 * with its `url` once it listens, as the API does.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { z } from 'zod';

/** A body in the spirit of a recommendation request: an id, a place, one to three needs. */
const RequestSchema = z.strictObject({
  client: z.strictObject({
    id: z.string().min(1).max(64),
    bapasId: z.string().min(1).max(16).optional(),
    regencyCode: z
      .string()
      .regex(/^\d{2}\.\d{2}$/)
      .optional(),
    needs: z
      .array(z.strictObject({ service: z.string().min(1), priority: z.number().int().min(1).max(3).optional() }))
      .min(1)
      .max(16),
  }),
  limit: z.number().int().min(1).max(100).optional(),
});

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
app.post('/echo', async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return c.json({ error: 'malformed-json' }, 400);
  }
  const parsed = RequestSchema.safeParse(body);
  if (!parsed.success) return c.json({ error: 'validation', issues: parsed.error.issues.length }, 422);
  const { client, limit = 10 } = parsed.data;
  return c.json({ id: client.id, needs: client.needs.map((need) => need.service), limit }, 200);
});

const answersFile = process.env.ANSWERS_FILE;
if (answersFile) {
  const answers = new Map(Object.entries(JSON.parse(readFileSync(answersFile, 'utf8')) as Record<string, unknown>));
  // The steps of /echo, written out again rather than shared: /echo is the goals' baseline and stays the code it was.
  app.post('/echo-sized', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'malformed-json' }, 400);
    }
    const parsed = RequestSchema.safeParse(body);
    if (!parsed.success) return c.json({ error: 'validation', issues: parsed.error.issues.length }, 422);
    const answer = answers.get(parsed.data.client.id);
    // c.json stringifies on every request, as the API's handler does with the answer it builds.
    return answer === undefined ? c.json({ error: 'not-found' }, 404) : c.json(answer as object, 200);
  });
}

const port = Number(process.env.PORT ?? 0);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${info.port}` }));
});
process.once('SIGTERM', () => process.exit(0));
