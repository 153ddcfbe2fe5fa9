import { describe, expect, test } from 'vitest';
import { isSearchId, MAX_SAVED_SEARCHES, SavedSearches, SEARCH_TTL_MS } from '../src/lib/saved-searches';

describe('saved searches', () => {
  test('a search is its owner’s only, for the time to live, and gone after', () => {
    let now = 0;
    const searches = new SavedSearches<string>(() => now);
    const id = searches.save('session:a', 'the search');
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(isSearchId(id)).toBe(true);
    for (const other of [undefined, '', 'short', '../../v1/audit', `${id}?lang=en`, 'x'.repeat(65)])
      expect(isSearchId(other), other).toBe(false);
    expect(searches.get('session:a', id)).toBe('the search');
    expect(searches.get('session:b', id)).toBeUndefined();
    now += SEARCH_TTL_MS;
    expect(searches.get('session:a', id)).toBe('the search');
    now += 1;
    expect(searches.get('session:a', id)).toBeUndefined();
    expect(searches.size).toBe(0);
  });

  test('signing out forgets the owner’s searches and no one else’s', () => {
    const searches = new SavedSearches<number>();
    const mine = [searches.save('session:a', 1), searches.save('session:a', 2)];
    const theirs = searches.save('session:b', 3);
    searches.forget('session:a');
    expect(mine.map((id) => searches.get('session:a', id))).toEqual([undefined, undefined]);
    expect(searches.get('session:b', theirs)).toBe(3);
  });

  test('holds at most MAX_SAVED_SEARCHES, the oldest going first, and sweeps the expired as it saves', () => {
    let now = 0;
    const searches = new SavedSearches<number>(() => now);
    const first = searches.save('o', 0);
    for (let i = 1; i <= MAX_SAVED_SEARCHES; i += 1) searches.save('o', i);
    expect(searches.size).toBe(MAX_SAVED_SEARCHES);
    expect(searches.get('o', first)).toBeUndefined();
    now += SEARCH_TTL_MS + 1;
    searches.save('o', -1);
    expect(searches.size).toBe(1);
  });
});
