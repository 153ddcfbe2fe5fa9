import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, FACTOR_IDS, createMatcher, recommend, type Recommendation } from '../src/index';
import { PLACES, catchMatcherError, client, partner } from './fixtures';

const ids = (result: Recommendation) => result.matches.map((match) => match.partnerId);
const excludedIds = (result: Recommendation, reason: string) => result.excluded.find((entry) => entry.reason === reason)?.partnerIds ?? [];

describe('a juvenile in Bandung needing legal aid', () => {
  const partners = [
    partner('LBH-ADULTS'),
    partner('LBH-ALL', { eligibility: { ageGroups: ['adult', 'juvenile'] } }),
    partner('LBH-YOUTH', { location: PLACES.cimahi, eligibility: { ageGroups: ['juvenile'] } }),
  ];
  const juvenile = client({ ageGroup: 'juvenile' });

  it('is matched only with partners that explicitly accept juveniles', () => {
    const result = recommend(juvenile, partners, { explainExclusions: true });
    expect(ids(result)).toEqual(['LBH-ALL', 'LBH-YOUTH']);
    expect(excludedIds(result, 'ineligible-age')).toEqual(['LBH-ADULTS']);
  });

  it('says in the reasons that the partner accepts juveniles', () => {
    const [first] = recommend(juvenile, partners, { lang: 'en' }).matches;
    expect(first!.reasons.map((reason) => reason.code)).toContain('accepts-juveniles');
  });

  it('keeps juvenile-only partners away from adults', () => {
    const result = recommend(client({ ageGroup: 'adult' }), partners, { explainExclusions: true });
    expect(ids(result)).toEqual(['LBH-ADULTS', 'LBH-ALL']);
    expect(excludedIds(result, 'ineligible-age')).toEqual(['LBH-YOUTH']);
  });
});

describe('a Catholic client near both a pesantren and a church', () => {
  const pesantren = partner('PESANTREN', {
    kind: 'religious-institution',
    offerings: [{ service: 'religious-guidance', religions: ['islam'] }],
  });
  const church = partner('GEREJA', {
    kind: 'religious-institution',
    location: PLACES.cimahi,
    offerings: [{ service: 'religious-guidance', religions: ['catholic'] }],
  });
  const catholic = client({ religion: 'catholic', needs: [{ service: 'religious-guidance' }] });

  it('gets religious guidance only from the church, even though the pesantren is nearer', () => {
    const result = recommend(catholic, [pesantren, church], { explainExclusions: true });
    expect(ids(result)).toEqual(['GEREJA']);
    expect(excludedIds(result, 'religion-mismatch')).toEqual(['PESANTREN']);
    expect(result.matches[0]!.reasons.find((reason) => reason.code === 'religion-match')?.params).toEqual({ religion: 'catholic' });
  });

  it('can be matched with either when the faith is not given', () => {
    expect(ids(recommend(client({ needs: [{ service: 'religious-guidance' }] }), [pesantren, church]))).toEqual(['PESANTREN', 'GEREJA']);
  });

  it('can still get other guidance from the pesantren', () => {
    const mixed = partner('PESANTREN', {
      offerings: [{ service: 'religious-guidance', religions: ['islam'] }, { service: 'skills-training' }],
    });
    const result = recommend(client({ religion: 'catholic', needs: [{ service: 'religious-guidance' }, { service: 'skills-training' }] }), [
      mixed,
    ]);
    expect(result.matches[0]!.covered.map((need) => need.service)).toEqual(['skills-training']);
    expect(result.matches[0]!.missing).toEqual([{ service: 'religious-guidance', priority: 2, reason: 'religion-mismatch' }]);
  });
});

describe('a client whose nearest partner is full', () => {
  const full = partner('NEAREST', { capacity: { total: 5, used: 5 } });
  const farther = partner('FARTHER', { location: PLACES.cimahi, capacity: { total: 5, used: 4 } });

  it('is sent to the next partner, and the full one is counted as at capacity', () => {
    const result = recommend(client(), [full, farther], { explainExclusions: true });
    expect(ids(result)).toEqual(['FARTHER']);
    expect(result.excluded).toEqual([{ reason: 'at-capacity', count: 1, partnerIds: ['NEAREST'] }]);
  });

  it('prefers, other things equal, the partner with more free places', () => {
    const roomy = partner('B-ROOMY', { capacity: { total: 10, used: 1 } });
    const tight = partner('A-TIGHT', { capacity: { total: 10, used: 9 } });
    expect(ids(recommend(client(), [tight, roomy]))).toEqual(['B-ROOMY', 'A-TIGHT']);
  });

  it('treats a partner without a recorded capacity as unlimited', () => {
    const [match] = recommend(client(), [partner('OPEN')], { lang: 'en' }).matches;
    expect(match!.factors.find((factor) => factor.id === 'capacity')!.value).toBe(1);
    expect(match!.reasons.map((reason) => reason.code)).toContain('capacity-unlimited');
  });
});

describe('a remote legal-consultation partner far away', () => {
  const remote = partner('REMOTE-LBH', {
    location: PLACES.jayapura,
    bapasId: '083',
    offerings: [{ service: 'legal-aid', modes: ['remote'] }],
  });
  const farInPerson = partner('FAR-LBH', { location: PLACES.jayapura, bapasId: '083' });

  it('is recommended at any distance, while an in-person partner as far is out of range', () => {
    const result = recommend(client(), [remote, farInPerson], { explainExclusions: true, lang: 'en' });
    expect(ids(result)).toEqual(['REMOTE-LBH']);
    expect(result.matches[0]!.covered).toEqual([{ service: 'legal-aid', priority: 3, modes: ['remote'] }]);
    expect(result.matches[0]!.reasons.find((reason) => reason.code === 'remote-offering')!.text).toBe('Offered remotely: legal aid.');
    expect(excludedIds(result, 'out-of-range')).toEqual(['FAR-LBH']);
  });

  it('ranks below a near partner that meets the same need', () => {
    expect(ids(recommend(client(), [remote, partner('NEAR-LBH')]))).toEqual(['NEAR-LBH', 'REMOTE-LBH']);
  });

  it('is left out when the client cannot take remote guidance', () => {
    const result = recommend(client({ modes: ['in-person'] }), [remote]);
    expect(result.excluded).toEqual([{ reason: 'mode-mismatch', count: 1 }]);
  });
});

describe('reach', () => {
  it("counts an in-person offering only within the partner's service radius", () => {
    const garut = partner('GARUT', { location: PLACES.garut, serviceRadiusKm: 30 });
    expect(recommend(client(), [garut]).excluded).toEqual([{ reason: 'out-of-range', count: 1 }]);
    expect(ids(recommend(client(), [{ ...garut, serviceRadiusKm: 80 }]))).toEqual(['GARUT']);
  });

  it("counts it only within the client's maximum distance", () => {
    const cimahi = partner('CIMAHI', { location: PLACES.cimahi });
    expect(ids(recommend(client({ maxDistanceKm: 20 }), [cimahi]))).toEqual(['CIMAHI']);
    expect(recommend(client({ maxDistanceKm: 5 }), [cimahi]).excluded).toEqual([{ reason: 'out-of-range', count: 1 }]);
  });

  it('assumes a 50 km service radius when a partner gives none, and lets a query change it', () => {
    const garut = partner('GARUT', { location: PLACES.garut }); // about 48 km from Bandung
    expect(ids(recommend(client(), [garut]))).toEqual(['GARUT']);
    expect(ids(recommend(client(), [garut], { defaultServiceRadiusKm: 40 }))).toEqual([]);
  });

  it('lets a home visit reach the client like an in-person meeting', () => {
    const visitor = partner('VISITOR', { location: PLACES.cimahi, offerings: [{ service: 'mentoring', modes: ['home-visit'] }] });
    const [match] = recommend(client({ needs: [{ service: 'mentoring' }] }), [visitor], { lang: 'en' }).matches;
    expect(match!.covered[0]!.modes).toEqual(['home-visit']);
    expect(match!.reasons.map((reason) => reason.code)).toContain('home-visit-offering');
  });

  it('without coordinates, counts in person only a partner in the same regency', () => {
    const noPoint = client({ location: undefined, regencyCode: '32.73' });
    const sameRegency = partner('SAME', { location: undefined, regencyCode: '32.73' });
    const sameProvince = partner('PROVINCE', { location: undefined, regencyCode: '32.04' });
    const result = recommend(noPoint, [sameRegency, sameProvince], { explainExclusions: true });
    expect(ids(result)).toEqual(['SAME']);
    expect(excludedIds(result, 'out-of-range')).toEqual(['PROVINCE']);
  });
});

describe('proximity', () => {
  it('ranks the nearer of two otherwise equal partners first', () => {
    expect(ids(recommend(client(), [partner('A-CIMAHI', { location: PLACES.cimahi }), partner('B-BANDUNG')]))).toEqual([
      'B-BANDUNG',
      'A-CIMAHI',
    ]);
  });

  it('falls back to the regency codes: same regency, then same province; a missing location is never near', () => {
    const noPoint = client({ location: undefined, regencyCode: '32.73', needs: [{ service: 'legal-aid' }] });
    const remote = { offerings: [{ service: 'legal-aid' as const, modes: ['remote' as const] }], location: undefined };
    const result = recommend(noPoint, [
      partner('REGENCY', { ...remote, regencyCode: '32.73' }),
      partner('PROVINCE', { ...remote, regencyCode: '32.04' }),
      partner('ELSEWHERE', { ...remote, regencyCode: '91.71' }),
      partner('UNKNOWN', remote),
    ]);
    const proximity = Object.fromEntries(
      result.matches.map((match) => [match.partnerId, match.factors.find((factor) => factor.id === 'proximity')!.value]),
    );
    expect(proximity).toEqual({ REGENCY: 0.6, PROVINCE: 0.25, ELSEWHERE: 0, UNKNOWN: 0 });
    expect(ids(result)).toEqual(['REGENCY', 'PROVINCE', 'ELSEWHERE', 'UNKNOWN']);
    expect(result.matches[0]!.distanceKm).toBeNull();
  });

  it('follows the gauss decay: 1 within the offset, 0.5 at offset + scale', () => {
    const at = (lat: number) => partner(`P${lat}`, { location: { lat, lon: PLACES.bandung.lon }, serviceRadiusKm: 500 });
    const oneKmLat = 1 / 111.195;
    const result = recommend(client(), [at(PLACES.bandung.lat - 3 * oneKmLat), at(PLACES.bandung.lat - 30 * oneKmLat)], { limit: 5 });
    const values = result.matches.map((match) => match.factors.find((factor) => factor.id === 'proximity')!.value);
    expect(values[0]).toBe(1);
    expect(values[1]).toBeCloseTo(0.5, 3);
  });
});

describe('administrative fit', () => {
  it("ranks a partner of the client's own Bapas above an equal partner of another", () => {
    const result = recommend(client({ bapasId: '020' }), [partner('A-OTHER', { bapasId: '019' }), partner('B-OWN', { bapasId: '020' })], {
      lang: 'en',
    });
    expect(ids(result)).toEqual(['B-OWN', 'A-OTHER']);
    expect(result.matches[1]!.reasons.find((reason) => reason.code === 'other-bapas')!.text).toBe('A partner of another Bapas (019).');
  });
});

describe('other hard rules', () => {
  it('never recommends an inactive partner', () => {
    const result = recommend(client(), [partner('GONE', { active: false }), partner('HERE', { active: true })], {
      explainExclusions: true,
    });
    expect(ids(result)).toEqual(['HERE']);
    expect(excludedIds(result, 'inactive')).toEqual(['GONE']);
  });

  it('holds gender eligibility, and does not guess an unknown gender', () => {
    const womenOnly = partner('WOMEN', { eligibility: { genders: ['female'] } });
    expect(ids(recommend(client({ gender: 'female' }), [womenOnly]))).toEqual(['WOMEN']);
    expect(recommend(client({ gender: 'male' }), [womenOnly]).excluded).toEqual([{ reason: 'ineligible-gender', count: 1 }]);
    expect(recommend(client(), [womenOnly]).excluded).toEqual([{ reason: 'ineligible-gender', count: 1 }]);
  });

  it('matches economic offerings only in a sector the client is interested in, when both name one', () => {
    const workshop = partner('BENGKEL', { offerings: [{ service: 'skills-training', sectors: ['industry'] }] });
    const needs = [{ service: 'skills-training' as const }];
    expect(recommend(client({ needs, sectors: ['agribusiness'] }), [workshop]).excluded).toEqual([{ reason: 'sector-mismatch', count: 1 }]);
    expect(ids(recommend(client({ needs, sectors: ['industry', 'services'] }), [workshop]))).toEqual(['BENGKEL']);
    expect(ids(recommend(client({ needs }), [workshop]))).toEqual(['BENGKEL']);
  });

  it('reports partners without any needed service as no-matching-service, before any other rule', () => {
    const result = recommend(client(), [partner('CLINIC', { active: false, offerings: [{ service: 'health' }] })], {
      explainExclusions: true,
    });
    expect(result).toEqual({ matches: [], excluded: [{ reason: 'no-matching-service', count: 1, partnerIds: ['CLINIC'] }] });
  });
});

describe('need coverage', () => {
  it('weights needs by priority and says which needs are met and which are not', () => {
    const legal = partner('LEGAL', { offerings: [{ service: 'legal-aid' }] });
    const job = partner('JOB', { offerings: [{ service: 'job-placement' }] });
    const needs = [
      { service: 'legal-aid' as const, priority: 3 as const },
      { service: 'job-placement' as const, priority: 1 as const },
    ];
    const result = recommend(client({ needs }), [job, legal], { lang: 'en' });
    expect(ids(result)).toEqual(['LEGAL', 'JOB']);
    const [first, second] = result.matches;
    expect(first!.factors.find((factor) => factor.id === 'coverage')!.value).toBe(0.75);
    expect(second!.factors.find((factor) => factor.id === 'coverage')!.value).toBe(0.25);
    expect(first!.missing).toEqual([{ service: 'job-placement', priority: 1, reason: 'not-offered' }]);
    expect(first!.reasons.map((reason) => reason.text)).toContain('Does not meet: job placement.');
  });

  it('treats a need without a priority as priority 2', () => {
    const [match] = recommend(client({ needs: [{ service: 'legal-aid' }] }), [partner('LBH')]).matches;
    expect(match!.covered).toEqual([{ service: 'legal-aid', priority: 2, modes: ['in-person'] }]);
  });
});

describe('ranking', () => {
  it('breaks ties by partner id, also when the heap keeps only the top few', () => {
    const far = Array.from({ length: 30 }, (_, index) =>
      partner(`P-${String(29 - index).padStart(2, '0')}`, {
        location: PLACES.jayapura,
        offerings: [{ service: 'legal-aid', modes: ['remote'] }],
      }),
    );
    const result = recommend(client(), far, { limit: 3 });
    expect(ids(result)).toEqual(['P-00', 'P-01', 'P-02']);
    expect(new Set(result.matches.map((match) => match.score)).size).toBe(1);
  });

  it('returns ten matches by default', () => {
    const many = Array.from({ length: 25 }, (_, index) => partner(`P-${String(index).padStart(2, '0')}`));
    expect(recommend(client(), many).matches).toHaveLength(10);
  });

  it('lets a query change the weights, keeping the other defaults', () => {
    const near = partner('NEAR', { bapasId: '019' });
    const own = partner('OWN', { location: PLACES.garut, serviceRadiusKm: 100, bapasId: '020' });
    expect(ids(recommend(client(), [near, own]))).toEqual(['NEAR', 'OWN']);
    const result = recommend(client(), [near, own], { weights: { administrative: 1 } });
    expect(ids(result)).toEqual(['OWN', 'NEAR']);
    const raw = { ...DEFAULT_WEIGHTS, administrative: 1 };
    const sum = Object.values(raw).reduce((total, weight) => total + weight, 0);
    expect(result.matches[0]!.factors.map((factor) => [factor.id, factor.weight])).toEqual(FACTOR_IDS.map((id) => [id, raw[id] / sum]));
  });
});

describe('reasons', () => {
  it('are written in Indonesian by default and in English on request, with the same codes', () => {
    const partners = [partner('LBH', { location: PLACES.cimahi, capacity: { total: 10, used: 4 } })];
    const [id] = recommend(client(), partners).matches;
    const [en] = recommend(client(), partners, { lang: 'en' }).matches;
    expect(id!.reasons.map((reason) => reason.code)).toEqual(en!.reasons.map((reason) => reason.code));
    expect(id!.reasons.map((reason) => reason.text)).toEqual([
      'Memenuhi 1 dari 1 kebutuhan: bantuan hukum.',
      'Berjarak sekitar 8,8 km dari klien.',
      'Masih ada 6 dari 10 tempat.',
      'Mitra POKMAS dari Bapas klien sendiri.',
    ]);
    expect(en!.reasons[1]!.text).toBe('About 8.8 km from the client.');
  });
});

describe('bad input', () => {
  it('names every bad field of the client in one MatcherError', () => {
    const error = catchMatcherError(() =>
      recommend(
        { id: 'K-1', needs: [{ service: 'legal-aid' }, { service: 'legal-aid' }, { service: 'karate' }], ageGroup: 'child' } as never,
        [],
      ),
    );
    expect(error.name).toBe('MatcherError');
    expect(error.code).toBe('INVALID_CLIENT');
    expect(error.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'client.ageGroup',
      'client.needs.1.service',
      'client.needs.2.service',
    ]);
  });

  it('refuses a client without needs, with more than 16, or with a name field', () => {
    expect(catchMatcherError(() => recommend(client({ needs: [] }), [])).issues[0]!.path).toEqual(['client', 'needs']);
    const seventeen = Array.from({ length: 17 }, () => ({ service: 'legal-aid' as const }));
    expect(
      catchMatcherError(() => recommend(client({ needs: seventeen }), [])).issues.some((issue) => issue.path.join('.') === 'client.needs'),
    ).toBe(true);
    const named = { ...client(), name: 'Budi' } as never;
    expect(catchMatcherError(() => recommend(named, [])).issues[0]!.message).toMatch(/name/);
  });

  it('names the partner index and field, and repeated partner ids', () => {
    const error = catchMatcherError(() =>
      recommend(client(), [partner('A'), partner('A'), partner('B', { capacity: { total: 2, used: 3 } }), { id: 'C' } as never]),
    );
    expect(error.code).toBe('INVALID_PARTNERS');
    const paths = error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('partners.1.id');
    expect(paths).toContain('partners.2.capacity.used');
    expect(paths).toContain('partners.3.name');
    expect(paths).toContain('partners.3.offerings');
  });

  it('refuses bad options and weights that add up to zero', () => {
    expect(catchMatcherError(() => recommend(client(), [], { limit: 0 })).code).toBe('INVALID_OPTIONS');
    expect(catchMatcherError(() => recommend(client(), [], { lang: 'fr' } as never)).issues[0]!.path).toEqual(['options', 'lang']);
    const zero = Object.fromEntries(FACTOR_IDS.map((id) => [id, 0]));
    expect(catchMatcherError(() => recommend(client(), [], { weights: zero })).issues[0]!.path).toEqual(['options', 'weights']);
    expect(catchMatcherError(() => createMatcher([], { weights: zero })).code).toBe('INVALID_OPTIONS');
  });

  it('refuses a partner list that is not a list', () => {
    expect(catchMatcherError(() => recommend(client(), { id: 'x' } as never)).issues[0]!.path).toEqual(['partners']);
  });

  it('never crashes on missing optional fields', () => {
    const bare = { id: 'K-2', needs: [{ service: 'legal-aid' as const }] };
    const result = recommend(bare, [
      { id: 'P', name: 'P', kind: 'individual', bapasId: '001', offerings: [{ service: 'legal-aid', modes: ['remote'] }] },
    ]);
    expect(ids(result)).toEqual(['P']);
    expect(result.matches[0]!.distanceKm).toBeNull();
  });
});

describe('languages', () => {
  const sundanese = partner('SUNDA', { languages: ['su', 'id'] });
  const javanese = partner('JAWA', { languages: ['jv'] });

  it("prefer, all else equal, a partner who speaks one of the client's languages, and say which", () => {
    const speaker = client({ languages: ['su'] });
    const result = recommend(speaker, [javanese, sundanese], { lang: 'en' });
    expect(ids(result)).toEqual(['SUNDA', 'JAWA']);
    const match = (id: string) => result.matches.find((each) => each.partnerId === id)!;
    const language = (id: string) => match(id).factors.find((factor) => factor.id === 'language')!;
    expect(match('SUNDA').reasons.find((each) => each.code === 'shared-language')!.text).toBe("Speaks the client's language: su.");
    expect(match('JAWA').reasons.map((each) => each.code)).toContain('no-shared-language');
    expect([language('SUNDA').value, language('JAWA').value]).toEqual([1, 0]);
    expect(match('SUNDA').score - match('JAWA').score).toBeCloseTo(language('SUNDA').weight, 12);
  });

  it('count as half when either side lists none, so that a silent record is neither rewarded nor penalised', () => {
    const silent = partner('SILENT');
    const result = recommend(client({ languages: ['su'] }), [javanese, silent, sundanese]);
    expect(ids(result)).toEqual(['SUNDA', 'SILENT', 'JAWA']);
    const unlisted = recommend(client(), [sundanese, javanese]);
    expect(unlisted.matches.map((each) => each.factors.find((factor) => factor.id === 'language')!.value)).toEqual([0.5, 0.5]);
  });

  it('say nothing when either side lists no language', () => {
    const codes = recommend(client(), [sundanese]).matches[0]!.reasons.map((reason) => reason.code);
    expect(codes).not.toContain('shared-language');
    expect(codes).not.toContain('no-shared-language');
  });
});
