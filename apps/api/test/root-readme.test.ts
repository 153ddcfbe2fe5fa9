import { readFile } from 'node:fs/promises';
import { lifecycleMermaid } from '@pokmas/store';
import { describe, expect, it } from 'vitest';

// The root README repeats the API's curl examples for newcomers; readme.test.ts sends those of
// apps/api/README.md as written, so each one here must be one of them, word for word.
const curlBlocks = (markdown: string) =>
  [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^curl /m.test(block));

describe('the root README', () => {
  it('shows only curl examples that the API README has, and so are tested', async () => {
    const root = curlBlocks(await readFile(new URL('../../../README.md', import.meta.url), 'utf8'));
    const api = curlBlocks(await readFile(new URL('../README.md', import.meta.url), 'utf8'));
    expect(root.length).toBeGreaterThanOrEqual(2);
    for (const block of root) expect(api).toContain(block);
  });

  it('draws the referral lifecycle as the table the store enforces', async () => {
    const root = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(root)?.[1];
    expect(diagram).toBe(lifecycleMermaid());
  });
});
