// BENCH_BASELINE: a worktree of the project at another commit (say the commit before an engine
// change), whose own matcher the kernel and memory sections measure beside this tree's.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Baseline } from './section';

/**
 * Checks that `path` is a worktree the bench can load a matcher from (its sources, and its own
 * node_modules for tsx and zod) and reads its commit. Throws an error naming BENCH_BASELINE.
 */
export function resolveBaseline(path: string, cwd = process.cwd()): Baseline {
  const root = resolve(cwd, path);
  const fault = (why: string) => new Error(`BENCH_BASELINE=${path}: ${why}`);
  if (!existsSync(root)) throw fault('no such directory');
  if (!existsSync(join(root, 'packages', 'matcher', 'src', 'index.ts'))) {
    throw fault('not a worktree of this project (it has no packages/matcher/src/index.ts)');
  }
  for (const needed of ['tsx', 'zod']) {
    if (!existsSync(join(root, 'node_modules', needed))) throw fault(`has no node_modules/${needed}: run npm ci there first`);
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  let commit: string;
  let dirty: boolean;
  try {
    commit = git('rev-parse', 'HEAD').trim();
    dirty = git('status', '--porcelain', '--untracked-files=no').trim() !== '';
  } catch {
    throw fault('not a git checkout: the report could not say which commit it measured');
  }
  return { root, commit, dirty, label: `${commit.slice(0, 7)}${dirty ? '+dirty' : ''}` };
}
