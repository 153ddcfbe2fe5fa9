import { describe, expect, it } from 'vitest';
import { SERVICE_IDS, coverage, CoverageSchema, selectCoverage, type CoveragePlace, type Partner } from '../src/index';
import { PLACES as TOWNS, catchMatcherError, partner } from './fixtures';

// Town centres in West Java; Bandung-Cimahi 8.8 km, Bandung-Garut 48.0 km, Cimahi-Garut 56.6 km,
// Bandung-Bogor 95.5 km.

const place = (id: keyof typeof TOWNS, extra: Partial<CoveragePlace> = {}): CoveragePlace => ({ id, location: TOWNS[id], ...extra });
const PLACES: CoveragePlace[] = [
  place('bandung', { regencyCode: '32.73', group: 'Kanwil Jawa Barat', label: 'Bapas Bandung' }),
  place('cimahi', { regencyCode: '32.77', group: 'Kanwil Jawa Barat' }),
  place('garut', { regencyCode: '32.05', group: 'Kanwil Jawa Barat' }),
  place('bogor', { regencyCode: '32.71', group: 'Kanwil Jawa Barat' }),
  place('jayapura', { regencyCode: '94.71', group: 'Kanwil Papua' }),
];

const cellOf = (result: ReturnType<typeof coverage>, placeId: string, service: string) => {
  const found = result.places.find((p) => p.id === placeId)?.services.find((cell) => cell.service === service);
  if (!found) throw new Error(`no cell ${placeId} ${service}`);
  return found;
};

describe('coverage: reach', () => {
  it('counts an in-person partner at the places within its radius, and nowhere else', () => {
    const result = coverage([partner('P1', { serviceRadiusKm: 20 })], PLACES, { services: ['legal-aid'] });
    expect(result.places.map((p) => [p.id, p.services[0]!.partners])).toEqual([
      ['bandung', 1],
      ['cimahi', 1],
      ['garut', 0],
      ['bogor', 0],
      ['jayapura', 0],
    ]);
    expect(cellOf(result, 'cimahi', 'legal-aid')).toMatchObject({ inPerson: 1, remoteOnly: 0, nearestKm: 8.81 });
    expect(result.places.find((p) => p.id === 'garut')!.gaps).toEqual(['legal-aid']);
  });

  it('uses the default service radius of 50 km, as recommend does, unless told another', () => {
    const partners = [partner('P1')];
    expect(cellOf(coverage(partners, PLACES), 'garut', 'legal-aid').partners).toBe(1);
    expect(cellOf(coverage(partners, PLACES, { defaultServiceRadiusKm: 40 }), 'garut', 'legal-aid').partners).toBe(0);
    // A partner's own radius wins over the default.
    const own = [partner('P1', { serviceRadiusKm: 100 })];
    expect(cellOf(coverage(own, PLACES, { defaultServiceRadiusKm: 40 }), 'bogor', 'legal-aid').partners).toBe(1);
  });

  it('lets a remote offering cover its service at every place, however far, without an in-person distance', () => {
    const result = coverage([partner('P1', { offerings: [{ service: 'legal-aid', modes: ['remote'] }] })], PLACES);
    for (const p of result.places) {
      expect(cellOf(result, p.id, 'legal-aid')).toMatchObject({ partners: 1, inPerson: 0, remoteOnly: 1, nearestKm: null });
    }
  });

  it('counts a partner offering remote and in-person modes as in person near it and remote-only far away', () => {
    const result = coverage([partner('P1', { offerings: [{ service: 'legal-aid', modes: ['in-person', 'remote'] }] })], PLACES);
    expect(cellOf(result, 'bandung', 'legal-aid')).toMatchObject({ partners: 1, inPerson: 1, remoteOnly: 0, nearestKm: 0 });
    expect(cellOf(result, 'jayapura', 'legal-aid')).toMatchObject({ partners: 1, inPerson: 0, remoteOnly: 1, nearestKm: null });
  });

  it('reaches a partner without coordinates only from a place in its own regency', () => {
    const noCoordinates = partner('P1', { location: undefined, regencyCode: '32.73' });
    const result = coverage([noCoordinates], PLACES, { services: ['legal-aid'] });
    expect(result.places.filter((p) => p.covered === 1).map((p) => p.id)).toEqual(['bandung']);
    // In reach, but how far is unknown.
    expect(cellOf(result, 'bandung', 'legal-aid')).toMatchObject({ inPerson: 1, nearestKm: null });
  });

  it('reports the nearest in-person partner, not the nearest remote one', () => {
    const result = coverage(
      [
        partner('NEAR-REMOTE', { location: TOWNS.cimahi, offerings: [{ service: 'health', modes: ['remote'] }] }),
        partner('FAR', { location: TOWNS.garut, offerings: [{ service: 'health' }] }),
        partner('NEARER', { location: TOWNS.cimahi, offerings: [{ service: 'health', modes: ['home-visit'] }] }),
      ],
      [place('bandung')],
      { services: ['health'] },
    );
    expect(result.places[0]!.services[0]).toMatchObject({ partners: 3, inPerson: 2, remoteOnly: 1, nearestKm: 8.81 });
  });
});

describe('coverage: the partner rules of recommend', () => {
  it('never counts an inactive partner', () => {
    const result = coverage([partner('P1', { active: false })], [place('bandung')], { services: ['legal-aid'] });
    expect(result.places[0]!.services[0]).toMatchObject({ partners: 0, atCapacity: 0 });
    expect(result.places[0]!.gaps).toEqual(['legal-aid']);
  });

  it('never counts a partner that takes only juveniles: the client asked about is an adult', () => {
    const result = coverage([partner('P1', { eligibility: { ageGroups: ['juvenile'] } })], [place('bandung')], { services: ['legal-aid'] });
    expect(result.places[0]!.gaps).toEqual(['legal-aid']);
  });

  it('counts a partner that serves one gender, and says which gender is served', () => {
    const result = coverage(
      [
        partner('W', { eligibility: { genders: ['female'] } }),
        partner('M', { location: TOWNS.jayapura, eligibility: { genders: ['male'] } }),
      ],
      [place('bandung'), place('jayapura')],
      { services: ['legal-aid'] },
    );
    expect(result.places.map((p) => p.services[0]!.genders)).toEqual([['female'], ['male']]);
    expect(result.summary.fullyCovered).toBe(2);
  });

  it('lists both genders when any partner is unrestricted', () => {
    const result = coverage([partner('W', { eligibility: { genders: ['female'] } }), partner('ALL')], [place('bandung')]);
    expect(cellOf(result, 'bandung', 'legal-aid').genders).toEqual(['female', 'male']);
  });

  it('reports a full partner apart: it does not cover, so the service stays a gap', () => {
    const full = partner('FULL', { capacity: { total: 5, used: 5 } });
    const result = coverage([full], PLACES, { services: ['legal-aid'] });
    expect(cellOf(result, 'bandung', 'legal-aid')).toMatchObject({ partners: 0, atCapacity: 1, freePlaces: 0 });
    expect(cellOf(result, 'bogor', 'legal-aid').atCapacity).toBe(0); // out of reach anyway
    expect(result.places[0]!.gaps).toEqual(['legal-aid']);
  });

  it('names for a gap the nearest partner with room beyond reach, and its distance', () => {
    const partners = [
      partner('NEAR', { serviceRadiusKm: 20 }), // 48.0 km from Garut
      partner('FAR', { location: TOWNS.bogor, serviceRadiusKm: 20 }),
      partner('FULL', { location: TOWNS.garut, serviceRadiusKm: 1, capacity: { total: 1, used: 1 } }),
    ];
    const result = coverage(partners, PLACES, { services: ['legal-aid'] });
    expect(cellOf(result, 'garut', 'legal-aid')).toMatchObject({
      partners: 0,
      nearestKm: null,
      nearestBeyondReach: { found: true, partnerId: 'NEAR', name: 'Mitra NEAR', km: 47.97 },
    });
    // A covered service names no partner beyond reach.
    expect(cellOf(result, 'bandung', 'legal-aid')).not.toHaveProperty('nearestBeyondReach');
  });

  it('breaks a tie in distance by the smaller partner id, whatever the order of the partners', () => {
    const twins = [partner('B', { serviceRadiusKm: 5 }), partner('A', { serviceRadiusKm: 5 })];
    const forward = coverage(twins, [place('garut')], { services: ['legal-aid'] });
    const backward = coverage([...twins].reverse(), [place('garut')], { services: ['legal-aid'] });
    expect(forward.places[0]!.services[0]!.nearestBeyondReach).toMatchObject({ found: true, partnerId: 'A' });
    expect(backward).toEqual(forward);
  });

  it('gives the reason, never a made-up partner, when no partner beyond reach can be named', () => {
    const reasonAt = (partners: Partner[]) =>
      coverage(partners, [place('garut')], { services: ['legal-aid'] }).places[0]!.services[0]!.nearestBeyondReach;
    expect(reasonAt([])).toEqual({ found: false, reason: 'not-offered' });
    expect(reasonAt([partner('OFF', { active: false }), partner('JUV', { eligibility: { ageGroups: ['juvenile'] } })])).toEqual({
      found: false,
      reason: 'not-offered',
    });
    expect(reasonAt([partner('FULL', { serviceRadiusKm: 5, capacity: { total: 2, used: 2 } })])).toEqual({
      found: false,
      reason: 'at-capacity',
    });
    expect(reasonAt([partner('NOWHERE', { location: undefined, regencyCode: '32.73' })])).toEqual({
      found: false,
      reason: 'no-coordinates',
    });
  });

  it('does not report as full a partner that could not serve an adult even with room', () => {
    const result = coverage(
      [partner('FULL-JUVENILE', { capacity: { total: 2, used: 2 }, eligibility: { ageGroups: ['juvenile'] } })],
      [place('bandung')],
      { services: ['legal-aid'] },
    );
    expect(result.places[0]!.services[0]!.atCapacity).toBe(0);
  });

  it('adds up free places and counts the partners that record no capacity', () => {
    const result = coverage(
      [partner('A', { capacity: { total: 10, used: 4 } }), partner('B', { capacity: { total: 3, used: 1 } }), partner('C')],
      [place('bandung')],
      { services: ['legal-aid'] },
    );
    expect(result.places[0]!.services[0]).toMatchObject({ partners: 3, freePlaces: 8, unlimitedPartners: 1 });
  });

  it('lets religious guidance of any faith and economic offerings of any sector cover: the client names neither', () => {
    const result = coverage(
      [
        partner('R', { offerings: [{ service: 'religious-guidance', religions: ['hindu'] }] }),
        partner('S', { offerings: [{ service: 'job-placement', sectors: ['agribusiness'] }] }),
      ],
      [place('bandung')],
      { services: ['religious-guidance', 'job-placement'] },
    );
    expect(result.places[0]!.gaps).toEqual([]);
  });
});

describe('coverage: places, services and summaries', () => {
  // Legal aid from Bandung (50 km: Bandung, Cimahi, Garut); health from Bandung and Cimahi
  // (10 km: each other, 8.8 km apart); education remotely from Jayapura to everywhere.
  const registry = [
    partner('LA', { serviceRadiusKm: 50 }),
    partner('H1', { serviceRadiusKm: 10, offerings: [{ service: 'health' }] }),
    partner('H2', { location: TOWNS.cimahi, serviceRadiusKm: 10, offerings: [{ service: 'health' }] }),
    partner('ED', { location: TOWNS.jayapura, offerings: [{ service: 'education', modes: ['remote'] }] }),
  ];
  const services = ['legal-aid', 'health', 'education'] as const;
  const result = coverage(registry, PLACES, { services: [...services] });

  it('reports one cell per service in taxonomy order, whatever order they were asked in', () => {
    const reordered = coverage(registry, PLACES, { services: ['education', 'legal-aid', 'health'] });
    expect(reordered.services).toEqual(['health', 'education', 'legal-aid']);
    expect(reordered.places[0]!.services.map((cell) => cell.service)).toEqual(['health', 'education', 'legal-aid']);
  });

  it('measures all sixteen services by default', () => {
    const all = coverage(registry, PLACES);
    expect(all.services).toEqual([...SERVICE_IDS]);
    expect(all.places[0]!.services).toHaveLength(16);
    expect(all.places[0]!.gaps).toHaveLength(13);
    expect(all.places[0]!.share).toBeCloseTo(3 / 16);
  });

  it('gives each place its covered count, share and gaps', () => {
    expect(result.places.map((p) => [p.id, p.covered, p.gaps])).toEqual([
      ['bandung', 3, []],
      ['cimahi', 3, []],
      ['garut', 2, ['health']],
      ['bogor', 1, ['health', 'legal-aid']],
      ['jayapura', 1, ['health', 'legal-aid']],
    ]);
    expect(result.places[2]!.share).toBeCloseTo(2 / 3);
    expect(cellOf(result, 'bandung', 'health')).toMatchObject({ partners: 2, nearestKm: 0 });
  });

  it('summarises each service as the share of places covered, and lists the places with the most gaps', () => {
    expect(result.summary).toMatchObject({ places: 5, fullyCovered: 2, share: 10 / 15 });
    expect(result.summary.byService).toEqual([
      { service: 'health', coveredPlaces: 2, inPersonPlaces: 2, share: 0.4 },
      { service: 'education', coveredPlaces: 5, inPersonPlaces: 0, share: 1 },
      { service: 'legal-aid', coveredPlaces: 3, inPersonPlaces: 3, share: 0.6 },
    ]);
    // Most gaps first, ties by id; places without gaps are left out.
    expect(result.summary.mostGaps.map((p) => [p.id, p.gapCount])).toEqual([
      ['bogor', 2],
      ['jayapura', 2],
      ['garut', 1],
    ]);
  });

  it('carries labels and groups through, and summarises each group apart', () => {
    expect(result.places[0]).toMatchObject({ label: 'Bapas Bandung', group: 'Kanwil Jawa Barat', regencyCode: '32.73' });
    expect(result.groups.map((g) => [g.group, g.places, g.fullyCovered])).toEqual([
      ['Kanwil Jawa Barat', 4, 2],
      ['Kanwil Papua', 1, 0],
    ]);
    expect(result.groups[1]!.mostGaps).toEqual([{ id: 'jayapura', group: 'Kanwil Papua', gapCount: 2, gaps: ['health', 'legal-aid'] }]);
  });

  it('lists at most topGaps places in mostGaps', () => {
    expect(coverage(registry, PLACES, { services: [...services], topGaps: 1 }).summary.mostGaps.map((p) => p.id)).toEqual(['bogor']);
    expect(coverage(registry, PLACES, { services: [...services], topGaps: 0 }).summary.mostGaps).toEqual([]);
  });

  it('answers an empty list of places with empty summaries, not a division by zero', () => {
    const empty = coverage(registry, []);
    expect(empty.summary).toMatchObject({ places: 0, fullyCovered: 0, share: 0, mostGaps: [] });
    expect(empty.summary.byService.every((s) => s.share === 0)).toBe(true);
    expect(empty.groups).toEqual([]);
  });

  it('produces a value its own result schema accepts', () => {
    expect(CoverageSchema.safeParse(result).success).toBe(true);
  });

  it('narrows to some places and services with selectCoverage exactly as measuring only those would', () => {
    const all = coverage(registry, PLACES);
    const selection = { placeIds: ['garut', 'jayapura', 'nowhere'], services: ['legal-aid', 'health'] as ('legal-aid' | 'health')[] };
    const narrowed = selectCoverage(all, selection);
    const direct = coverage(
      registry,
      PLACES.filter((p) => selection.placeIds.includes(p.id)),
      { services: selection.services },
    );
    expect(narrowed).toEqual(direct);
  });
});

describe('coverage: input', () => {
  it('never changes its inputs', () => {
    const partners = [partner('A', { capacity: { total: 3, used: 1 } }), partner('B', { active: false })];
    const places = PLACES.map((p) => ({ ...p }));
    const before = structuredClone({ partners, places });
    coverage(partners, places, { services: ['legal-aid'] });
    expect({ partners, places }).toEqual(before);
  });

  it('rejects a repeated place id, naming where it is', () => {
    const error = catchMatcherError(() => coverage([], [place('bandung'), place('bandung')]));
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.issues.map((issue) => issue.path)).toEqual([['places', 1, 'id']]);
  });

  it('rejects a place without a location and an unknown option, each with its path', () => {
    const noLocation = catchMatcherError(() => coverage([], [{ id: 'x' } as unknown as CoveragePlace]));
    expect(noLocation.issues[0]!.path).toEqual(['places', 0, 'location']);
    const badOption = catchMatcherError(() => coverage([], [], { services: ['haircuts'] } as never));
    expect(badOption.code).toBe('INVALID_OPTIONS');
    expect(badOption.issues[0]!.path).toEqual(['options', 'services', 0]);
  });

  it('rejects invalid partners as recommend does', () => {
    const error = catchMatcherError(() => coverage([partner('A'), partner('A')], PLACES));
    expect(error.code).toBe('INVALID_PARTNERS');
    expect(error.issues[0]!.path).toEqual(['partners', 1, 'id']);
  });
});
