import { z } from 'zod';

export const SECTION_IDS = ['kernel', 'memory', 'http', 'allocation', 'edit', 'referrals'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** The JSON file's default place, relative to the repository root. */
export const DEFAULT_OUT = 'bench-results.json';

export interface BenchSettings {
  readonly quick: boolean;
  /** The JSON file to write; relative paths are resolved from the current directory. */
  readonly out: string | undefined;
  /** The sections to run, in the suite's order. */
  readonly only: readonly SectionId[];
  /** `BENCH_BASELINE`: the path of a worktree to measure the kernel and memory goals beside (see `resolveBaseline`). */
  readonly baseline: string | undefined;
  /** `PG_TEST_URL`: a PostgreSQL server where the referrals section may create its database (as the store's tests do). */
  readonly pgTestUrl: string | undefined;
}

const FlagSchema = z
  .enum(['0', '1', 'false', 'true'], { error: 'BENCH_QUICK must be 1 (or true) to run quickly, 0 or unset otherwise' })
  .transform((value) => value === '1' || value === 'true');

const OnlySchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  )
  .pipe(
    z
      .array(z.enum(SECTION_IDS, { error: `BENCH_ONLY lists sections among ${SECTION_IDS.join(', ')}, separated by commas` }))
      .min(1, 'BENCH_ONLY names no section'),
  );

const EnvSchema = z.object({
  BENCH_QUICK: FlagSchema.optional(),
  BENCH_OUT: z.string().optional(),
  BENCH_ONLY: OnlySchema.optional(),
  BENCH_BASELINE: z.string().optional(),
  // Not checked here: a bad one fails the referrals section alone, as it fails the store's tests.
  PG_TEST_URL: z.string().optional(),
});

/**
 * Reads the suite's settings from the environment, once; throws with every bad variable named.
 *
 * @example
 * parseSettings({ BENCH_QUICK: '1', BENCH_ONLY: 'memory,kernel' }) // { quick: true, out: undefined, only: ['kernel', 'memory'], baseline: undefined, pgTestUrl: undefined }
 */
export function parseSettings(env: Readonly<Record<string, string | undefined>>): BenchSettings {
  // An empty variable (`BENCH_ONLY= npm run bench`) counts as unset.
  const read = (name: string) => (env[name] === '' ? undefined : env[name]);
  const parsed = EnvSchema.safeParse({
    BENCH_QUICK: read('BENCH_QUICK'),
    BENCH_OUT: read('BENCH_OUT'),
    BENCH_ONLY: read('BENCH_ONLY'),
    BENCH_BASELINE: read('BENCH_BASELINE'),
    PG_TEST_URL: read('PG_TEST_URL'),
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  const only = parsed.data.BENCH_ONLY;
  return {
    quick: parsed.data.BENCH_QUICK ?? false,
    out: parsed.data.BENCH_OUT,
    only: only ? SECTION_IDS.filter((id) => only.includes(id)) : SECTION_IDS,
    baseline: parsed.data.BENCH_BASELINE,
    pgTestUrl: parsed.data.PG_TEST_URL,
  };
}
