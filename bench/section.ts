/**
 * What each part of the benchmark suite returns: a table for the terminal and figures for the
 * JSON file. `run.ts` runs the sections in turn, prints each table and writes every section's
 * figures and goals to one JSON file.
 */
export interface Section {
  /** Key of the section in the JSON output (`kernel`, `memory`, `http`, `allocation`, `edit`, `referrals`). */
  readonly id: string;
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The measured figures as plain numbers (medians, ratios, rounds), for the JSON file. */
  readonly figures: unknown;
  /** The goals of the README this section measures. */
  readonly goals: readonly Goal[];
  /** More tables, printed after the main one. */
  readonly tables?: readonly Table[];
}

/** A table printed after the section's main one. */
export interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * What a goal's figure says: `met` or `not-met` the limit; `short-run` when it was measured short
 * of the goal's size (a quick run), so it is no verdict on the goal; `not-asked` when the run
 * was not given what the goal is measured against (a baseline worktree: `BENCH_BASELINE`).
 */
export type Verdict = 'met' | 'not-met' | 'short-run' | 'not-asked';

/** One goal, the figure measured for it, what it was measured beside, and the verdict. */
export interface Goal {
  readonly id: string;
  /** The goal as the issue or the README states it, such as "kernel at 100,000 partners: at most 1 ms per query". */
  readonly text: string;
  /** The figure measured; null when the goal was not asked for. */
  readonly measured: number | null;
  readonly unit: string;
  /** `max`: the measured figure must be at most `limit`; `min`: at least `limit`. */
  readonly kind: 'max' | 'min';
  readonly limit: number;
  /** Whether the figure is within the limit (for a short run: how the smaller size did); null when not measured. */
  readonly met: boolean | null;
  /** Measured short of the goal's size (a quick run): the printed verdict says it is no verdict on the goal. */
  readonly shortRun: boolean;
  /**
   * The figures of the same run that the measured one stands beside, as printed ("e2297d7:
   * 0.81 ms, this tree: 0.78 ms"); for a goal not asked, what would have asked it.
   */
  readonly beside: string;
  readonly verdict: Verdict;
}

export interface SectionOptions {
  /** `BENCH_QUICK=1`: smaller sizes and fewer rounds, a smoke check that ends within a minute. */
  readonly quick: boolean;
  /** Progress lines, written to stderr so that stdout carries only the tables. */
  readonly log: (line: string) => void;
  /** `BENCH_BASELINE`: a worktree whose matcher the kernel and memory goals are measured beside. */
  readonly baseline?: Baseline;
  /** `PG_TEST_URL`: a PostgreSQL server the referrals section may create a database on; else it starts a cluster, or skips PostgreSQL. */
  readonly pgTestUrl?: string;
}

/** A worktree of the project at another commit, whose own matcher sources are measured. */
export interface Baseline {
  /** The worktree's root (absolute). */
  readonly root: string;
  /** Its commit, abbreviated, with `+dirty` when its tree differs from it: how the tables name it. */
  readonly label: string;
  readonly commit: string;
  readonly dirty: boolean;
}

/** What a goal is, before it is measured. */
export interface GoalSpec {
  readonly id: string;
  readonly text: string;
  readonly unit: string;
  readonly kind: Goal['kind'];
  readonly limit: number;
}

/**
 * A goal measured: met, not met, or (`shortRun`) measured short of its size; `beside` names the
 * same-run figures the measured one is compared with.
 *
 * @example
 * goal({ id: 'g', text: 'at most 1 ms', unit: 'ms', kind: 'max', limit: 1 }, 0.8).verdict // 'met'
 */
export function goal(
  spec: GoalSpec,
  measured: number,
  { shortRun = false, beside = '' }: { shortRun?: boolean; beside?: string } = {},
): Goal {
  const met = spec.kind === 'max' ? measured <= spec.limit : measured >= spec.limit;
  return { ...spec, measured, met, shortRun, beside, verdict: shortRun ? 'short-run' : met ? 'met' : 'not-met' };
}

/** A goal this run was not asked to measure; `why` says what would ask for it. */
export function notAsked(spec: GoalSpec, why: string): Goal {
  return { ...spec, measured: null, met: null, shortRun: false, beside: why, verdict: 'not-asked' };
}
