import { describe, expect, it } from 'vitest';
import { fieldChanges } from '../src/partners/field-changes';

describe('fieldChanges', () => {
  it('names nested fields by path and lists whole', () => {
    expect(
      fieldChanges(
        { a: 1, b: { c: 2, d: 3 }, list: [1, 2], same: { x: [1] } },
        { a: 1, b: { c: 4, d: 3 }, list: [2, 1], same: { x: [1] } },
      ),
    ).toEqual([
      { field: 'b.c', before: 2, after: 4 },
      { field: 'list', before: [1, 2], after: [2, 1] },
    ]);
  });

  it('gives a field added no before, and a field removed no after', () => {
    expect(fieldChanges({ gone: 1, box: { x: 1 } }, { added: 2 })).toEqual([
      { field: 'added', after: 2 },
      { field: 'box.x', before: 1 },
      { field: 'gone', before: 1 },
    ]);
  });

  it('finds nothing between two records that differ only in key order', () => {
    expect(fieldChanges({ a: 1, b: { c: 1, d: 2 } }, { b: { d: 2, c: 1 }, a: 1 })).toEqual([]);
  });
});
