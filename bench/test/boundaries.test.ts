import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../report';

// The matcher's internals reach the rest of the repository through its doors only
// (`@pokmas/matcher/internal`, `@pokmas/matcher/test-support`): nothing outside
// packages/matcher imports its src/ or test/ files, by a relative path or any other.

/** Where the rest of the repository lives: the code that may use the matcher but not its insides. */
const OUTSIDE = ['apps', 'bench', 'packages/directory'];
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** A module specifier after `from`, `import`, `import(`, `require(` or a test runner's `mock(`. */
const SPECIFIER = /(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\(|\bmock\s*\()\s*(['"`])([^'"`\n]+)\1/g;
/** A relative specifier, resolved from the repository's root; a package name or an absolute path, as written. */
const INSIDE_BY_PATH = /^packages\/matcher\/(?:src|test)(?:\/|$)/;
const INSIDE_BY_NAME = /(?:^|\/)matcher\/(?:src|test)(?:\/|$)/;

/** The specifiers in `text` (the file at `file`, relative to the repository) that reach into the matcher's src/ or test/. */
function matcherInternalImports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const [, , specifier] of text.matchAll(SPECIFIER)) {
    const inside = specifier!.startsWith('.')
      ? INSIDE_BY_PATH.test(
          relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), specifier!))
            .split('\\')
            .join('/'),
        )
      : INSIDE_BY_NAME.test(specifier!);
    if (inside) found.push(specifier!);
  }
  return found;
}

function codeFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return codeFiles(path);
    return CODE.test(entry.name) ? [path] : [];
  });
}

describe("the check for imports of the matcher's insides", () => {
  // The package's name is spliced in, so that this file's own examples are not findings of the scan below.
  const m = 'matcher';

  it('flags a relative path, a package path, a dynamic import, a require and a mock into src/ or test/', () => {
    const text = [
      `import { x } from '../../packages/${m}/src/rank';`,
      `export { y } from '../../packages/${m}/test/fixtures';`,
      `import '@pokmas/${m}/src/index';`,
      `const z = await import('../../packages/${m}/src/geo');`,
      `const w = require("../../packages/${m}/test");`,
      `vi.mock('../../packages/${m}/src/allocation/solve', () => ({}));`,
    ].join('\n');
    expect(matcherInternalImports('bench/test/some.test.ts', text)).toEqual([
      `../../packages/${m}/src/rank`,
      `../../packages/${m}/test/fixtures`,
      `@pokmas/${m}/src/index`,
      `../../packages/${m}/src/geo`,
      `../../packages/${m}/test`,
      `../../packages/${m}/src/allocation/solve`,
    ]);
  });

  it('resolves a relative path from the file that holds it', () => {
    expect(matcherInternalImports('packages/directory/src/demo/generate.ts', `import { a } from '../../../${m}/src/random';`)).toEqual([
      `../../../${m}/src/random`,
    ]);
    expect(matcherInternalImports('bench/workload.ts', `import { a } from '../../${m}/src/random';`)).toEqual([]);
  });

  it('lets the doors through, and paths that only look alike', () => {
    const text = [
      "import { allocate } from '@pokmas/matcher';",
      "import { assess } from '@pokmas/matcher/internal';",
      "import { problemLp } from '@pokmas/matcher/test-support';",
      "import { helper } from '../src/helper';",
      "import { other } from './test/other';",
      `const note = '${m}/src is private';`,
    ].join('\n');
    expect(matcherInternalImports('apps/api/src/app.ts', text)).toEqual([]);
  });
});

describe('the rest of the repository', () => {
  it.each(OUTSIDE)('%s imports nothing from packages/matcher/src or packages/matcher/test', (dir) => {
    const files = codeFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((file) =>
      matcherInternalImports(file, readFileSync(join(REPO_ROOT, file), 'utf8')).map((specifier) => `${file}: ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
