import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PARTNERS } from './fixtures';
import { spawnServer, startServer } from './helpers/server';

const registryFile = (dir: string, name: string, partners: unknown[]) => {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      pokmas: [
        { id: 'PK-026-SR', bapasId: '026', name: 'POKMAS Kemandirian Bandung', field: 'self-reliance' },
        { id: 'PK-026-LS', bapasId: '026', name: 'POKMAS Hukum Bandung', field: 'law-society' },
      ],
      partners,
    }),
  );
  return file;
};

describe('seeding the store at start', () => {
  test('a registry with no active partner is refused, and the store stays empty for a good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pokmas-seed-'));
    const retired = registryFile(
      dir,
      'retired.json',
      PARTNERS.map((partner) => ({ ...partner, active: false })),
    );
    const refused = spawnServer({ REGISTRY_FILE: retired, DATA_DIR: join(dir, 'store') });
    expect((await refused.exited).code).toBe(1);
    expect(refused.stderr()).toMatch(/Cannot start: .*active/i);
    expect(refused.lines.some((line) => line.includes('listening on'))).toBe(false);

    const good = registryFile(dir, 'good.json', PARTNERS);
    const server = await startServer({ REGISTRY_FILE: good, DATA_DIR: join(dir, 'store') });
    try {
      expect(server.lines[0]).toMatch(/\(version r1, 4 partners\); the store was empty and was seeded from .*good\.json/);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  test('a DATABASE_URL that is not PostgreSQL stops the start naming the variable, never its password', async () => {
    const bad = spawnServer({ DATABASE_URL: 'mysql://pokmas:hunter2-secret@db.example/pokmas' });
    expect((await bad.exited).code).toBe(1);
    expect(bad.stderr()).toMatch(/DATABASE_URL: a postgres:\/\/ URL/);
    expect(bad.stderr()).not.toContain('hunter2');
  }, 30_000);

  test('a PostgreSQL server that cannot be reached stops the start with the reason, never the password', async () => {
    const unreachable = spawnServer({ DATABASE_URL: 'postgres://pokmas:hunter2-secret@127.0.0.1:1/pokmas' });
    expect((await unreachable.exited).code).toBe(1);
    expect(unreachable.stderr()).toMatch(
      /Cannot start: the PostgreSQL server at DATABASE_URL \(postgres:\/\/127\.0\.0\.1:1\/pokmas\) cannot be opened: .*ECONNREFUSED/,
    );
    expect(unreachable.stderr()).not.toContain('hunter2');
  }, 30_000);
});
