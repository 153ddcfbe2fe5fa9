import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from '../src/topk';

interface Item {
  score: number;
  id: string;
}
const better = (a: Item, b: Item) => a.score > b.score || (a.score === b.score && a.id < b.id);
const byRank = (a: Item, b: Item) => (better(a, b) ? -1 : better(b, a) ? 1 : 0);

describe('TopK', () => {
  it('keeps exactly the first k of a full sort, ties by id, whatever the arrival order', () => {
    const items = fc.uniqueArray(fc.record({ score: fc.integer({ min: 0, max: 5 }).map((n) => n / 5), id: fc.string({ maxLength: 3 }) }), {
      selector: (item) => item.id,
      maxLength: 60,
    });
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 20 }), (list, k) => {
        const top = new TopK<Item>(k, better);
        list.forEach((item) => top.offer(item));
        expect(top.sorted()).toEqual([...list].sort(byRank).slice(0, k));
      }),
    );
  });
});
