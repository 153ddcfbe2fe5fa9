import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PARTNERS } from './fixtures';

// The real server as a child process, from the sources (CI has no build): tsx compiles them and
// the `@pokmas/source` condition resolves the workspace packages to theirs.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = 'apps/api/src/index.ts';

interface Server {
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: string[];
  exited: Promise<number | null>;
  stderr(): string;
  /** The first line matching `pattern` from line `from` on (0: any line). */
  waitForLine(pattern: RegExp, timeoutMs?: number, from?: number): Promise<string>;
}

function start(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  stderr: () => string;
  exited: Promise<number | null>;
} {
  // Each server keeps its store in a folder of its own unless the test names one.
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'pokmas-api-e2e-data-'));
  const child = spawn(process.execPath, ['--conditions=@pokmas/source', '--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, ...env },
  });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => stderr, exited };
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const { child, lines, stderr, exited } = start({ PORT: '0', HOST: '127.0.0.1', ...env });
  const waitForLine = async (pattern: RegExp, timeoutMs = 30_000, from = 0): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines.slice(from).find((line) => pattern.test(line));
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr()}`);
      if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in:\n${lines.join('\n')}\n${stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const listening = JSON.parse(await waitForLine(/"msg":"listening on /)) as { url: string };
  return { child, url: listening.url, lines, exited, stderr, waitForLine };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One request on its own connection (no pooling, so a closed server cannot hide behind one). */
function call(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const registryFile = (partners: unknown[]) =>
  JSON.stringify({
    pokmas: [
      { id: 'PK-026-SR', bapasId: '026', name: 'POKMAS Kemandirian Bandung', field: 'self-reliance' },
      { id: 'PK-026-LS', bapasId: '026', name: 'POKMAS Hukum Bandung', field: 'law-society' },
    ],
    partners,
  });

const recommendation = JSON.stringify({ client: { id: 'K-E2E-5531', bapasId: '026', needs: [{ service: 'job-placement', priority: 3 }] } });
const json = { 'Content-Type': 'application/json' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pokmas-api-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the server as a process', () => {
  test('seeds an empty store from a registry file, ignores SIGHUP, keeps the store over a later file, and drains on SIGTERM with exit code 0', async () => {
    const file = join(dir, 'registry.json');
    await writeFile(file, registryFile(PARTNERS));
    const dataDir = await mkdtemp(join(tmpdir(), 'pokmas-api-e2e-store-'));
    // A later file is not applied to a store that holds a registry: the start line says so.
    const earlier = await startServer({ REGISTRY_FILE: file, DATA_DIR: dataDir });
    earlier.child.kill('SIGTERM');
    expect(await earlier.exited).toBe(0);
    expect(earlier.lines[0]).toMatch(
      /serving .*pokmas\.sqlite \(version r1, 4 partners\); the store was empty and was seeded from .*registry\.json/,
    );
    await writeFile(file, registryFile(PARTNERS.slice(0, 2)));
    const server = await startServer({ REGISTRY_FILE: file, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      expect(server.lines[0]).toMatch(
        /serving .*pokmas\.sqlite \(version r1, 4 partners\); REGISTRY_FILE .*registry\.json was not applied: the store holds the registry, import the file with npm run registry -- import /,
      );

      const first = await call(`${server.url}/healthz`);
      expect(first.status).toBe(200);
      expect(first.body.registry).toEqual({ version: 'r1', partners: 4 });

      const ranked = await call(`${server.url}/v1/recommendations`, { method: 'POST', headers: json, body: recommendation });
      expect(ranked.status).toBe(200);
      expect(ranked.headers['cache-control']).toBe('no-store');
      expect(ranked.body.registry.version).toBe('r1');
      expect(ranked.body.matches[0].partner.name).toBe('BLK Bandung');

      // SIGHUP no longer reloads anything, and never ends the server.
      server.child.kill('SIGHUP');
      await expect.poll(() => server.stderr(), { timeout: 10_000 }).toMatch(/SIGHUP ignored/);
      const second = await call(`${server.url}/healthz`);
      expect(second.body.registry).toEqual(first.body.registry);

      // A keep-alive connection left idle (fetch pools it) must not hold the shutdown up.
      expect((await fetch(`${server.url}/v1/taxonomy`)).status).toBe(200);

      // SIGTERM with a request in flight: it is answered, new connections are refused, exit 0.
      const stopping = Date.now();
      const inFlight = new Promise<Answer>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/v1/recommendations`,
          { method: 'POST', headers: { ...json, 'Transfer-Encoding': 'chunked' }, agent: false },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.write(recommendation.slice(0, 20));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => req.end(recommendation.slice(20)), 300);
        }, 300);
      });
      await new Promise((resolve) => setTimeout(resolve, 450));
      await expect(call(`${server.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(await server.exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(4000);

      // Logs: one line per request, never the client's fields.
      const requests = server.lines.filter((line) => line.includes('"msg":"request"'));
      expect(requests.length).toBe(5);
      expect(server.lines.join('\n')).not.toContain('K-E2E-5531');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 60_000);

  test('a client that drops an upload mid-body, chunked or not, is not a server error: no error line, no 500, the server serves on', async () => {
    // The open demo mode (loopback, no accounts): the body is read before any token would be looked up.
    const server = await startServer({ LOG_LEVEL: 'info' });
    try {
      const auth = json;
      // Both limits read a chunked body as it comes (the route's own, on allocations, and MAX_BODY_BYTES);
      // a declared length is read by the JSON validator, which calls any failure to read malformed JSON.
      const cases = [
        ['chunked', '/v1/recommendations', { ...auth, 'Transfer-Encoding': 'chunked' }],
        ['chunked', '/v1/allocations', { ...auth, 'Transfer-Encoding': 'chunked' }],
        ['declared', '/v1/recommendations', { ...auth, 'Content-Length': String(recommendation.length) }],
      ] as const;
      for (const [how, path, headers] of cases) {
        const before = server.lines.length;
        await new Promise<void>((resolve, reject) => {
          const req = httpRequest(`${server.url}${path}`, { method: 'POST', headers, agent: false });
          req.on('response', (res) => reject(new Error(`answered ${res.statusCode} before the body ended`)));
          req.on('error', () => undefined); // the socket destroyed below
          req.write(recommendation.slice(0, 20));
          // Long enough for the server to be reading the body when the socket goes.
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 300);
        });
        const logged = JSON.parse(await server.waitForLine(/"msg":"request"/, 10_000, before)) as Record<string, unknown>;
        expect(logged, `${how} ${path}`).toMatchObject({ route: path, status: 499 });
      }
      const ok = await call(`${server.url}/v1/recommendations`, { method: 'POST', headers: auth, body: recommendation });
      expect(ok.status).toBe(200);
      const errors = server.lines.filter((line) => /"level":"error"|"status":5\d\d/.test(line));
      expect(errors).toEqual([]);
      expect(server.stderr()).toBe('');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 30_000);

  test('a bad registry file stops the start, saying which row and field to fix', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, registryFile([PARTNERS[0], { ...PARTNERS[1], offerings: [] }]));
    const { exited, stderr } = start({ PORT: '0', REGISTRY_FILE: file });
    expect(await exited).toBe(1);
    expect(stderr()).toMatch(/bad\.json.*registry refused[\s\S]*row 2, offerings/);
  }, 30_000);

  test('a missing registry file and a bad setting stop the start with what to fix', async () => {
    const missing = start({ PORT: '0', REGISTRY_FILE: join(dir, 'nowhere.csv') });
    expect(await missing.exited).toBe(1);
    expect(missing.stderr()).toMatch(/REGISTRY_FILE .*nowhere\.csv cannot be read \(ENOENT\)/);

    const bad = start({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toMatch(/PORT: [\s\S]*LOG_LEVEL: /);
  }, 30_000);
});
