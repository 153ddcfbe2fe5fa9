import { describe, expect, test } from 'vitest';
import { ProblemSchema } from '../src/lib/problem';
import { MAX_ALLOCATION_BODY_BYTES } from '../src/routes/allocations/allocations.routes';
import { makeApp, postJson } from './fixtures';

// A problem says what is wrong with the input without quoting it back whole: whatever the body,
// the answer stays small, and says how much it left out.
const SMALL = 16 * 1024;
const client = (id: string) => ({ id, bapasId: '026', needs: [{ service: 'legal-aid' }] });

/** `count` keys of `width` characters each, none of them a field. */
const unknownKeys = (count: number, width = 12) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${String(index).padStart(width - 1, '0')}`, 1]));

async function send(path: string, body: string, env: Record<string, string> = {}) {
  const { app } = await makeApp(env);
  const res = await app.request(path, postJson(body));
  const text = await res.text();
  return { status: res.status, text, problem: ProblemSchema.parse(JSON.parse(text)) };
}

describe('how much of the input a problem echoes', () => {
  test('a 2 MiB body of unknown keys is answered by a problem of a few KiB that names a few and counts the rest', async () => {
    const keys = unknownKeys(120_000);
    const body = JSON.stringify({ clients: [client('K-1')], ...keys });
    expect(body.length).toBeGreaterThan(MAX_ALLOCATION_BODY_BYTES - 300_000);
    expect(body.length).toBeLessThan(MAX_ALLOCATION_BODY_BYTES);

    const { status, text, problem } = await send('/v1/allocations', body);
    expect(status).toBe(422);
    expect(text.length).toBeLessThan(SMALL);
    expect(problem.issues).toEqual([
      {
        path: [],
        pointer: '',
        code: 'unrecognized_keys',
        message: 'Unrecognized keys: "k00000000000", "k00000000001", "k00000000002", "k00000000003", "k00000000004" and 119995 more',
      },
    ]);
    expect(problem.detail).toBe(`The body is not valid: ${problem.issues![0]!.message}`);
  });

  test('a cohort with a fault in every client lists the first issues and counts the others', async () => {
    const clients = Array.from({ length: 1000 }, (_, index) => ({ ...client(`K-${index}`), needs: [{ service: 'cooking' }] }));
    const { status, text, problem } = await send('/v1/allocations', JSON.stringify({ clients }));
    expect(status).toBe(422);
    expect(text.length).toBeLessThan(SMALL);
    expect(problem.issues!.length).toBeGreaterThan(5);
    expect(problem.issues!.length + problem.omittedIssues!).toBe(1000);
    expect(problem.issues![0]!.path).toEqual(['clients', 0, 'needs', 0, 'service']);
    expect(problem.detail).toMatch(new RegExp(`\\(and ${1000 - 3} more\\)$`));
  });

  test('a key as long as the body is quoted in part', async () => {
    const long = 'x'.repeat(1_000_000);
    const { status, text, problem } = await send('/v1/recommendations', JSON.stringify({ client: { ...client('K-1'), [long]: true } }), {
      MAX_BODY_BYTES: String(2 * 1024 * 1024),
    });
    expect(status).toBe(422);
    expect(text.length).toBeLessThan(SMALL);
    expect(problem.issues).toEqual([expect.objectContaining({ path: ['client'], message: `Unrecognized key: "${'x'.repeat(40)}…"` })]);
  });

  test('unknown keys in every need and every client of a large body stay bounded too', async () => {
    const clients = Array.from({ length: 1000 }, (_, index) => ({ ...client(`K-${index}`), ...unknownKeys(100, 10) }));
    const body = JSON.stringify({ clients });
    expect(body.length).toBeGreaterThan(MAX_ALLOCATION_BODY_BYTES / 2);
    const { status, text, problem } = await send('/v1/allocations', body);
    expect(status).toBe(422);
    expect(text.length).toBeLessThan(SMALL);
    expect(problem.omittedIssues).toBeGreaterThan(0);
  });

  test('a path as long as a URL may be is not quoted whole in a 404', async () => {
    const { app } = await makeApp();
    const res = await app.request(`/v1/${'nowhere/'.repeat(4000)}`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text.length).toBeLessThan(2048);
    expect(ProblemSchema.parse(JSON.parse(text)).detail).toMatch(/^Nothing is served at GET \/v1\/nowhere\/nowhere\/.*…; see \/docs\.$/);
  });

  test('a problem with few issues lists them all, and says nothing was left out', async () => {
    const { problem } = await send('/v1/recommendations', JSON.stringify({ client: { id: 'K 1', needs: [{ service: 'cooking' }] } }));
    expect(problem.issues!.map((issue) => issue.pointer)).toEqual(['/client/id', '/client/needs/0/service']);
    expect(problem).not.toHaveProperty('omittedIssues');
  });
});
