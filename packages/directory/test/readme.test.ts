import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'registry-readme-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the root README's registry commands", () => {
  it('run as written through npm: check, export as CSV, check the CSV', { timeout: 120_000 }, async () => {
    const readme = await readFile(join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Partner registry files'));
    const block = section.slice(section.indexOf('```sh\n') + 6, section.indexOf('```', section.indexOf('```sh\n') + 6));
    const commands = block
      .split('\n')
      .filter((line) => line.startsWith('npm '))
      .map((line) => line.replace(/\s+#.*$/, ''));
    expect(commands).toHaveLength(3);
    // The only liberty taken: the CSV goes to a fresh temporary folder rather than /tmp itself.
    const script = ['set -e', ...commands].join('\n').replaceAll('/tmp/partners.csv', join(dir, 'partners.csv'));
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: repo, maxBuffer: 16 << 20 });

    expect(stdout).toContain('demo-registry.json: valid');
    expect(stdout).toContain('partners.csv: valid');
    const csv = await readFile(join(dir, 'partners.csv'), 'utf8');
    expect(csv.split('\n', 1)[0]).toMatch(/^id,name,kind,bapasId/);
  });
});
