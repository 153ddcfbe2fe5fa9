import { describe, expect, it } from 'vitest';
import { EDIT_KINDS, editGoals, editTable, measureEdits, type EditFigures } from '../edit';

const quiet = { quick: true, log: () => {} };

function figures(overrides: Partial<EditFigures> = {}): EditFigures {
  return {
    plan: { partners: 100_000, perKind: 20, builds: 3, queries: 200, rounds: 10 },
    kinds: EDIT_KINDS.map((kind) => ({ kind, edits: 20, editMedianMs: 2, visibleMedianMs: 3, visibleP95Ms: 9 })),
    visibleMedianMs: 3,
    visibleP95Ms: 9,
    buildMs: 3_300,
    editsSinceBuild: 100,
    editedMedianUs: 810,
    freshMedianUs: 800,
    recommendRatio: 810 / 800,
    ...overrides,
  };
}

describe('the edit section', () => {
  it('meets the 50 ms goal at p95 and says what a full build took beside it', () => {
    const [visible, ratio] = editGoals(figures());
    expect(visible).toMatchObject({ id: 'edit-visible', verdict: 'met', limit: 50, measured: 9, unit: 'ms' });
    expect(visible!.beside).toBe('median 3.0 ms; a full createMatcher: 3,300 ms');
    expect(ratio).toMatchObject({ id: 'edit-recommend-ratio', verdict: 'met', limit: 1.1 });
    expect(ratio!.text).toMatch(/after 100 edits/);
  });

  it('is not met when the p95 is over 50 ms or the edited matcher answers over 10% slower, whatever the median', () => {
    const [visible, ratio] = editGoals(figures({ visibleP95Ms: 51, visibleMedianMs: 4, recommendRatio: 1.2 }));
    expect(visible!.verdict).toBe('not-met');
    expect(ratio!.verdict).toBe('not-met');
  });

  it('gives no verdict when measured short of 100,000 partners', () => {
    const goals = editGoals(figures({ plan: { partners: 2_000, perKind: 2, builds: 1, queries: 5, rounds: 2 } }));
    for (const entry of goals) {
      expect(entry.verdict).toBe('short-run');
      expect(entry.text).toMatch(/measured at 2,000: a short run/);
    }
  });

  it('times every kind of edit on a small registry, checks the edited matcher against a fresh build, and tabulates them', async () => {
    const measured = await measureEdits({ partners: 2_000, perKind: 3, builds: 1, queries: 8, rounds: 2 }, quiet);
    expect(measured.kinds.map((kind) => [kind.kind, kind.edits])).toEqual(EDIT_KINDS.map((kind) => [kind, 3]));
    expect(measured.editsSinceBuild).toBe(15);
    for (const kind of measured.kinds) expect(kind.visibleMedianMs).toBeGreaterThanOrEqual(kind.editMedianMs);
    expect(measured.recommendRatio).toBeGreaterThan(0);
    expect(Number.isFinite(measured.recommendRatio)).toBe(true);
    const table = editTable(measured);
    expect(table.rows).toHaveLength(EDIT_KINDS.length + 2);
    for (const row of table.rows) expect(row).toHaveLength(table.headers.length);
  }, 60_000);
});
