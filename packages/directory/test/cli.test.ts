import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REGISTRY_FILE } from '../src/index';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const tsx = join(repo, 'node_modules', '.bin', 'tsx');
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Runs the command as `npm run registry --` does, in a child process. */
function registry(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return registryFrom(undefined, ...args);
}

/** As `registry`, typed in directory `initCwd` (npm passes it as INIT_CWD and runs from the root). */
function registryFrom(initCwd: string | undefined, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, INIT_CWD: initCwd ?? repo };
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['--conditions=@pokmas/source', cli, ...args],
      { cwd: repo, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

// Each run starts a TypeScript runtime: seconds, not milliseconds, on a busy machine.
const SLOW = { timeout: 60_000 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'registry-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

describe('npm run registry -- check FILE', SLOW, () => {
  it('summarises a good CSV file and exits 0', async () => {
    const file = await write(
      'good.csv',
      'id,name,kind,bapasId,services\nL1,LBH A,civil-society,026,legal-aid; legal-services\nL2,Bengkel B,enterprise,026,skills-training[sectors=industry]\nL3,Klinik C,enterprise,046,health\n',
    );
    const { status, stdout } = await registry('check', file);
    expect(status).toBe(0);
    expect(stdout).toContain(`${file}: valid, version `);
    expect(stdout).toContain('3 partners in 0 POKMAS, 2 Bapas; 0 inactive, 0 full');
    expect(stdout).toMatch(/^\s+2 {2}026 {2}Bapas Kelas I Bandung$/m);
    expect(stdout).toMatch(/^\s+1 {2}046 {2}Bapas Kelas I Surabaya$/m);
    expect(stdout).toMatch(/^\s+1 {2}legal-aid\s+Legal aid$/m);
    expect(stdout).toMatch(/^\s+2 {2}enterprise\s+Enterprise$/m);
  });

  it('reads a relative path from the directory the command was typed in', async () => {
    await write(
      'here.json',
      JSON.stringify([{ id: 'L1', name: 'LBH A', kind: 'civil-society', bapasId: '026', offerings: [{ service: 'legal-aid' }] }]),
    );
    const { status, stdout } = await registryFrom(dir, 'check', 'here.json');
    expect(status).toBe(0);
    expect(stdout).toContain('here.json: valid');
  });

  it('summarises the demo registry', async () => {
    const { status, stdout } = await registry('check', DEMO_REGISTRY_FILE);
    expect(status).toBe(0);
    expect(stdout).toMatch(/\d+ partners in 168 POKMAS, 84 Bapas/);
  });

  it('prints every problem of a bad file with row, field and reason, and exits 1', async () => {
    const file = await write(
      'bad.csv',
      'id,name,kind,bapasId,services\nL1,LBH A,civil-society,999,legal-aid\nL2,B,pesantren,026,legal-aide\n',
    );
    const { status, stdout } = await registry('check', file);
    expect(status).toBe(1);
    expect(stdout).toContain(`${file}: refused, 3 problems`);
    expect(stdout).toContain('row 2, bapasId: unknown Bapas id "999"');
    expect(stdout).toContain('row 3, services: unknown service "legal-aide"');
    expect(stdout).toContain('row 3, kind: unknown partner kind "pesantren"');
  });

  it('refuses a bad JSON file the same way', async () => {
    const file = await write('bad.json', '{"partners": [{"id": "L1"}]}');
    const { status, stdout } = await registry('check', file);
    expect(status).toBe(1);
    expect(stdout).toContain('row 1, name: required');
  });

  it.concurrent.each([
    ['no arguments', [], 'give a command and a file'],
    ['no file', ['check'], 'give the file to check'],
    ['an unknown command', ['validate', 'x.csv'], 'unknown command "validate"'],
    ['two files', ['check', 'a.csv', 'b.csv'], 'one file at a time'],
    ['an unknown extension', ['check', 'partners.xlsx'], 'a registry file ends in .json or .csv'],
    ['a missing file', ['check', '/nonexistent/partners.csv'], 'cannot read the file (ENOENT)'],
  ])('prints the usage and exits 2 for %s', async (_, args, message) => {
    const { status, stderr } = await registry(...args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: npm run registry -- check FILE');
  });
});

describe('npm run registry -- csv FILE', SLOW, () => {
  it('prints a JSON registry as a CSV that checks as the same registry', async () => {
    const { status, stdout } = await registry('csv', DEMO_REGISTRY_FILE);
    expect(status).toBe(0);
    const file = await write('demo.csv', stdout);
    const check = await registry('check', file);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/\d+ partners in 168 POKMAS, 84 Bapas/);
  });

  it('writes a name or contact that a spreadsheet would run as a formula behind an apostrophe, and checks back to the same text', async () => {
    const partner = {
      id: 'L1',
      name: '=HYPERLINK("http://example.org","klik")',
      kind: 'civil-society',
      bapasId: '026',
      location: { lat: -6.9175, lon: 107.6191 },
      offerings: [{ service: 'legal-aid' }],
      contact: { person: '@SUM(1+1)', phone: '+62 812 0000 0001' },
    };
    const json = await write('formula.json', JSON.stringify([partner]));
    const { status, stdout } = await registry('csv', json);
    expect(status).toBe(0);
    const row = stdout.split('\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""http://example.org"",""klik"")"`);
    expect(row).toContain(`"'@SUM(1+1)","'+62 812 0000 0001"`);
    expect(row).toContain(',-6.9175,107.6191,');
    const csv = await write('formula.csv', stdout);
    expect((await registry('check', csv)).status).toBe(0);
    // Read back, the guarded cells are the original text again: written once more, nothing changes.
    expect((await registry('csv', csv)).stdout).toBe(stdout);
  });
});
