import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { spawnServer, startServer } from './helpers/server';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run accounts -- ARGS` as a process (the same entry, without npm's banner), against `dataDir`. */
function accounts(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=@pokmas/source', '--import', 'tsx', 'apps/api/src/cli/accounts.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const listening = (lines: string[]) => JSON.parse(lines.find((line) => line.includes('"msg":"listening on '))!) as Record<string, any>;
const folder = () => mkdtempSync(join(tmpdir(), 'pokmas-accounts-process-'));

describe('npm run accounts', () => {
  test('add prints the first password once, token prints a token once, list shows neither, revoke and password work', async () => {
    const dataDir = folder();
    const added = await accounts(dataDir, 'add', '--login', 'pk-026', '--role', 'counsellor', '--bapas', '026');
    expect(added.code).toBe(0);
    const password = /first password \(shown once[^)]*\): (\S+)/.exec(added.stdout)?.[1];
    expect(password?.length).toBeGreaterThanOrEqual(12);

    const token = await accounts(dataDir, 'token', 'pk-026', '--label', 'ci');
    expect(token.code).toBe(0);
    const secret = token.stdout.trim().split('\n').at(-1)!;
    expect(secret.length).toBeGreaterThan(20);

    const list = await accounts(dataDir, 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/pk-026\tcounsellor Bapas 026/);
    expect(list.stdout).toMatch(/token 1 \(ci\).*live/);
    expect(list.stdout).not.toContain(secret);
    expect(list.stdout).not.toContain(password);

    expect((await accounts(dataDir, 'revoke', '1')).stdout).toContain('revoked token 1');
    expect((await accounts(dataDir, 'revoke', '1')).stdout).toContain('already revoked');
    expect((await accounts(dataDir, 'list')).stdout).toMatch(/token 1 \(ci\).*revoked/);
    await accounts(dataDir, 'token', 'pk-026');
    await accounts(dataDir, 'token', 'pk-026');
    expect((await accounts(dataDir, 'revoke', '--login', 'pk-026')).stdout).toContain('revoked 2 tokens of pk-026');

    const changed = await accounts(dataDir, 'password', 'pk-026');
    expect(changed.code).toBe(0);
    expect(/new password for pk-026 \(shown once\): (\S{12,})/.exec(changed.stdout)?.[1]).not.toBe(password);
  }, 120_000);

  test('refusals exit 1 naming what is wrong; bad arguments exit 2 with the usage', async () => {
    const dataDir = folder();
    for (const [args, code, message] of [
      [['add', '--login', 'pk', '--role', 'counsellor'], 1, /bapasId: a counsellor account needs the Bapas/],
      [['add', '--login', 'x', '--role', 'admin'], 1, /login/],
      [['token', 'nobody'], 1, /not found: no account/],
      [['password', 'nobody'], 1, /not found/],
      [['revoke', '99'], 1, /not found/],
      [['add', '--login', 'pk'], 2, /add needs --role ROLE/],
      [['add', '--login', 'pk', '--role', 'boss'], 2, /--role boss is not a role; use one of admin, bapas-admin/],
      [['add', '--login', 'pk', '--role', 'admin', '--colour', 'red'], 2, /Unknown option '--colour'/],
      [['revoke'], 2, /revoke takes a token id, or --login NAME/],
      [['revoke', 'abc'], 2, /abc is not a token id/],
      [['frob'], 2, /unknown command: frob/],
      [[], 2, /give a command/],
    ] as const) {
      const run = await accounts(dataDir, ...args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stderr, args.join(' ')).toMatch(message);
      if (code === 2) expect(run.stderr).toContain('usage: npm run accounts --');
    }
  }, 120_000);
});

describe('the mode the server starts in', () => {
  test('no accounts on loopback: the open demo mode, named in the start line', async () => {
    const server = await startServer();
    try {
      const line = listening(server.lines);
      expect(line.access).toEqual({ mode: 'open-demo' });
      expect(line.msg).toMatch(/access: open demo mode: no accounts.*npm run accounts -- add --login NAME --role admin/);
      expect((await fetch(`${server.url}/v1/taxonomy`)).status).toBe(200);

      // An account made by the command line while the server runs closes the mode on the next request.
      expect((await accounts(server.dataDir, 'add', '--login', 'root', '--role', 'admin')).code).toBe(0);
      expect((await fetch(`${server.url}/v1/taxonomy`)).status).toBe(401);
      expect((await fetch(`${server.url}/`, { redirect: 'manual' })).status).toBe(303);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);

  test('no accounts on 0.0.0.0: refuses to start, printing the command that creates the first admin', async () => {
    const server = spawnServer({ HOST: '0.0.0.0' });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/Refusing to start: HOST 0\.0\.0\.0 is not a loopback address and the store .* has no accounts/);
    expect(server.stderr()).toContain('npm run accounts -- add --login NAME --role admin');
    expect(server.lines.some((line) => line.includes('listening on'))).toBe(false);
  }, 60_000);

  test('with an account on 0.0.0.0: starts in the accounts mode, and /v1 takes its token', async () => {
    const dataDir = folder();
    await accounts(dataDir, 'add', '--login', 'plan', '--role', 'planner');
    const token = (await accounts(dataDir, 'token', 'plan')).stdout.trim().split('\n').at(-1)!;
    const server = await startServer({ HOST: '0.0.0.0', DATA_DIR: dataDir });
    try {
      const line = listening(server.lines);
      expect(line.access).toEqual({ mode: 'accounts' });
      expect(line.msg).toMatch(/access: accounts: \/v1 needs a bearer token/);
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(`${url}/v1/coverage`)).status).toBe(401);
      expect((await fetch(`${url}/v1/coverage`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      const body = JSON.stringify({ client: { id: 'K-1', bapasId: '026', needs: [{ service: 'legal-aid' }] } });
      const recommend = await fetch(`${url}/v1/recommendations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body,
      });
      expect(recommend.status).toBe(403);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);

  test('a set API_KEYS stops the start, saying that accounts and tokens replace it', async () => {
    const server = spawnServer({ API_KEYS: 'a-long-random-key-0123456789' });
    expect((await server.exited).code).toBe(1);
    expect(server.stderr()).toMatch(/API_KEYS: no longer read; accounts and tokens replace it/);
  }, 60_000);
});
