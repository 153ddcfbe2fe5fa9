import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm test on a machine without Chromium', () => {
  it('names each browser test it skipped and the command that installs Chromium', async () => {
    const env = { ...process.env, CHROMIUM_PATH: '/no/such/chromium', CI: '' };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        fileURLToPath(new URL('node_modules/vitest/vitest.mjs', `file://${ROOT}`)),
        'run',
        '--project',
        'api',
        'test/coverage-browser.test.ts',
      ],
      { cwd: ROOT, env },
    );
    expect(stdout).toContain('4 tests skipped: they need Chromium, and there is no browser at /no/such/chromium');
    expect(stdout).toContain('apps/api/test/coverage-browser.test.ts > the coverage map in Chromium > opens as an image');
    expect(stdout).toContain('apps/api/test/coverage-browser.test.ts > the coverage map in Chromium > fits the coverage page');
    expect(stdout).toContain('Install it and run them: sudo apt-get install -y chromium fonts-dejavu-core && npm test');
  }, 60_000);
});
