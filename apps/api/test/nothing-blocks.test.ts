import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_NEEDS, SERVICE_IDS } from '@pokmas/matcher';
import { afterEach, describe, expect, test } from 'vitest';
import { MAX_CLIENTS } from '../src/routes/allocations/allocations.routes';

// The real server as a child process, from the sources, each with a store of its own (see e2e.test.ts).
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = 'apps/api/src/index.ts';

interface Server {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  stderr(): string;
  readonly exited: Promise<number | null>;
  /** The URL of the listening line, once it is printed. */
  listening(): Promise<string>;
}

const running: Server[] = [];
afterEach(() => {
  for (const server of running.splice(0)) if (server.child.exitCode === null) server.child.kill('SIGKILL');
});

function start(env: Record<string, string> = {}): Server {
  const child = spawn(process.execPath, ['--conditions=@pokmas/source', '--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pokmas-api-blocks-')),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (buffered + chunk.toString()).split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const line = lines.find((text) => text.includes('"msg":"listening on '));
      if (line) return (JSON.parse(line) as { url: string }).url;
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`the server did not listen: ${stderr}`);
      await sleep(10);
    }
  };
  const server = { child, lines, stderr: () => stderr, exited, listening };
  running.push(server);
  return server;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request on its own connection; resolves with the status and how long it took. */
function call(url: string, body?: string): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The largest allocation a request may ask: MAX_CLIENTS clients with MAX_NEEDS needs each, at Bapas seats across the country. */
export const maximalAllocation = (): string => {
  const seats = ['026', '001', '016', '002', '010', '030', '040', '050'];
  return JSON.stringify({
    clients: Array.from({ length: MAX_CLIENTS }, (_, index) => ({
      id: `K-MAX-${index}`,
      bapasId: seats[index % seats.length],
      needs: SERVICE_IDS.slice(0, MAX_NEEDS).map((service, at) => ({ service, priority: ((index + at) % 3) + 1 })),
    })),
  });
};

const recommendation = JSON.stringify({ client: { id: 'K-P99', bapasId: '026', needs: [{ service: 'job-placement', priority: 3 }] } });

const p99 = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!;
};

/**
 * The bound the test holds p99 to. The goal is 100 ms, met by the bench on 2 shared cores; the
 * test keeps a margin for a machine busy with other tests, and still fails by far when the work
 * runs on the event loop (3 maximal allocations held /healthz for 6 to 10 s there).
 */
const P99_BOUND_MS = 250;

describe('nothing blocks', () => {
  test(
    `while three maximal allocations run, /healthz and a recommendation answer with a p99 under ${P99_BOUND_MS} ms`,
    { timeout: 120_000 },
    async () => {
      const server = start();
      const url = await server.listening();
      // Warm up both paths (and the workers' first registry read), as a server that has been serving would be.
      expect(
        (
          await call(
            `${url}/v1/allocations`,
            JSON.stringify({ clients: [{ id: 'K-W', bapasId: '026', needs: [{ service: 'legal-aid' }] }] }),
          )
        ).status,
      ).toBe(200);
      for (let i = 0; i < 20; i++) await call(`${url}/v1/recommendations`, recommendation);

      const body = maximalAllocation();
      let pending = 3;
      const allocations = Array.from({ length: 3 }, () => call(`${url}/v1/allocations`, body).finally(() => pending--));
      const health: number[] = [];
      const ranked: number[] = [];
      while (pending > 0) {
        const [h, r] = await Promise.all([call(`${url}/healthz`), call(`${url}/v1/recommendations`, recommendation)]);
        expect(h.status).toBe(200);
        expect(r.status).toBe(200);
        health.push(h.ms);
        ranked.push(r.ms);
        await sleep(5);
      }
      const answers = await Promise.all(allocations);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect((JSON.parse(answer.text) as { stats: { clients: number } }).stats.clients).toBe(MAX_CLIENTS);
      }
      // The allocations took long enough for the samples to mean something.
      expect(health.length).toBeGreaterThanOrEqual(20);
      console.log(
        `p99 during 3 maximal allocations: /healthz ${p99(health).toFixed(1)} ms, recommendation ${p99(ranked).toFixed(1)} ms (${health.length} samples, allocations ${answers.map((a) => Math.round(a.ms)).join(', ')} ms)`,
      );
      expect(p99(health)).toBeLessThan(P99_BOUND_MS);
      expect(p99(ranked)).toBeLessThan(P99_BOUND_MS);
    },
  );
});

describe('signals', () => {
  test(
    'SIGTERM exits 1 within the drain time although a client never finishes its body and an allocation is in a worker',
    { timeout: 60_000 },
    async () => {
      const drainMs = 1500;
      const server = start({ DRAIN_MS: String(drainMs), WORKERS: '1' });
      const url = new URL(await server.listening());
      // Half a body, and then nothing: the server waits for the rest.
      const hung = connect(Number(url.port), url.hostname);
      hung.on('error', () => {});
      hung.write(
        `POST /v1/recommendations HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"client":`,
      );
      // Three maximal allocations on one worker: the last cannot end within the drain time.
      const allocations = [1, 2, 3].map(() => call(`${url.origin}/v1/allocations`, maximalAllocation()).catch((error: Error) => error));
      await sleep(700); // the bodies are sent and parsed, an allocation is in the worker
      const signalled = performance.now();
      server.child.kill('SIGTERM');
      const code = await server.exited;
      const took = performance.now() - signalled;
      hung.destroy();
      expect(code).toBe(1);
      expect(took).toBeGreaterThanOrEqual(drainMs - 100);
      expect(took).toBeLessThan(drainMs + 1500);
      expect(server.lines.join('\n')).toMatch(/requests still open after the drain time; closing them/);
      // What was still running or queued at the drain time was cut, not answered; what ended before it answered 200.
      const outcomes = await Promise.all(allocations);
      expect(outcomes.at(-1)).toBeInstanceOf(Error);
      for (const outcome of outcomes) if (!(outcome instanceof Error)) expect(outcome.status).toBe(200);
    },
  );

  // Linux only: /proc tells when the process catches SIGHUP, i.e. index.ts's first line has run.
  test.runIf(process.platform === 'linux')(
    'SIGHUP during start-up, before the listening line, does not end the server',
    { timeout: 60_000 },
    async () => {
      const server = start();
      const pid = server.child.pid!;
      const catchesHup = () => {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const mask = BigInt(`0x${/SigCgt:\s*([0-9a-f]+)/.exec(status)![1]}`);
        return (mask & 1n) === 1n; // SIGHUP is signal 1: bit 0
      };
      while (!catchesHup()) {
        if (server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode}: ${server.stderr()}`);
        if (server.lines.some((line) => line.includes('"msg":"listening on ')))
          throw new Error('the server listened without catching SIGHUP');
        await sleep(2);
      }
      let before = 0;
      while (!server.lines.some((line) => line.includes('"msg":"listening on ')) && server.child.exitCode === null) {
        server.child.kill('SIGHUP');
        before++;
        await sleep(20);
      }
      expect(before, 'SIGHUP was sent before the listening line').toBeGreaterThan(0);
      const url = await server.listening();
      expect(server.child.exitCode).toBeNull();
      expect(server.stderr()).toMatch(/SIGHUP ignored/);
      expect((await call(`${url}/healthz`)).status).toBe(200);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    },
  );
});
