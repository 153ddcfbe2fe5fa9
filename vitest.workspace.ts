import { fileURLToPath } from 'node:url';
import { defaultServerConditions } from 'vite';
import type { TestProjectInlineConfiguration } from 'vitest/config';

// Vitest 4 no longer reads this file by itself: vitest.config.ts imports this list as
// `test.projects`, so it is the one place that names the test projects.
const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Workspace packages are resolved from their TypeScript sources (the `@pokmas/source`
// export condition), so tests never need a build first.
const ssr = { resolve: { conditions: ['@pokmas/source', ...defaultServerConditions] } };
const resolve = { conditions: ['@pokmas/source'] };

const project = (name: string, dir: string, setupFiles: string[] = []): TestProjectInlineConfiguration => ({
  ssr,
  resolve,
  test: { name, root: root(dir), include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'], setupFiles },
});

export const projects: TestProjectInlineConfiguration[] = [
  project('matcher', './packages/matcher'),
  project('directory', './packages/directory'),
  project('store', './packages/store'),
  project('api', './apps/api', ['./test/setup.ts']),
  project('bench', './bench'),
];

export default projects;
