import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { startServer } from './helpers/server';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEMO = join(ROOT, 'packages/directory/data/demo-registry.json');

/** `npm run registry -- ARGS` as a process (the same entry, without npm's banner), against `dataDir`. */
function registry(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=@pokmas/source', '--import', 'tsx', 'apps/api/src/cli/registry.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const folder = () => mkdtempSync(join(tmpdir(), 'pokmas-registry-cli-'));

describe('npm run registry -- import and export, against the store', { timeout: 60_000 }, () => {
  test('imports a file into an empty store, exports it back in a form import takes unchanged, in CSV and JSON', async () => {
    const dir = folder();
    const dataDir = join(dir, 'data');
    expect((await registry(dataDir, 'export')).code).toBe(1); // nothing to export yet, and it says so
    const first = await registry(dataDir, 'import', DEMO);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/imported \(upsert\): 851 created, 0 updated, 0 retired, 0 unchanged/);
    expect(first.stdout).toMatch(/registry version r1$/m);

    for (const format of ['csv', 'json'] as const) {
      const exported = await registry(dataDir, 'export', '--format', format);
      expect(exported.code, exported.stderr).toBe(0);
      const file = join(dir, `registry.${format}`);
      writeFileSync(file, exported.stdout);
      expect((await registry(dataDir, 'check', file)).stdout).toMatch(/valid/);
      const again = await registry(dataDir, 'import', file, '--mode', 'replace');
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/imported \(replace\): 0 created, 0 updated, 0 retired, 851 unchanged/);
      expect(again.stdout).toMatch(/registry version r1$/m);
    }
  });

  test('a dry run and a replace that would retire most partners change nothing; --allow-shrink lets it', async () => {
    const dir = folder();
    const dataDir = join(dir, 'data');
    await registry(dataDir, 'import', DEMO);
    const demo = JSON.parse((await registry(dataDir, 'export')).stdout) as {
      pokmas: unknown[];
      partners: { id: string; active?: boolean }[];
    };
    const retiring = demo.partners.slice(100).filter((partner) => partner.active !== false).length;
    const active = demo.partners.filter((partner) => partner.active !== false).length;
    const few = join(dir, 'few.json');
    writeFileSync(few, JSON.stringify({ pokmas: demo.pokmas, partners: demo.partners.slice(0, 100) }));

    const dry = await registry(dataDir, 'import', few, '--mode', 'replace', '--dry-run', '--allow-shrink');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      new RegExp(`dry run \\(replace\\), nothing changed; the import would give 0 created, 0 updated, ${retiring} retired, 100 unchanged`),
    );
    expect(dry.stdout).toMatch(/registry version r1$/m);

    const refused = await registry(dataDir, 'import', few, '--mode', 'replace');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^refused, nothing was changed: /);
    expect(
      JSON.parse((await registry(dataDir, 'export')).stdout).partners.filter((p: { active?: boolean }) => p.active !== false),
    ).toHaveLength(active);

    const shrunk = await registry(dataDir, 'import', few, '--mode', 'replace', '--allow-shrink');
    expect(shrunk.code, shrunk.stderr).toBe(0);
    expect(shrunk.stdout).toContain(`${retiring} retired`);
  });

  test('a file with bad rows is refused whole with every row named; bad arguments exit 2 with the usage', async () => {
    const dir = folder();
    const dataDir = join(dir, 'data');
    await registry(dataDir, 'import', DEMO);
    const demo = JSON.parse((await registry(dataDir, 'export')).stdout) as { pokmas: unknown[]; partners: Record<string, unknown>[] };
    const bad = join(dir, 'bad.json');
    const partners = demo.partners.map((partner, i) =>
      i === 3
        ? { ...partner, name: 'Berubah' }
        : i === 5
          ? { ...partner, kind: 'nope' }
          : i === 9
            ? { ...partner, capacity: { total: -1, used: 0 } }
            : partner,
    );
    writeFileSync(bad, JSON.stringify({ pokmas: demo.pokmas, partners }));
    const refused = await registry(dataDir, 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/refused, nothing was changed: 3 problems/);
    expect(refused.stdout).toMatch(/row 6, kind: unknown partner kind "nope"/);
    expect(refused.stdout).toMatch(/row 10, capacity.total: /);
    // The good row of the refused file was not applied either.
    expect(JSON.parse((await registry(dataDir, 'export')).stdout).partners[3].name).toBe(demo.partners[3]!.name);

    for (const args of [
      ['import'],
      ['import', 'a.txt'],
      ['import', DEMO, '--mode', 'merge'],
      ['export', '--format', 'xml'],
      ['frob'],
      ['import', join(dir, 'missing.json')],
    ]) {
      const result = await registry(dataDir, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain('usage: npm run registry');
    }
  });

  test('a running server on the same SQLite store serves what the command imported, within two seconds', async () => {
    const server = await startServer();
    try {
      const demo = JSON.parse((await registry(server.dataDir, 'export')).stdout) as {
        pokmas: unknown[];
        partners: Record<string, unknown>[];
      };
      const target = demo.partners.find((partner) => partner.active !== false)!;
      const file = join(folder(), 'retire.json');
      writeFileSync(file, JSON.stringify({ pokmas: demo.pokmas, partners: [{ ...target, name: `${String(target.name)} (diubah)` }] }));
      const imported = await registry(server.dataDir, 'import', file);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/1 updated/);
      const version = /registry version (r\d+)/.exec(imported.stdout)![1];
      const deadline = Date.now() + 2000;
      let served = '';
      while (Date.now() < deadline) {
        served = ((await (await fetch(`${server.url}/healthz`)).json()) as { registry: { version: string } }).registry.version;
        if (served === version) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(served).toBe(version);
      const res = await fetch(`${server.url}/v1/partners/${String(target.id)}`);
      expect(res.status).toBe(200);
      const partner = (await res.json()) as { name: string };
      expect(partner.name).toBe(`${String(target.name)} (diubah)`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
