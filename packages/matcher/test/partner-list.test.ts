import { describe, expect, it } from 'vitest';
import type { Partner } from '../src/index';
import { PartnerList } from '../src/partner-index/partner-list';

const partner = (id: string): Partner => ({ id, name: id, kind: 'individual', bapasId: '019', offerings: [{ service: 'legal-aid' }] });
const many = (count: number, prefix = 'P') => Array.from({ length: count }, (_, at) => partner(`${prefix}-${at}`));

describe('PartnerList: the index’s partners, copied on write chunk by chunk', () => {
  it('replaces partners on either side of a chunk boundary and appends past the last chunk, leaving the old list as it was', () => {
    const partners = many(2_047);
    const list = PartnerList.of(partners);
    const replaced = new Map([
      [1_023, partner('R-1023')],
      [1_024, partner('R-1024')],
      [0, partner('R-0')],
    ]);
    const appended = many(3, 'N');
    const edited = list.edited(replaced, appended);

    const expected = [...partners];
    for (const [place, changed] of replaced) expected[place] = changed;
    expected.push(...appended);
    expect(edited.length).toBe(2_050);
    expect(edited.toArray()).toEqual(expected);
    expect(edited.at(2_048).id).toBe('N-1');
    expect(list.length).toBe(2_047);
    expect(list.toArray()).toEqual(partners);
    expect(list.at(1_024).id).toBe('P-1024');
  });

  it('starts a list from nothing and grows it', () => {
    const empty = PartnerList.of([]);
    expect(empty.toArray()).toEqual([]);
    const grown = empty.edited(new Map(), many(1_500));
    expect(grown.toArray()).toEqual(many(1_500));
    expect(empty.length).toBe(0);
  });
});
