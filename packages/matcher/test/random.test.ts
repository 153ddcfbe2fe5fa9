import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random';

describe('the one seeded generator', () => {
  it('replays the same sequence for a seed, and another for another seed', () => {
    const draw = (seed: number) => Array.from({ length: 1000 }, createRandom(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
  });

  it("is mulberry32, draw for draw: the committed demo registry and the bench's workloads depend on its sequence", () => {
    expect(Array.from({ length: 3 }, createRandom(42).next)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('takes its seed as an unsigned 32-bit integer', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(-1)).toEqual(draw(2 ** 32 - 1));
    expect(draw(2 ** 32 + 7)).toEqual(draw(7));
  });

  it('spreads its floats over [0, 1)', () => {
    const draws = Array.from({ length: 10_000 }, createRandom(7).next);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    for (let tenth = 0; tenth < 10; tenth++) {
      const inside = draws.filter((draw) => draw >= tenth / 10 && draw < (tenth + 1) / 10).length;
      expect(inside).toBeGreaterThan(900);
      expect(inside).toBeLessThan(1100);
    }
  });

  it('draws integers in [min, max], both ends included, and nothing outside', () => {
    const random = createRandom(3);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(-2, 2)));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('is never true by chance 0 and always by chance 1', () => {
    const random = createRandom(5);
    const rolls = Array.from({ length: 1000 }, () => [random.chance(0), random.chance(1)]);
    expect(rolls.every(([never, always]) => !never && always)).toBe(true);
  });

  it('picks every item of a list in time, and refuses an empty list', () => {
    const random = createRandom(11);
    const items = ['a', 'b', 'c'] as const;
    expect(new Set(Array.from({ length: 200 }, () => random.pick(items)))).toEqual(new Set(items));
    expect(() => random.pick([])).toThrow('pick from an empty list');
  });

  it('shuffles into a permutation of a copy, leaving the input as it was', () => {
    const items = Array.from({ length: 50 }, (_, index) => index);
    const shuffled = createRandom(13).shuffle(items);
    expect(items).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });
});
