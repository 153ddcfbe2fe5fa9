import { describe, expect, it } from 'vitest';
import { SECTION_IDS, parseSettings } from '../settings';

describe('the settings read from the environment', () => {
  it('run every section fully, writing the default file, when nothing is set', () => {
    expect(parseSettings({})).toStrictEqual({ quick: false, out: undefined, only: SECTION_IDS, baseline: undefined, pgTestUrl: undefined });
  });

  it('run quickly with BENCH_QUICK=1 or true, and fully with 0, false or an empty value', () => {
    expect(parseSettings({ BENCH_QUICK: '1' }).quick).toBe(true);
    expect(parseSettings({ BENCH_QUICK: 'true' }).quick).toBe(true);
    expect(parseSettings({ BENCH_QUICK: '0' }).quick).toBe(false);
    expect(parseSettings({ BENCH_QUICK: 'false' }).quick).toBe(false);
    expect(parseSettings({ BENCH_QUICK: '' }).quick).toBe(false);
  });

  it("run the sections BENCH_ONLY names, in the suite's order", () => {
    expect(parseSettings({ BENCH_ONLY: 'memory, kernel' }).only).toEqual(['kernel', 'memory']);
    expect(parseSettings({ BENCH_ONLY: 'allocation' }).only).toEqual(['allocation']);
    expect(parseSettings({ BENCH_ONLY: '' }).only).toEqual(SECTION_IDS);
  });

  it('measure beside the worktree BENCH_BASELINE names, and beside none when it is empty', () => {
    expect(parseSettings({ BENCH_BASELINE: '../base' }).baseline).toBe('../base');
    expect(parseSettings({ BENCH_BASELINE: '' }).baseline).toBeUndefined();
  });

  it('give the referrals section the PostgreSQL server PG_TEST_URL names, and none when it is empty', () => {
    expect(parseSettings({ PG_TEST_URL: 'postgres://bench@127.0.0.1:5432/postgres' }).pgTestUrl).toBe(
      'postgres://bench@127.0.0.1:5432/postgres',
    );
    expect(parseSettings({ PG_TEST_URL: '' }).pgTestUrl).toBeUndefined();
  });

  it('run the referrals section alone with BENCH_ONLY=referrals', () => {
    expect(parseSettings({ BENCH_ONLY: 'referrals' }).only).toEqual(['referrals']);
  });

  it('write where BENCH_OUT says', () => {
    expect(parseSettings({ BENCH_OUT: '/tmp/results.json' }).out).toBe('/tmp/results.json');
  });

  it('refuse an unknown section, a list of none and an unclear flag, naming the variable', () => {
    expect(() => parseSettings({ BENCH_ONLY: 'kernel,disk' })).toThrow(/BENCH_ONLY lists sections among kernel, memory, http, allocation/);
    expect(() => parseSettings({ BENCH_ONLY: ' , ' })).toThrow(/BENCH_ONLY names no section/);
    expect(() => parseSettings({ BENCH_QUICK: 'yes' })).toThrow(/BENCH_QUICK/);
  });
});
