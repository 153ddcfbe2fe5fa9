import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureKernel } from '../kernel';
import { memoryFigures } from '../memory';
import { buildReport, formatGoals, formatTable, gitCommit, sectionGoals, writeReport, type BenchReport } from '../report';
import { goal, type Section } from '../section';
import { percentile, median } from '../stats';

const dir = await mkdtemp(join(tmpdir(), 'pokmas-bench-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const quiet = { quick: true, log: () => {} };

describe('goals', () => {
  it('a max goal is met at or below its limit, and not above', () => {
    expect(goal('g', 'at most 1 ms', 1, 'ms', 'max', 1).met).toBe(true);
    expect(goal('g', 'at most 1 ms', 0.5, 'ms', 'max', 1).met).toBe(true);
    expect(goal('g', 'at most 1 ms', 1.01, 'ms', 'max', 1).met).toBe(false);
  });

  it('a min goal is met at or above its limit, and not below', () => {
    expect(goal('g', 'at least 20x', 20, 'x', 'min', 20).met).toBe(true);
    expect(goal('g', 'at least 20x', 35, 'x', 'min', 20).met).toBe(true);
    expect(goal('g', 'at least 20x', 19.9, 'x', 'min', 20).met).toBe(false);
  });

  it('are listed with their section, and printed with their verdict', () => {
    const section: Section = {
      id: 'kernel',
      title: 't',
      headers: [],
      rows: [],
      figures: {},
      goals: [goal('a', 'fast', 2, 'ms', 'max', 1), goal('b', 'faster', 30, 'x', 'min', 20)],
    };
    const goals = sectionGoals([section]);
    expect(goals.map((entry) => [entry.section, entry.id, entry.met])).toEqual([
      ['kernel', 'a', false],
      ['kernel', 'b', true],
    ]);
    const printed = formatGoals(goals);
    expect(printed).toMatch(/fast\s+<= 1\.00 ms\s+2\.00 ms\s+NOT MET/);
    expect(printed).toMatch(/faster\s+>= 20\.00 x\s+30\.00 x\s+met/);
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
      buildReport({ started, git: gitCommit(), loadAtStart: [0, 0, 0], quick: true, sections: [section], failures: [] }),
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

    // The goals are evaluated at the largest size measured, and say so when it is short of theirs.
    expect(report.goals.map((entry) => [entry.section, entry.id, entry.kind])).toEqual([
      ['kernel', 'kernel-median', 'max'],
      ['kernel', 'kernel-ns-per-partner', 'max'],
      ['kernel', 'kernel-ratio', 'min'],
    ]);
    for (const entry of report.goals) {
      expect(entry.text).toMatch(/measured at 300/);
      expect(entry.met).toBe(entry.kind === 'max' ? entry.measured <= entry.limit : entry.measured >= entry.limit);
      expect(entry.shortRun).toBe(true);
    }
    // A short run's goals are printed without a verdict on the goal.
    const printed = formatGoals(report.goals)
      .split('\n')
      .filter((line) => line.startsWith('kernel'));
    expect(printed).toHaveLength(3);
    for (const line of printed) expect(line).toMatch(/short run: no verdict$/);
  });
});
