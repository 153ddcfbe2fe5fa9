import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AGE_GROUP_IDS,
  DEFAULT_CLIENT_AGE_GROUP,
  DEFAULT_CLIENT_MODES,
  DEFAULT_OFFERING_MODES,
  DEFAULT_PARTNER_AGE_GROUPS,
  DEFAULT_PRIORITY,
  EXCLUSION_LABELS,
  EXCLUSION_REASONS,
  FACTOR_IDS,
  FACTOR_LABELS,
  LANGS,
  MISSING_LABELS,
  MISSING_REASONS,
  MODE_IDS,
  PRIORITIES,
  PrioritySchema,
  TAXONOMY,
  freePlaces,
  recommend,
  type ExclusionReason,
  type FactorId,
  type Label,
  type MissingReason,
} from '../src/index';
import { client, partner } from './fixtures';

describe('the labels of the codes a recommendation carries', () => {
  it('are typed by code, so that a code without a label does not compile', () => {
    expectTypeOf(EXCLUSION_LABELS).toEqualTypeOf<Readonly<Record<ExclusionReason, Label>>>();
    expectTypeOf(MISSING_LABELS).toEqualTypeOf<Readonly<Record<MissingReason, Label>>>();
    expectTypeOf(FACTOR_LABELS).toEqualTypeOf<Readonly<Record<FactorId, Label>>>();
  });

  it.each([
    ['exclusion reasons', EXCLUSION_REASONS, EXCLUSION_LABELS],
    ['missing-need reasons', MISSING_REASONS, MISSING_LABELS],
    ['factors', FACTOR_IDS, FACTOR_LABELS],
  ] as const)('name every one of the %s, in each language, and no two alike', (_kind, codes, labels) => {
    const table = labels as Readonly<Record<string, Label>>;
    expect(Object.keys(table).sort()).toEqual([...codes].sort());
    for (const lang of LANGS) {
      const words = codes.map((code) => table[code]![lang].trim());
      expect(words.filter((word) => word === '')).toEqual([]);
      expect(new Set(words).size, lang).toBe(codes.length);
    }
  });

  it('name the factors as the factors themselves do, the same words a match is scored under', () => {
    const [match] = recommend(client(), [partner('LBH')]).matches;
    expect(match!.factors.map((factor) => factor.id)).toEqual([...FACTOR_IDS]);
    expect(FACTOR_LABELS.administrative).toEqual({ id: 'Bapas sendiri', en: 'Own Bapas' });
  });

  it('are served with the taxonomy, in the order the matcher reports the codes', () => {
    expect(TAXONOMY.exclusionReasons).toEqual(EXCLUSION_REASONS.map((id) => ({ id, label: EXCLUSION_LABELS[id] })));
    expect(TAXONOMY.missingReasons).toEqual(MISSING_REASONS.map((id) => ({ id, label: MISSING_LABELS[id] })));
    expect(TAXONOMY.factors).toEqual(FACTOR_IDS.map((id) => ({ id, label: FACTOR_LABELS[id] })));
    // The terms are still there beside them.
    expect(TAXONOMY.services).toHaveLength(16);
    expect(TAXONOMY.modes.map((mode) => mode.id)).toEqual([...MODE_IDS]);
  });

  it('label the exclusions a recommendation reports', () => {
    const result = recommend(client({ ageGroup: 'juvenile' }), [partner('ADULTS'), partner('CLOSED', { active: false })]);
    const reasons = result.excluded.map((exclusion) => exclusion.reason);
    expect(reasons).toEqual(['inactive', 'ineligible-age']);
    expect(reasons.map((reason) => EXCLUSION_LABELS[reason].en)).toEqual(['Not active', "Does not accept the client's age group"]);
  });
});

describe('the defaults the matcher assumes, as exported', () => {
  it('lists the priorities the schema accepts, least urgent first, the default among them', () => {
    expect(PRIORITIES).toEqual([1, 2, 3]);
    for (const priority of PRIORITIES) expect(PrioritySchema.safeParse(priority).success).toBe(true);
    expect(PRIORITIES).toContain(DEFAULT_PRIORITY);
  });

  it('gives a need without a priority the default priority', () => {
    const [match] = recommend(client({ needs: [{ service: 'legal-aid' }, { service: 'health', priority: 3 }] }), [partner('LBH')]).matches;
    expect(match!.covered).toEqual([{ service: 'legal-aid', priority: DEFAULT_PRIORITY, modes: ['in-person'] }]);
    const coverage = match!.factors.find((factor) => factor.id === 'coverage')!.value;
    expect(coverage).toBeCloseTo(DEFAULT_PRIORITY / (DEFAULT_PRIORITY + 3), 12);
  });

  it('lets a client who names no mode accept every mode, and gives an offering that names none in person only', () => {
    expect([...DEFAULT_CLIENT_MODES]).toEqual([...MODE_IDS]);
    const everyMode = partner('ALL', { offerings: [{ service: 'legal-aid', modes: [...MODE_IDS] }] });
    const unsaid = partner('UNSAID');
    const result = recommend(client(), [everyMode, unsaid]);
    const modes = Object.fromEntries(result.matches.map((match) => [match.partnerId, match.covered[0]!.modes]));
    expect(modes).toEqual({ ALL: [...DEFAULT_CLIENT_MODES], UNSAID: [...DEFAULT_OFFERING_MODES] });
  });

  it('lets a partner that names no age group take only the default age groups, and judges a client of unknown age by the default', () => {
    expect(DEFAULT_PARTNER_AGE_GROUPS).toEqual(['adult']);
    for (const ageGroup of AGE_GROUP_IDS) {
      const result = recommend(client({ ageGroup }), [partner('UNSAID')]);
      expect(result.matches.length, ageGroup).toBe(DEFAULT_PARTNER_AGE_GROUPS.includes(ageGroup) ? 1 : 0);
    }
    const juvenilesOnly = partner('YOUTH', { eligibility: { ageGroups: ['juvenile'] } });
    const adultsOnly = partner('ADULTS', { eligibility: { ageGroups: ['adult'] } });
    const unknownAge = recommend(client(), [juvenilesOnly, adultsOnly]).matches.map((match) => match.partnerId);
    expect(unknownAge).toEqual([DEFAULT_CLIENT_AGE_GROUP === 'adult' ? 'ADULTS' : 'YOUTH']);
  });

  it('counts free places as total less used, and none recorded as unlimited (null), as the capacity rule and factor do', () => {
    expect(freePlaces({ capacity: { total: 10, used: 7 } })).toBe(3);
    expect(freePlaces({ capacity: { total: 4, used: 4 } })).toBe(0);
    expect(freePlaces({})).toBeNull();
    const result = recommend(client(), [partner('OPEN'), partner('FULL', { capacity: { total: 2, used: 2 } })], { lang: 'en' });
    expect(result.matches.map((match) => match.partnerId)).toEqual(['OPEN']);
    expect(result.excluded).toEqual([{ reason: 'at-capacity', count: 1 }]);
  });
});
