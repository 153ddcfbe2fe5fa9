import { describe, expect, it } from 'vitest';
import { createMatcher, type Client, type Partner } from '../src/index';
import { catchMatcherError } from './fixtures';

const partner = (id: string, overrides: Partial<Partner> = {}): Partner => ({
  id,
  name: `Mitra ${id}`,
  kind: 'civil-society',
  bapasId: '019',
  location: { lat: -6.91, lon: 107.61 },
  serviceRadiusKm: 30,
  offerings: [{ service: 'legal-aid', modes: ['in-person'] }],
  capacity: { total: 10, used: 0 },
  ...overrides,
});

const client: Client = { id: 'K-001', location: { lat: -6.9, lon: 107.6 }, needs: [{ service: 'legal-aid' }] };
const ids = (matcher: ReturnType<typeof createMatcher>) => matcher.recommend(client).matches.map((match) => match.partnerId);

describe('withPartners', () => {
  const partners = [
    partner('A'),
    partner('B', { capacity: { total: 10, used: 9 } }),
    partner('C', { location: { lat: -5.14, lon: 119.42 } }),
  ];

  it('refuses a bad changed partner naming its field, and leaves the matcher as it was', () => {
    const matcher = createMatcher(partners);
    const before = matcher.recommend(client);
    const error = catchMatcherError(() =>
      matcher.withPartners([partner('D'), partner('A', { capacity: { total: 2, used: 3 } }), { id: 'E' } as never]),
    );
    expect(error.code).toBe('INVALID_PARTNERS');
    const paths = error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('partners.1.capacity.used');
    expect(paths).toContain('partners.2.name');
    expect(paths).not.toContain('partners.0.name');
    expect(matcher.recommend(client)).toEqual(before);
    expect(matcher.partners).toEqual(partners);
  });

  it('refuses the same id twice among the changed partners', () => {
    const matcher = createMatcher(partners);
    const error = catchMatcherError(() => matcher.withPartners([partner('A'), partner('A', { active: false })]));
    expect(error.code).toBe('INVALID_PARTNERS');
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(['partners.1.id']);
    expect(ids(matcher)).toEqual(['A', 'B']);
  });

  it('refuses what is not a list of partners', () => {
    expect(catchMatcherError(() => createMatcher(partners).withPartners({} as never)).issues[0]!.path).toEqual(['partners']);
  });

  it('retires a partner: it is still held, and excluded as inactive', () => {
    const matcher = createMatcher(partners).withPartners([partner('A', { active: false })]);
    expect(matcher.partners.map((held) => held.id)).toEqual(['A', 'B', 'C']);
    expect(ids(matcher)).toEqual(['B']);
    expect(matcher.recommend(client).excluded).toContainEqual({ reason: 'inactive', count: 1 });
  });

  it('adds a partner after the last, ranked by id among ties', () => {
    // A and A2 tie exactly; A ranks first by id, as in a fresh build.
    const matcher = createMatcher(partners).withPartners([partner('A2'), partner('0', { location: { lat: 10, lon: 100 } })]);
    expect(matcher.partners.map((held) => held.id)).toEqual(['A', 'B', 'C', 'A2', '0']);
    expect(ids(matcher)).toEqual(['A', 'A2', 'B']);
    expect(matcher.editsSinceBuild).toBe(2);
    expect(matcher.withPartners([partner('B')]).editsSinceBuild).toBe(3);
  });

  it('finds a partner that moves into reach, and loses one that moves out of it', () => {
    const matcher = createMatcher(partners).withPartners([
      partner('C', { location: { lat: -6.92, lon: 107.62 } }),
      partner('A', { location: { lat: 3.59, lon: 98.67 } }),
    ]);
    expect(ids(matcher)).toEqual(['C', 'B']);
  });
});
