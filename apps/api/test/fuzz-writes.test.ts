import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { ProblemSchema } from '../src/lib/problem';
import { anyBodyArb, mutate, mutationArb } from './arbitraries';
import { makeApp, PARTNERS, type TestApp } from './fixtures';

// The registry's write routes under random bodies, headers and If-Match values, on a real
// store: none may answer 5xx, and every error is a problem+json whose status is the response's.
const RUNS = 400;

let app: TestApp['app'];
beforeAll(async () => {
  ({ app } = await makeApp());
});

async function send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const res = await app.request(path, { method, headers: init.headers ?? {}, ...(init.body === undefined ? {} : { body: init.body }) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), etag: res.headers.get('etag') };
}

function expectAnswered({ status, type, text }: { status: number; type: string; text: string }, what: string) {
  expect(status, what).toBeLessThan(500);
  if (status >= 400) {
    expect(type, what).toBe('application/problem+json');
    expect(ProblemSchema.parse(JSON.parse(text)).status, what).toBe(status);
  }
}

const idArb = fc.oneof(
  fc.constantFrom(...PARTNERS.map((partner) => partner.id)),
  fc.constantFrom('P-404', 'p-001', '%00', '..', 'P-001%2Fhistory', 'x'.repeat(300)),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const ifMatchArb = fc.oneof(
  fc.constantFrom('*', '', '""', 'W/"1"', '"1"', '"0"', '"1", "2"', 'W/""', '"' + 'x'.repeat(2000) + '"', '"1'),
  fc.nat().map((n) => `"${n}"`),
  fc.nat().map((n) => `W/"${n}"`),
  fc.string({ maxLength: 30 }),
);
const contentTypeArb = fc.constantFrom(
  'application/json',
  'application/merge-patch+json',
  'application/merge-patch+json; charset=utf-8',
  'text/csv',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
);
/** Partner bodies: valid ones, mutated ones, and anything at all. */
const partnerBodyArb = fc.oneof(
  fc.constantFrom(...PARTNERS).map((partner) => JSON.stringify(partner)),
  fc
    .tuple(fc.constantFrom(...PARTNERS), fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
    .map(
      ([partner, mutations]) =>
        JSON.stringify(mutations.reduce<unknown>((value, mutation) => mutate(value as never, mutation), partner)) ?? 'null',
    ),
  anyBodyArb,
);

describe('fuzzing the registry write routes', () => {
  test('PUT and PATCH with any body, content type and If-Match: no 5xx, problem+json for every error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PUT', 'PATCH'),
        idArb,
        partnerBodyArb,
        contentTypeArb,
        fc.option(ifMatchArb, { nil: undefined }),
        async (method, id, body, contentType, ifMatch) => {
          const headers: Record<string, string> = { 'Content-Type': contentType };
          if (ifMatch !== undefined) headers['If-Match'] = ifMatch;
          expectAnswered(await send(method, `/v1/partners/${id}`, { body, headers }), `${method} ${id} ${JSON.stringify(headers)} ${body}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('PUT and PATCH with the current ETag and a mutated body: 200, or a 4xx problem that changed nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PARTNERS.map((partner) => partner.id)),
        fc.constantFrom('PUT', 'PATCH'),
        partnerBodyArb,
        async (id, method, body) => {
          const before = await send('GET', `/v1/partners/${id}`);
          const contentType = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
          const answer = await send(method, `/v1/partners/${id}`, {
            body,
            headers: { 'Content-Type': contentType, 'If-Match': before.etag! },
          });
          expectAnswered(answer, `${method} ${id} ${body}`);
          if (answer.status >= 400) expect((await send('GET', `/v1/partners/${id}`)).text).toBe(before.text);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('import with any body, content type and query: no 5xx', async () => {
    const queryArb = fc.oneof(
      fc.constantFrom(
        '',
        '?dryRun=true',
        '?mode=replace&dryRun=true',
        '?mode=delete',
        '?dryRun=maybe',
        '?allowShrink=1&mode=replace&dryRun=true',
      ),
      fc.string({ maxLength: 30 }).map((text) => `?${encodeURIComponent(text)}=${encodeURIComponent(text)}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBodyArb, fc.string({ maxLength: 400 })), contentTypeArb, queryArb, async (body, contentType, query) => {
        const answer = await send('POST', `/v1/registry/import${query}`, { body, headers: { 'Content-Type': contentType } });
        expectAnswered(answer, `${contentType} ${query} ${body}`);
      }),
      { numRuns: RUNS },
    );
  });

  test('reads of history, export and audit with any id or query: no 5xx', async () => {
    const queryArb = fc.string({ maxLength: 40 }).map((text) => encodeURIComponent(text));
    await fc.assert(
      fc.asyncProperty(idArb, queryArb, async (id, query) => {
        for (const path of [
          `/v1/partners/${id}/history`,
          `/v1/registry/export?format=${query}`,
          `/v1/audit?cursor=${query}&limit=${query}`,
          `/v1/audit?since=${query}`,
        ]) {
          expectAnswered(await send('GET', path), path);
        }
      }),
      { numRuns: 200 },
    );
  });
});
