import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureKernel } from '../kernel';
import { memoryFigures } from '../memory';
import { buildReport, formatGoals, formatSection, formatTable, gitCommit, sectionGoals, writeReport, type BenchReport } from '../report';
import { goal, notAsked, type Section } from '../section';
import { percentile, median } from '../stats';

const dir = await mkdtemp(join(tmpdir(), 'pokmas-bench-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const quiet = { quick: true, log: () => {} };

const spec = (kind: 'max' | 'min', limit: number) => ({ id: 'g', text: 'goal', unit: 'ms', kind, limit });

describe('goals', () => {
  it('a max goal is met at or below its limit, and not above', () => {
    expect(goal(spec('max', 1), 1).verdict).toBe('met');
    expect(goal(spec('max', 1), 0.5).met).toBe(true);
    expect(goal(spec('max', 1), 1.01)).toMatchObject({ met: false, verdict: 'not-met' });
  });

  it('a min goal is met at or above its limit, and not below', () => {
    expect(goal(spec('min', 20), 20).verdict).toBe('met');
    expect(goal(spec('min', 20), 35).met).toBe(true);
    expect(goal(spec('min', 20), 19.9)).toMatchObject({ met: false, verdict: 'not-met' });
  });

  it('measured short of its size gives no verdict, whether the smaller size met it or not', () => {
    expect(goal(spec('max', 1), 0.5, { shortRun: true })).toMatchObject({ met: true, shortRun: true, verdict: 'short-run' });
    expect(goal(spec('max', 1), 2, { shortRun: true })).toMatchObject({ met: false, verdict: 'short-run' });
  });

  it('not asked has no figure and no verdict, and says what would ask for it', () => {
    expect(notAsked(spec('max', 1.05), 'set BENCH_BASELINE')).toMatchObject({
      measured: null,
      met: null,
      verdict: 'not-asked',
      beside: 'set BENCH_BASELINE',
    });
  });

  it('are listed with their section, and printed with what they stand beside and their verdict', () => {
    const section: Section = {
      id: 'kernel',
      title: 't',
      headers: [],
      rows: [],
      figures: {},
      goals: [
        goal({ ...spec('max', 1), id: 'a', text: 'fast' }, 2, { beside: 'naive: 9 ms' }),
        goal({ ...spec('min', 20), id: 'b', text: 'faster', unit: 'x' }, 30),
        goal({ ...spec('max', 1), id: 'c', text: 'small' }, 0.5, { shortRun: true }),
        notAsked({ ...spec('max', 1.05), id: 'd', text: 'no slower', unit: 'x baseline' }, 'no baseline: set BENCH_BASELINE=<worktree>'),
      ],
    };
    const goals = sectionGoals([section]);
    expect(goals.map((entry) => [entry.section, entry.id, entry.verdict])).toEqual([
      ['kernel', 'a', 'not-met'],
      ['kernel', 'b', 'met'],
      ['kernel', 'c', 'short-run'],
      ['kernel', 'd', 'not-asked'],
    ]);
    const printed = formatGoals(goals);
    expect(printed).toMatch(/beside, in the same run/);
    expect(printed).toMatch(/fast\s+<= 1\.00 ms\s+2\.00 ms\s+naive: 9 ms\s+NOT MET/);
    expect(printed).toMatch(/faster\s+>= 20\.00 x\s+30\.00 x\s+MET/);
    expect(printed).toMatch(/small\s+<= 1\.00 ms\s+0\.50 ms\s+short run: no verdict/);
    expect(printed).toMatch(/no slower\s+<= 1\.05 x baseline\s+-\s+no baseline: set BENCH_BASELINE=<worktree>\s+not asked/);
  });
});

describe('sections', () => {
  it('print their extra tables after the main one', () => {
    const printed = formatSection({
      id: 's',
      title: 'Main',
      headers: ['a'],
      rows: [['1']],
      figures: {},
      goals: [],
      tables: [{ title: 'Beside the baseline', headers: ['b'], rows: [['2']] }],
    });
    expect(printed.indexOf('Main')).toBeLessThan(printed.indexOf('Beside the baseline'));
    expect(printed).toMatch(/Beside the baseline\n\nb\n-\n2\n/);
  });
});

describe('statistics', () => {
  it('interpolates percentiles between ranks and never reorders the input', () => {
    const values = [4, 1, 3, 2];
    expect(median(values)).toBe(2.5);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(4);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(values).toEqual([4, 1, 3, 2]);
    expect(() => median([])).toThrow();
  });
});

describe('tables', () => {
  it('align the first column left and the others right', () => {
    expect(
      formatTable(
        ['name', 'ms'],
        [
          ['a', '1'],
          ['bbb', '100'],
        ],
      ).split('\n'),
    ).toEqual(['name   ms', '----  ---', 'a       1', 'bbb   100']);
  });
});

describe('memory figures', () => {
  it('count the heap and the array buffers over the empty process, per partner', () => {
    const figures = memoryFigures({
      partners: 1_000,
      empty: { heapUsed: 10_000, arrayBuffers: 500 },
      objects: { heapUsed: 510_000, arrayBuffers: 500 },
      matcher: { heapUsed: 530_000, arrayBuffers: 60_500 },
    });
    expect(figures.objectsBytesPerPartner).toBe(500);
    expect(figures.matcherBytesPerPartner).toBe(580);
    expect(figures.indexBytesPerPartner).toBe(80);
  });
});

describe('the JSON report of a tiny kernel run', () => {
  it('holds the machine, the run, the figures of every size and the goals with their verdicts', async () => {
    const started = new Date();
    const section = await measureKernel({ sizes: [150, 300], queries: 4, minRounds: 1, maxRounds: 1, budgetMs: 0 }, quiet);
    const path = join(dir, 'nested', 'results.json');
    await writeReport(
      path,
      buildReport({ started, git: gitCommit(), baseline: null, loadAtStart: [0, 0, 0], quick: true, sections: [section], failures: [] }),
    );
    const report = JSON.parse(await readFile(path, 'utf8')) as BenchReport;

    expect(new Date(report.date).getTime()).toBe(started.getTime());
    expect(report.quick).toBe(true);
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.cpu.count).toBeGreaterThan(0);
    expect(report.machine.totalMemoryBytes).toBeGreaterThan(0);
    if (report.git) expect(report.git.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(report.failures).toEqual([]);
    expect(Object.keys(report.sections)).toEqual(['kernel']);

    const { sizes } = report.sections.kernel!.figures as { sizes: { partners: number; queries: number; rounds: number; ratio: number }[] };
    expect(sizes.map((size) => [size.partners, size.queries, size.rounds])).toEqual([
      [150, 4, 1],
      [300, 4, 1],
    ]);
    for (const size of sizes) expect(size.ratio).toBeGreaterThan(0);
    expect(section.rows).toHaveLength(2);
    expect(section.rows.every((row) => row.length === section.headers.length)).toBe(true);

    // The goals are evaluated at the largest size measured, and say so when it is short of theirs;
    // without a baseline, the goals against one are not asked.
    expect(report.baseline).toBeNull();
    expect(report.goals.map((entry) => [entry.section, entry.id, entry.kind, entry.verdict])).toEqual([
      ['kernel', 'kernel-median', 'max', 'short-run'],
      ['kernel', 'kernel-ns-per-partner', 'max', 'short-run'],
      ['kernel', 'kernel-ratio', 'min', 'short-run'],
      ['kernel', 'kernel-baseline-median', 'max', 'not-asked'],
      ['kernel', 'kernel-baseline-p90', 'max', 'not-asked'],
    ]);
    const measured = report.goals.filter((entry) => entry.verdict === 'short-run');
    for (const entry of measured) {
      expect(entry.text).toMatch(/measured at 300/);
      expect(entry.met).toBe(entry.kind === 'max' ? entry.measured! <= entry.limit : entry.measured! >= entry.limit);
      expect(entry.shortRun).toBe(true);
    }
    expect(report.sections.kernel!.figures).toMatchObject({ baseline: null });
    expect(section.tables).toEqual([]);
    // A short run's goals are printed without a verdict on the goal.
    const printed = formatGoals(report.goals)
      .split('\n')
      .filter((line) => line.startsWith('kernel'));
    expect(printed).toHaveLength(5);
    for (const line of printed.slice(0, 3)) expect(line).toMatch(/short run: no verdict$/);
    for (const line of printed.slice(3)) expect(line).toMatch(/no baseline: set BENCH_BASELINE=<worktree>\s+not asked$/);
  });
});
