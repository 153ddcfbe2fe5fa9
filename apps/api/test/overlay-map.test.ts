import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FLATTEN_AT, overlay } from '../src/lib/overlay-map';

describe('overlay: a map of an earlier one and the entries changed since', () => {
  test('reads, counts and lists as the merged map would, through any chain of changes', () => {
    const key = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.string())),
        fc.array(fc.array(fc.tuple(key, fc.string())), { maxLength: 6 }),
        (base, batches) => {
          let map: ReadonlyMap<number, string> = new Map(base);
          const oracle = new Map(base);
          for (const batch of batches) {
            map = overlay(map, batch);
            for (const [k, v] of batch) oracle.set(k, v);
          }
          expect(map.size).toBe(oracle.size);
          expect([...map]).toEqual([...oracle]); // the same entries in the same order: base order, then keys added
          expect([...map.keys()]).toEqual([...oracle.keys()]);
          expect([...map.values()]).toEqual([...oracle.values()]);
          for (let k = -1; k <= 61; k++) {
            expect(map.get(k)).toBe(oracle.get(k));
            expect(map.has(k)).toBe(oracle.has(k));
          }
          const seen: [number, string][] = [];
          map.forEach((v, k) => seen.push([k, v]));
          expect(seen).toEqual([...oracle]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('leaves the map it was made from as it was', () => {
    const base = new Map([['a', 1]]);
    const first = overlay(base, [['b', 2]]);
    const second = overlay(first, [['a', 3]]);
    expect([...base]).toEqual([['a', 1]]);
    expect([...first]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...second]).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  test('is flattened into one plain map once the changes outgrow FLATTEN_AT and a tenth of the base', () => {
    const base = new Map(Array.from({ length: 10_000 }, (_, i) => [i, i] as const));
    const few = overlay(base, [[1, -1]]);
    expect(few).not.toBeInstanceOf(Map);
    let map: ReadonlyMap<number, number> = few;
    for (let i = 0; i < FLATTEN_AT; i++) map = overlay(map, [[10_000 + i, i]]);
    expect(map).toBeInstanceOf(Map);
    expect(map.size).toBe(10_000 + FLATTEN_AT);
    expect(map.get(1)).toBe(-1);
    // Over a large base, up to a tenth of it stays an overlay: flattening copies the whole base.
    const large = new Map(Array.from({ length: 100_000 }, (_, i) => [i, i] as const));
    const changes = Array.from({ length: 5_000 }, (_, i) => [i, -i] as const);
    expect(overlay(large, changes)).not.toBeInstanceOf(Map);
    expect(overlay(large, [...changes, ...changes.map(([k]) => [k + 50_000, 0] as const), [99_999, 0]])).toBeInstanceOf(Map);
  });
});
