import fc from 'fast-check';
import { loadDemoRegistry, type Registry } from '@pokmas/directory';
import { beforeAll, describe, expect, test } from 'vitest';
import { ProblemSchema } from '../src/lib/problem';
import { AllocationResponseSchema } from '../src/routes/allocations/allocations.routes';
import { allocationRequestArb, anyBodyArb, mutate, mutationArb, recommendationRequestArb, requestArb } from './arbitraries';
import { getDirectory, makeApp, type TestApp } from './fixtures';

// Thousands of bodies against every POST route of the JSON API, over the demo registry: none
// may answer 5xx, and every error must be a problem+json. Bounded so the file runs in seconds.
const RUNS = 1500;

let app: TestApp['app'];
let registry: Registry;
let postRoutes: string[];

beforeAll(async () => {
  registry = await loadDemoRegistry(await getDirectory());
  ({ app } = await makeApp({}, registry));
  postRoutes = [
    ...new Set(app.routes.filter((route) => route.method === 'POST' && route.path.startsWith('/v1/')).map((route) => route.path)),
  ];
});

async function send(path: string, body: string, contentType = 'application/json') {
  const res = await app.request(path, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

/** The invariant: below 500, and a problem+json body whose status is the response's. */
function expectAnswered({ status, type, text }: { status: number; type: string; text: string }, body: string) {
  expect(status, body).toBeLessThan(500);
  if (status >= 400) {
    expect(type, body).toBe('application/problem+json');
    const problem = ProblemSchema.parse(JSON.parse(text));
    expect(problem.status).toBe(status);
  } else {
    expect(type, body).toMatch(/^application\/json/);
    JSON.parse(text);
  }
}

describe('fuzzing the POST routes', () => {
  test('every POST route of the OpenAPI document is fuzzed', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => ('post' in item ? [path.replace(/\{(\w+)\}/g, ':$1')] : []));
    expect(new Set(postRoutes)).toEqual(new Set(documented));
    expect(postRoutes).toEqual(expect.arrayContaining(['/v1/recommendations', '/v1/allocations']));
  });

  test('valid bodies are answered 200 or, for a location the directory does not know, 422', async () => {
    await fc.assert(
      fc.asyncProperty(recommendationRequestArb, async (request) => {
        const body = JSON.stringify(request);
        const answer = await send('/v1/recommendations', body);
        expectAnswered(answer, body);
        expect([200, 422], body).toContain(answer.status);
      }),
      { numRuns: 500 },
    );
  });

  test('valid cohorts are allocated, optimally, within every partner’s free places (weights that add up to 0 aside)', async () => {
    await fc.assert(
      fc.asyncProperty(allocationRequestArb, async (request) => {
        const body = JSON.stringify(request);
        const answer = await send('/v1/allocations', body);
        expectAnswered(answer, body);
        if (answer.status === 422) {
          const issues = ProblemSchema.parse(JSON.parse(answer.text)).issues ?? [];
          expect(
            issues.map((issue) => issue.path.join('.')),
            body,
          ).toEqual(['options.weights']);
          return;
        }
        expect(answer.status, body).toBe(200);
        const allocation = AllocationResponseSchema.parse(JSON.parse(answer.text));
        const placed = new Map<string, number>();
        for (const { partnerId } of allocation.assignments) placed.set(partnerId, (placed.get(partnerId) ?? 0) + 1);
        for (const [partnerId, count] of placed) {
          const capacity = registry.partners.find((partner) => partner.id === partnerId)!.capacity;
          if (capacity) expect(count, body).toBeLessThanOrEqual(capacity.total - capacity.used);
        }
        expect(allocation.optimal, body).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test('any body, on any POST route, is answered without a 5xx and with a problem+json for every error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...postRoutes), anyBodyArb, async (path, body) => {
        expectAnswered(await send(path, body), body);
      }),
      { numRuns: RUNS },
    );
  });

  test('mutated valid bodies, stacked mutations, are answered without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...postRoutes),
        requestArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 5 }),
        async (path, request, mutations) => {
          const body = JSON.stringify(mutations.reduce<unknown>((value, mutation) => mutate(value, mutation), request)) ?? 'undefined';
          expectAnswered(await send(path, body), body);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('odd content types are answered 415 or better, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...postRoutes),
        fc.oneof(
          fc.constantFrom(
            'text/plain',
            'application/json-seq',
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/vnd.api+json',
          ),
          fc.string({ maxLength: 40 }),
        ),
        anyBodyArb,
        async (path, contentType, body) => {
          expectAnswered(await send(path, body, contentType), `${contentType}: ${body}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('mutations never change the body they start from', () => {
    fc.assert(
      fc.property(requestArb, mutationArb, (request, mutation) => {
        const before = JSON.stringify(request);
        mutate(request, mutation);
        expect(JSON.stringify(request)).toBe(before);
      }),
    );
  });
});
