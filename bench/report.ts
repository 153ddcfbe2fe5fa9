import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Baseline, Goal, Section, Table, Verdict } from './section';

/** The repository's root, whatever the current directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A number for a table: grouped thousands, at most `digits` decimals. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? '';
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatSection(section: Section): string {
  const tables: Table[] = [section, ...(section.tables ?? [])];
  return tables.map((table) => `${table.title}\n\n${formatTable(table.headers, table.rows)}\n`).join('\n');
}

const VERDICTS: Readonly<Record<Verdict, string>> = {
  met: 'MET',
  'not-met': 'NOT MET',
  'short-run': 'short run: no verdict',
  'not-asked': 'not asked',
};

/** Every goal with its measured figure, what it was measured beside in the same run, and its verdict. */
export function formatGoals(goals: readonly SectionGoal[]): string {
  if (goals.length === 0) return 'Goals: none measured in this run.\n';
  const rows = goals.map((goal) => [
    goal.text,
    `${goal.kind === 'max' ? '<=' : '>='} ${formatNumber(goal.limit, 2)} ${goal.unit}`,
    goal.measured === null ? '-' : `${formatNumber(goal.measured, 2)} ${goal.unit}`,
    goal.beside,
    VERDICTS[goal.verdict],
  ]);
  return `Goals\n\n${formatTable(['goal', 'limit', 'measured', 'beside, in the same run', 'verdict'], rows)}\n`;
}

export interface SectionGoal extends Goal {
  readonly section: string;
}

export interface Machine {
  readonly node: string;
  readonly platform: string;
  readonly release: string;
  readonly arch: string;
  readonly cpu: { readonly model: string; readonly count: number };
  readonly totalMemoryBytes: number;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', count: cpus.length },
    totalMemoryBytes: os.totalmem(),
  };
}

/** The commit measured, and whether the working tree differed from it; null outside a git checkout. */
export function gitCommit(): { readonly commit: string; readonly dirty: boolean } | null {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    return { commit: git('rev-parse', 'HEAD').trim(), dirty: git('status', '--porcelain', '--untracked-files=no').trim() !== '' };
  } catch {
    return null;
  }
}

/** A section that threw: a failed correctness check or a broken setup. */
export interface SectionFailure {
  readonly section: string;
  readonly message: string;
}

export interface BenchReport {
  readonly date: string;
  readonly quick: boolean;
  readonly git: { readonly commit: string; readonly dirty: boolean } | null;
  /** The worktree measured beside this one (`BENCH_BASELINE`), or null. */
  readonly baseline: Baseline | null;
  readonly machine: Machine;
  /** The 1, 5 and 15 minute load averages when the run began and when it ended: how busy the machine was. */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly durationMs: number;
  readonly sections: Readonly<Record<string, { readonly title: string; readonly figures: unknown; readonly goals: readonly Goal[] }>>;
  readonly goals: readonly SectionGoal[];
  readonly failures: readonly SectionFailure[];
}

export interface RunRecord {
  readonly started: Date;
  /** Read when the run starts: others may commit while it runs. */
  readonly git: BenchReport['git'];
  readonly baseline: Baseline | null;
  readonly loadAtStart: readonly number[];
  readonly quick: boolean;
  readonly sections: readonly Section[];
  readonly failures: readonly SectionFailure[];
}

export function sectionGoals(sections: readonly Section[]): SectionGoal[] {
  return sections.flatMap((section) => section.goals.map((goal) => ({ section: section.id, ...goal })));
}

export function buildReport(run: RunRecord): BenchReport {
  return {
    date: run.started.toISOString(),
    quick: run.quick,
    git: run.git,
    baseline: run.baseline,
    machine: machine(),
    loadAverage: { start: run.loadAtStart, end: os.loadavg() },
    durationMs: Date.now() - run.started.getTime(),
    sections: Object.fromEntries(
      run.sections.map((section) => [section.id, { title: section.title, figures: section.figures, goals: section.goals }]),
    ),
    goals: sectionGoals(run.sections),
    failures: run.failures,
  };
}

export async function writeReport(path: string, report: BenchReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
