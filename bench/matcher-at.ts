// The matcher of one worktree, loaded from that worktree's own sources: the bench's child
// processes measure either this tree's matcher or a baseline's (BENCH_BASELINE) with the same
// harness, so that only the matcher differs between the two sides.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One ranked partner, as every version of the matcher returns it. */
export interface RankedMatch {
  readonly partnerId: string;
  readonly score: number;
}

/**
 * The part of `@pokmas/matcher` the children call. Written out rather than imported: a
 * baseline's types are another version's, and these calls are the ones every version has.
 */
export interface MatcherModule {
  createMatcher(partners: readonly unknown[]): {
    readonly partners: readonly unknown[];
    recommend(client: unknown, options?: unknown): { readonly matches: readonly RankedMatch[] };
  };
}

/**
 * Imports `@pokmas/matcher` as the worktree at `root` resolves it. The process must run with
 * `--conditions=@pokmas/source` (the package's export condition for its TypeScript sources) and
 * tsx, so that the sources are what is measured, never a stale `dist`; throws otherwise.
 */
export async function importMatcher(root: string): Promise<MatcherModule> {
  const entry = createRequire(join(root, 'package.json')).resolve('@pokmas/matcher');
  if (!entry.endsWith(join('packages', 'matcher', 'src', 'index.ts'))) {
    throw new Error(`${root} resolves @pokmas/matcher to ${entry}, not its sources: run with --conditions=@pokmas/source`);
  }
  return (await import(pathToFileURL(entry).href)) as MatcherModule;
}

/** Node's arguments for a child that loads a worktree's sources (run with that worktree as its cwd). */
export const SOURCE_ARGS = ['--import', 'tsx', '--conditions=@pokmas/source'] as const;
