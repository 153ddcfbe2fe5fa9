import { describe, expect, it } from 'vitest';
import {
  FACTOR_IDS,
  AllocateOptionsSchema,
  AllocationSchema,
  AllocationStatsSchema,
  allocate,
  createMatcher,
  recommend,
  type Allocation,
  type Client,
  type Partner,
} from '../src/index';
import { PLACES, catchMatcherError, client, partner } from './fixtures';

const placed = (allocation: Allocation) =>
  Object.fromEntries(allocation.assignments.map((assignment) => [`${assignment.clientId} ${assignment.service}`, assignment.partnerId]));
const reasons = (allocation: Allocation) =>
  Object.fromEntries(allocation.unassigned.map((item) => [`${item.clientId} ${item.service}`, item.reason]));
const onePlace = { total: 1, used: 0 };

describe('a cohort competing for scarce places', () => {
  it('gives the one place to the client who fits better; the other waits for want of places', () => {
    const lbh = partner('LBH', { capacity: onePlace });
    const near = client({ id: 'K-NEAR', location: PLACES.bandung });
    const far = client({ id: 'K-FAR', location: PLACES.cimahi });
    const allocation = allocate([far, near], [lbh]);
    expect(placed(allocation)).toEqual({ 'K-NEAR legal-aid': 'LBH' });
    expect(reasons(allocation)).toEqual({ 'K-FAR legal-aid': 'capacity-exhausted' });
    expect(allocation.optimal).toBe(true);
  });

  it('sends the client who can go nowhere else to the shared favourite, although the other scores it higher', () => {
    const favourite = partner('LBH-BDG', { capacity: onePlace, bapasId: '020' });
    const other = partner('LBH-CMH', { capacity: onePlace, bapasId: '020', location: PLACES.cimahi });
    // The same Bapas as both partners, so each ranks LBH-BDG first, and it scores higher for B.
    const mobile = client({ id: 'K-B', bapasId: '020' });
    // Another Bapas and 3 km of travel at most: only LBH-BDG is within reach.
    const housebound = client({ id: 'K-A', bapasId: '019', maxDistanceKm: 3 });
    const partners = [favourite, other];
    expect(recommend(mobile, partners).matches[0]!.partnerId).toBe('LBH-BDG');
    expect(recommend(housebound, partners).matches.map((match) => match.partnerId)).toEqual(['LBH-BDG']);
    expect(recommend(mobile, partners).matches[0]!.score).toBeGreaterThan(recommend(housebound, partners).matches[0]!.score);

    const allocation = allocate([mobile, housebound], partners);
    expect(placed(allocation)).toEqual({ 'K-A legal-aid': 'LBH-BDG', 'K-B legal-aid': 'LBH-CMH' });
    expect(allocation.unassigned).toEqual([]);
  });

  it('counts a client who gets two services from one partner as two places', () => {
    const centre = partner('PUSAT', { capacity: { total: 3, used: 1 }, offerings: [{ service: 'legal-aid' }, { service: 'mentoring' }] });
    const both = client({ id: 'K-A', needs: [{ service: 'legal-aid' }, { service: 'mentoring' }] });
    const one = client({ id: 'K-B', location: PLACES.cimahi, needs: [{ service: 'legal-aid' }] });
    const allocation = allocate([both, one], [centre]);
    expect(placed(allocation)).toEqual({ 'K-A legal-aid': 'PUSAT', 'K-A mentoring': 'PUSAT' });
    expect(reasons(allocation)).toEqual({ 'K-B legal-aid': 'capacity-exhausted' });
    expect(allocation.stats.partnersUsed).toBe(1);
  });

  it('places everyone with a partner that records no capacity', () => {
    const open = partner('TERBUKA');
    const clients = ['K-1', 'K-2', 'K-3'].map((id) => client({ id }));
    const allocation = allocate(clients, [open]);
    expect(allocation.assignments.map((assignment) => assignment.partnerId)).toEqual(['TERBUKA', 'TERBUKA', 'TERBUKA']);
  });

  it('reports the score recommend gives the partner, and an objective that adds the scores up', () => {
    const lbh = partner('LBH', { capacity: { total: 5, used: 2 } });
    const cohort = [client({ id: 'K-1', location: PLACES.cimahi }), client({ id: 'K-2' })];
    const allocation = allocate(cohort, [lbh]);
    const scores = cohort.map((member) => recommend(member, [lbh]).matches[0]!.score);
    expect(allocation.assignments.map((assignment) => assignment.score)).toEqual(scores);
    expect(allocation.objective).toBeCloseTo(scores[0]! + scores[1]!, 6);
    expect(allocation.stats.objectiveUnits).toBe(scores.reduce((sum, score) => sum + Math.round(score * 1e6), 0));
  });
});

describe('why a need is left unplaced', () => {
  it('says no-eligible-partner when no partner passes the rules for it', () => {
    const adultsOnly = partner('DEWASA');
    const juvenile = client({ id: 'K-ANAK', ageGroup: 'juvenile' });
    expect(reasons(allocate([juvenile], [adultsOnly]))).toEqual({ 'K-ANAK legal-aid': 'no-eligible-partner' });
  });

  it('says below-min-score when the partners that could take it all score too low', () => {
    // Covers one of two urgent needs, so its coverage (and score) is halved.
    const lbh = partner('LBH');
    const twoNeeds = client({
      needs: [
        { service: 'legal-aid', priority: 3 },
        { service: 'mentoring', priority: 3 },
      ],
    });
    const score = recommend(twoNeeds, [lbh]).matches[0]!.score;
    expect(reasons(allocate([twoNeeds], [lbh], { minScore: score + 0.01 }))).toEqual({
      'K-001 legal-aid': 'below-min-score',
      'K-001 mentoring': 'no-eligible-partner',
    });
    expect(placed(allocate([twoNeeds], [lbh], { minScore: score }))).toEqual({ 'K-001 legal-aid': 'LBH' });
  });

  it('says capacity-exhausted when qualifying partners are full, including those full before the cohort', () => {
    const full = partner('PENUH', { capacity: { total: 4, used: 4 } });
    const lbh = partner('LBH', { capacity: onePlace });
    const allocation = allocate([client({ id: 'K-1' }), client({ id: 'K-2', location: PLACES.cimahi })], [full, lbh]);
    expect(reasons(allocation)).toEqual({ 'K-2 legal-aid': 'capacity-exhausted' });
  });
});

describe('options', () => {
  const urgentAndNot: Client = client({
    needs: [{ service: 'legal-aid', priority: 3 }, { service: 'mentoring', priority: 1 }, { service: 'job-placement' }],
  });
  const everything = partner('SERBA', {
    offerings: [{ service: 'legal-aid' }, { service: 'mentoring' }, { service: 'job-placement' }],
  });

  it("places only the urgent needs with needs: 'priority-3', and lists no other need", () => {
    const allocation = allocate([urgentAndNot], [everything], { needs: 'priority-3' });
    expect(placed(allocation)).toEqual({ 'K-001 legal-aid': 'SERBA' });
    expect(allocation.unassigned).toEqual([]);
    expect(allocation.stats.needs).toBe(1);
  });

  it('places the needs from a minimum priority up (a need without one counts as 2)', () => {
    const allocation = allocate([urgentAndNot], [everything], { needs: { minPriority: 2 } });
    expect(Object.keys(placed(allocation))).toEqual(['K-001 job-placement', 'K-001 legal-aid']);
  });

  it("with weighting: 'priority', gives the last place to the urgent need over a better-scoring routine one", () => {
    const lbh = partner('LBH', { capacity: onePlace });
    const routine = client({ id: 'K-RUTIN', needs: [{ service: 'legal-aid', priority: 1 }] });
    const urgent = client({ id: 'K-URGEN', location: PLACES.cimahi, needs: [{ service: 'legal-aid', priority: 3 }] });
    expect(placed(allocate([routine, urgent], [lbh]))).toEqual({ 'K-RUTIN legal-aid': 'LBH' });
    const weighted = allocate([routine, urgent], [lbh], { weighting: 'priority' });
    expect(placed(weighted)).toEqual({ 'K-URGEN legal-aid': 'LBH' });
    expect(weighted.stats.objectiveUnits).toBe(Math.round(weighted.assignments[0]!.score * 1e6) * 3);
  });

  it("scores with recommend's weights, and a matcher's options are the defaults of its allocations", () => {
    const partners = [
      partner('DEKAT', { capacity: onePlace }),
      partner('JAUH', { capacity: onePlace, location: PLACES.cimahi, bapasId: '019' }),
    ];
    const cohort = [client({ id: 'K-1' }), client({ id: 'K-2' })];
    const options = { weights: { proximity: 0, administrative: 0 } };
    const matcher = createMatcher(partners, options);
    expect(matcher.allocate(cohort)).toEqual(allocate(cohort, partners, options));
    expect(matcher.allocate(cohort, { weights: { proximity: 1 } })).toEqual(
      allocate(cohort, partners, { weights: { proximity: 1, administrative: 0 } }),
    );
  });

  it('allocates validated input without parsing it again, the same answer, still refusing repeated ids', () => {
    const partners = [partner('DEKAT', { capacity: onePlace }), partner('JAUH', { capacity: onePlace, location: PLACES.cimahi })];
    const cohort = [client({ id: 'K-1' }), client({ id: 'K-2' })];
    const matcher = createMatcher(partners);
    expect(matcher.allocateValidated(cohort, { minScore: 0.2 })).toEqual(matcher.allocate(cohort, { minScore: 0.2 }));
    expect(matcher.allocateValidated(cohort)).toEqual(matcher.allocate(cohort));
    const error = catchMatcherError(() => matcher.allocateValidated([client({ id: 'K-1' }), client({ id: 'K-1' })]));
    expect([error.code, error.issues.map((issue) => issue.path)]).toEqual(['INVALID_CLIENTS', [['clients', 1, 'id']]]);
  });
});

describe('the answer', () => {
  it('fits AllocationSchema, sorted by client id then service', () => {
    const partners: Partner[] = [partner('A', { capacity: onePlace }), partner('B', { offerings: [{ service: 'mentoring' }] })];
    const cohort = [
      client({ id: 'K-2', needs: [{ service: 'mentoring' }, { service: 'legal-aid' }] }),
      client({ id: 'K-1', needs: [{ service: 'legal-aid' }, { service: 'health' }] }),
    ];
    const allocation = allocate(cohort, partners);
    expect(AllocationSchema.parse(allocation)).toEqual(allocation);
    const order = [...allocation.assignments, ...allocation.unassigned].map((item) => `${item.clientId} ${item.service}`);
    expect(allocation.assignments.map((item) => `${item.clientId} ${item.service}`)).toEqual(['K-1 legal-aid', 'K-2 mentoring']);
    expect(order).toHaveLength(4);
    expect(allocation.stats).toMatchObject({ algorithm: 'network-simplex', clients: 2, needs: 4, partners: 2, assigned: 2, unassigned: 2 });
  });

  it("names one solver in its stats: there is no 'greedy' fallback", () => {
    expect(AllocationStatsSchema.shape.algorithm.options).toEqual(['network-simplex']);
  });

  it('is empty, and optimal, for an empty cohort', () => {
    expect(allocate([], [partner('A')])).toMatchObject({ assignments: [], unassigned: [], objective: 0, optimal: true });
  });
});

describe('bad input', () => {
  it('throws INVALID_CLIENTS when the clients are not a list', () => {
    const error = catchMatcherError(() => allocate({} as never, []));
    expect(error.code).toBe('INVALID_CLIENTS');
    expect(error.issues[0]!.path).toEqual(['clients']);
  });

  it('throws INVALID_CLIENTS naming the bad field of each bad client', () => {
    const error = catchMatcherError(() => allocate([client(), { ...client({ id: 'K-2' }), needs: [] }, { id: 'K-3' } as never], []));
    expect(error.code).toBe('INVALID_CLIENTS');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['clients', 1, 'needs'],
      ['clients', 2, 'needs'],
    ]);
  });

  it('throws INVALID_CLIENTS for a repeated client id, naming both places', () => {
    const error = catchMatcherError(() => allocate([client({ id: 'K-1' }), client({ id: 'K-2' }), client({ id: 'K-1' })], []));
    expect(error.code).toBe('INVALID_CLIENTS');
    expect(error.issues).toEqual([
      { path: ['clients', 2, 'id'], code: 'custom', message: 'repeats the id of clients.0; give each an id of its own' },
    ]);
    expect(error.message).not.toContain('K-1'); // a client's pseudonym never reaches a message
  });

  it('throws INVALID_OPTIONS for unknown or out-of-range options, on the matcher too', () => {
    for (const options of [{ minScore: 1.5 }, { needs: 'urgent' }, { needs: { minPriority: 4 } }, { weighting: 'fair' }, { limit: 3 }]) {
      expect(catchMatcherError(() => allocate([client()], [], options as never)).code).toBe('INVALID_OPTIONS');
      expect(catchMatcherError(() => createMatcher([]).allocate([client()], options as never)).code).toBe('INVALID_OPTIONS');
    }
    expect(AllocateOptionsSchema.safeParse({ minScore: -0.1 }).success).toBe(false);
  });

  it('throws INVALID_OPTIONS when the weights add up to 0', () => {
    const zero = Object.fromEntries(FACTOR_IDS.map((id) => [id, 0]));
    expect(catchMatcherError(() => allocate([client()], [], { weights: zero })).issues[0]!.path).toEqual(['options', 'weights']);
  });

  it('reports bad options before bad clients, from a matcher too, validated or not', () => {
    const zero = Object.fromEntries(FACTOR_IDS.map((id) => [id, 0]));
    const matcher = createMatcher([partner('A')]);
    const twice = [client({ id: 'K-1' }), client({ id: 'K-1' })];
    expect(catchMatcherError(() => matcher.allocate(twice, { weights: zero })).code).toBe('INVALID_OPTIONS');
    expect(catchMatcherError(() => matcher.allocateValidated(twice, { weights: zero })).code).toBe('INVALID_OPTIONS');
  });

  it('throws INVALID_PARTNERS for a bad partner', () => {
    expect(catchMatcherError(() => allocate([client()], [{ ...partner('A'), capacity: { total: 1, used: 2 } }])).code).toBe(
      'INVALID_PARTNERS',
    );
  });
});

describe('capacities at the limit', () => {
  it('refuses a capacity beyond a million places, naming the field, rather than miscounting it', () => {
    const huge = partner('HUGE', { capacity: { total: 2 ** 40, used: 0 } });
    const error = catchMatcherError(() => allocate([client()], [huge]));
    expect(error.code).toBe('INVALID_PARTNERS');
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual(['partners.0.capacity.total']);
  });

  it('places needs with a partner that has a million places', () => {
    const big = partner('BIG', { capacity: { total: 1_000_000, used: 999_999 } });
    const result = allocate([client({ id: 'K-1' }), client({ id: 'K-2' })], [big]);
    expect(result.assignments.map((assignment) => assignment.clientId)).toHaveLength(1);
    expect(result.unassigned).toEqual([expect.objectContaining({ reason: 'capacity-exhausted' })]);
    expect(result.optimal).toBe(true);
  });
});
