import {
  EXCLUSION_LABELS,
  EXCLUSION_REASONS,
  FACTOR_IDS,
  FACTOR_LABELS,
  MISSING_LABELS,
  MISSING_REASONS,
  TAXONOMY,
  type Recommendation,
} from '@pokmas/matcher';
import { REFERRAL_STATUSES, REFERRAL_TRANSITIONS } from '@pokmas/store';
import { beforeAll, describe, expect, test } from 'vitest';
import { TaxonomySchema } from '../src/routes/taxonomy/taxonomy.routes';
import { makeApp, type TestApp } from './fixtures';

type Doc = Record<string, any>;
let app: TestApp['app'];
let body: ReturnType<typeof TaxonomySchema.parse>;

beforeAll(async () => {
  ({ app } = await makeApp());
  const res = await app.request('/v1/taxonomy');
  expect(res.status).toBe(200);
  body = TaxonomySchema.parse(await res.json());
});

describe('GET /v1/taxonomy, beside the terms, labels the codes a recommendation carries', () => {
  test('every exclusion reason, in the order `excluded` reports them', () => {
    expect(body.exclusionReasons.map((term) => term.id)).toEqual([...EXCLUSION_REASONS]);
    for (const { id, label } of body.exclusionReasons) expect(label).toEqual(EXCLUSION_LABELS[id]);
  });

  test('every reason a need goes unmet', () => {
    expect(body.missingReasons.map((term) => term.id)).toEqual([...MISSING_REASONS]);
    for (const { id, label } of body.missingReasons) expect(label).toEqual(MISSING_LABELS[id]);
  });

  test('every factor, in the order a match lists them, under the names the factors give themselves', () => {
    expect(body.factors.map((term) => term.id)).toEqual([...FACTOR_IDS]);
    for (const { id, label } of body.factors) expect(label).toEqual(FACTOR_LABELS[id]);
    expect(body.factors.find((term) => term.id === 'proximity')?.label).toEqual({ id: 'Kedekatan', en: 'Proximity' });
  });

  test('labels every code an answer of POST /v1/recommendations can carry', async () => {
    const res = await app.request('/v1/recommendations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client: { id: 'K-1', regencyCode: '32.73', ageGroup: 'juvenile', needs: [{ service: 'legal-aid' }, { service: 'health' }] },
      }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Recommendation;
    const labelled = (list: readonly { id: string }[]) => new Set(list.map((term) => term.id));
    expect(answer.excluded.length).toBeGreaterThan(0);
    for (const { reason } of answer.excluded) expect(labelled(body.exclusionReasons).has(reason), reason).toBe(true);
    for (const match of answer.matches) {
      for (const { reason } of match.missing) expect(labelled(body.missingReasons).has(reason), reason).toBe(true);
      for (const { id } of match.factors) expect(labelled(body.factors).has(id), id).toBe(true);
    }
  });

  test('is the library taxonomy, whole, with the referral codes and their labels', () => {
    const { referralStatuses, referralReasons, outcomes, ...library } = body;
    expect(library).toEqual(JSON.parse(JSON.stringify(TAXONOMY)));
    expect(referralStatuses.map((term: { id: string }) => term.id)).toEqual([...REFERRAL_STATUSES]);
    // Every reason any move of the lifecycle takes has its labels.
    const reasons = new Set(REFERRAL_TRANSITIONS.flatMap((transition) => transition.reasons ?? []));
    expect(new Set(referralReasons.map((term: { id: string }) => term.id))).toEqual(reasons);
    expect(referralReasons.find((term: { id: string }) => term.id === 'not-engaged')?.label).toEqual({
      id: 'Klien tidak aktif mengikuti',
      en: 'Client not engaged',
    });
    expect(outcomes.map((term: { id: string }) => term.id)).toEqual(['achieved', 'partly-achieved', 'not-achieved']);
  });
});

describe('the OpenAPI document', () => {
  test('documents the labelled codes of the taxonomy, each id an enum of its codes', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as Doc;
    const taxonomy = doc.components.schemas.Taxonomy as Doc;
    const codes = { exclusionReasons: EXCLUSION_REASONS, missingReasons: MISSING_REASONS, factors: FACTOR_IDS };
    for (const [field, ids] of Object.entries(codes)) {
      expect(taxonomy.required, field).toContain(field);
      const property = taxonomy.properties[field] as Doc;
      expect(property.type, field).toBe('array');
      expect(property.description, field).toEqual(expect.any(String));
      expect(property.items.properties.id.enum, field).toEqual([...ids]);
      expect(property.items.properties.label.$ref, field).toBe('#/components/schemas/Label');
    }
  });
});
