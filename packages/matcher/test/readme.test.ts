import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const examplePath = 'packages/matcher/examples/recommend.ts';

/** The fenced block that follows a line mentioning `marker`. */
function blockAfter(readme: string, marker: string, lang: string): string {
  const start = readme.indexOf(marker);
  expect(start, `README mentions ${marker}`).toBeGreaterThan(-1);
  const open = readme.indexOf('```' + lang + '\n', start) + 4 + lang.length;
  return readme.slice(open, readme.indexOf('```', open));
}

describe('the README library example', () => {
  it('is the example file, word for word, and prints what the README shows', async () => {
    const readme = await readFile(new URL('README.md', root), 'utf8');
    const example = await readFile(new URL(examplePath, root), 'utf8');
    expect(blockAfter(readme, `example: ${examplePath}`, 'ts')).toBe(example);

    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=@pokmas/source', '--import', 'tsx', examplePath], {
      cwd: root,
    });
    expect(blockAfter(readme, 'It prints:', '')).toBe(stdout);
    expect(stdout).toContain('P-LBH-1');
  });
});
