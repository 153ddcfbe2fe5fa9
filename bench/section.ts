/**
 * What each part of the benchmark suite returns: a table for the terminal and figures for the
 * JSON file. `run.ts` runs the sections in turn, prints each table and writes every section's
 * figures and goals to one JSON file.
 */
export interface Section {
  /** Key of the section in the JSON output (`kernel`, `memory`, `http`, `allocation`). */
  readonly id: string;
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The measured figures as plain numbers (medians, ratios, rounds), for the JSON file. */
  readonly figures: unknown;
  /** The goals of the README this section measures. */
  readonly goals: readonly Goal[];
}

/** One goal, the figure measured for it, and whether the figure meets it. */
export interface Goal {
  readonly id: string;
  /** The goal as the README states it, such as "kernel at 100,000 partners: at most 1 ms per query". */
  readonly text: string;
  readonly measured: number;
  readonly unit: string;
  /** `max`: the measured figure must be at most `limit`; `min`: at least `limit`. */
  readonly kind: 'max' | 'min';
  readonly limit: number;
  readonly met: boolean;
  /**
   * Measured short of the goal's size (a quick run): `met` then says how the smaller size did,
   * and the printed verdict says it is no verdict on the goal.
   */
  readonly shortRun: boolean;
}

export interface SectionOptions {
  /** `BENCH_QUICK=1`: smaller sizes and fewer rounds, a smoke check that ends within a minute. */
  readonly quick: boolean;
  /** Progress lines, written to stderr so that stdout carries only the tables. */
  readonly log: (line: string) => void;
}

export function goal(id: string, text: string, measured: number, unit: string, kind: Goal['kind'], limit: number, shortRun = false): Goal {
  return { id, text, measured, unit, kind, limit, met: kind === 'max' ? measured <= limit : measured >= limit, shortRun };
}
