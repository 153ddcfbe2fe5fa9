import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveBaseline } from '../baseline';
import { compareWithBaseline } from '../kernel-baseline';
import { REPO_ROOT } from '../report';
import { generateClients, generatePartners, loadSeats } from '../workload';

const dir = await mkdtemp(join(tmpdir(), 'pokmas-bench-baseline-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('BENCH_BASELINE', () => {
  it('names a worktree by its commit, and marks it dirty when its tree differs', () => {
    const found = resolveBaseline(REPO_ROOT);
    expect(found.root).toBe(REPO_ROOT.replace(/\/$/, ''));
    expect(found.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(found.label).toBe(`${found.commit.slice(0, 7)}${found.dirty ? '+dirty' : ''}`);
  });

  it('resolves a relative path from the directory given', () => {
    expect(resolveBaseline('bench/..', REPO_ROOT).root).toBe(REPO_ROOT.replace(/\/$/, ''));
  });

  it('refuses a missing directory, a directory that is no worktree of the project, and one never installed', async () => {
    expect(() => resolveBaseline(join(dir, 'nowhere'))).toThrow(/^BENCH_BASELINE=.*nowhere: no such directory/);
    expect(() => resolveBaseline(dir)).toThrow(
      /BENCH_BASELINE=.*: not a worktree of this project \(it has no packages\/matcher\/src\/index.ts\)/,
    );
    const bare = join(dir, 'uninstalled');
    await mkdir(join(bare, 'packages', 'matcher', 'src'), { recursive: true });
    await writeFile(join(bare, 'packages', 'matcher', 'src', 'index.ts'), 'export {};\n');
    expect(() => resolveBaseline(bare)).toThrow(/has no node_modules\/tsx: run npm ci there first/);
  });
});

describe('the kernel beside a baseline', () => {
  it("times the same queries on both sides' matchers, each in a child of its own, and compares them", async () => {
    const seats = await loadSeats();
    const partners = generatePartners(400, seats.slice(0, 3));
    const clients = generateClients(6, seats.slice(0, 3));
    const lines: string[] = [];
    // This tree against itself: both children load the same sources, so they must agree on every answer.
    const self = resolveBaseline(REPO_ROOT);
    const found = await compareWithBaseline(
      REPO_ROOT,
      self,
      partners,
      clients,
      { minRounds: 2, maxRounds: 2, budgetMs: 0 },
      { log: (line) => lines.push(line) },
    );
    expect(found).toMatchObject({ partners: 400, queries: 6, rounds: 2, sameTop: 6 });
    expect(found.roundRatios).toHaveLength(2);
    for (const value of [found.medianRatio, found.p90Ratio, found.here.medianUs, found.base.p90Us, found.here.buildMs]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    expect(found.here.p90Us).toBeGreaterThanOrEqual(found.here.medianUs);
    expect(lines.some((line) => line.includes('beside'))).toBe(true);
  }, 60_000);

  it('fails, naming the side, when a child cannot load its matcher', async () => {
    const broken = join(dir, 'broken');
    await mkdir(join(broken, 'packages', 'matcher', 'src'), { recursive: true });
    await mkdir(join(broken, 'node_modules'), { recursive: true });
    const self = resolveBaseline(REPO_ROOT);
    await expect(
      compareWithBaseline(
        REPO_ROOT,
        { ...self, root: broken, label: 'broken' },
        [],
        [],
        { minRounds: 0, maxRounds: 0, budgetMs: 0 },
        { log: () => {} },
      ),
    ).rejects.toThrow(/the baseline broken child ended/);
  }, 60_000);
});
