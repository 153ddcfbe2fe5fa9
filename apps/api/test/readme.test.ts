import { readFile } from 'node:fs/promises';
import { loadDemoRegistry } from '@pokmas/directory';
import { beforeAll, describe, expect, test } from 'vitest';
import { getDirectory, makeApp, type TestApp } from './fixtures';

// The README's curl examples, sent as written (in process) to an app over the demo registry:
// the examples cannot drift from what the server answers.

interface Example {
  comment: string;
  url: string;
  init: RequestInit;
}

/** Splits a command line the way sh would for these examples: words and single-quoted strings. */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

function parseCurl(block: string): Example {
  const comment = block
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .join(' ');
  const command = block
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .replace(/\\\n\s*/g, ' ');
  const [curl, ...args] = words(command);
  expect(curl).toBe('curl');
  const headers: Record<string, string> = {};
  let url = '';
  let body: string | undefined;
  let method: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-H') {
      const [name, ...value] = args[++index]!.split(':');
      headers[name!.trim()] = value.join(':').trim();
    } else if (arg === '-d') body = args[++index];
    else if (arg === '-X') method = args[++index];
    else if (arg === '-s' || arg === '-i') continue;
    else if (arg.startsWith('http')) url = arg;
    else throw new Error(`an option this test does not know: ${arg}`);
  }
  return {
    comment,
    url,
    init: { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) },
  };
}

let app: TestApp['app'];
let examples: Example[];

beforeAll(async () => {
  ({ app } = await makeApp({}, await loadDemoRegistry(await getDirectory())));
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  examples = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .filter((block) => /^curl /m.test(block))
    .map(parseCurl);
});

describe('the README examples', () => {
  test('there are examples for a recommendation, an allocation, a partner search, an error and an edit', () => {
    expect(examples.map((example) => `${example.init.method} ${new URL(example.url).pathname}`)).toEqual([
      'GET /v1/partners/P-026-01',
      'PATCH /v1/partners/P-026-01',
      'GET /v1/partners/P-026-01/history',
      'POST /v1/recommendations',
      'POST /v1/allocations',
      'GET /v1/partners',
      'POST /v1/recommendations',
    ]);
    for (const example of examples) expect(new URL(example.url).origin).toBe('http://localhost:3000');
  });

  test('each answers what its comment says', async () => {
    // In the README's order: the edit examples read, change, then list the changes.
    const answers: { status: number; etag: string | null; body: Record<string, any> }[] = [];
    for (const example of examples) {
      const url = new URL(example.url);
      const res = await app.request(`${url.pathname}${url.search}`, example.init);
      answers.push({ status: res.status, etag: res.headers.get('etag'), body: (await res.json()) as Record<string, any> });
    }
    const [read, patched, history, recommendation, allocation, search, error] = answers;
    expect(read).toMatchObject({ status: 200, etag: '"1"', body: { id: 'P-026-01' } });
    expect(patched).toMatchObject({ status: 200, etag: '"2"', body: { capacity: { total: 12, used: 3 } } });
    expect(history!.status).toBe(200);
    expect(history!.body.entries[0].changes).toEqual([{ field: 'capacity.total', before: 19, after: 12 }]);
    expect(history!.body.entries.at(-1).action).toBe('partner.seed');
    expect(recommendation!.status).toBe(200);
    expect(recommendation!.body.matches).toHaveLength(3);
    expect(recommendation!.body.location).toEqual({ source: 'bapas', regencyCode: '32.73' });
    expect(recommendation!.body.matches[0].partner.name).toMatch(/\(fiktif\)$/);

    expect(allocation!.status).toBe(200);
    expect(allocation!.body).toMatchObject({ optimal: true, stats: { clients: 3, needs: 5 } });
    expect(allocation!.body.unassigned).toEqual([{ clientId: 'K-2026-0102', service: 'skills-training', reason: 'no-eligible-partner' }]);
    expect(
      allocation!.body.assignments.map(
        (assignment: { clientId: string; service: string }) => `${assignment.clientId} ${assignment.service}`,
      ),
    ).toEqual(['K-2026-0101 legal-aid', 'K-2026-0101 skills-training', 'K-2026-0102 legal-aid', 'K-2026-0103 job-placement']);
    expect(allocation!.body.assignments[0].partner.name).toMatch(/\(fiktif\)$/);

    expect(search!.status).toBe(200);
    expect(search!.body.total).toBeGreaterThan(1);
    const distances = search!.body.items.map((item: { distanceKm: number }) => item.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(50);

    expect(error!.status).toBe(422);
    expect(error!.body.issues.map((issue: { path: unknown[] }) => issue.path.join('.'))).toEqual([
      'client.needs.0.service',
      'options.limit',
    ]);
  });
});
