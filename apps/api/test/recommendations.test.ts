import { FACTOR_IDS } from '@pokmas/matcher';
import { describe, expect, test } from 'vitest';
import { RecommendationResponseSchema } from '../src/routes/recommendations/recommendations.routes';
import { makeApp, postJson, streamedJson } from './fixtures';

const url = '/v1/recommendations';
const client = (fields: Record<string, unknown> = {}) => ({ id: 'K-001', needs: [{ service: 'job-placement', priority: 3 }], ...fields });

async function recommend(body: unknown, env: Record<string, string> = {}) {
  const { app } = await makeApp(env);
  const res = await app.request(url, postJson(body));
  return { res, body: (await res.json()) as Record<string, any> };
}

describe('POST /v1/recommendations', () => {
  test('a client known only by their Bapas is located at its seat and matched, with each partner summarised', async () => {
    const { res, body } = await recommend({ client: client({ bapasId: '026' }), options: { lang: 'en' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const parsed = RecommendationResponseSchema.parse(body);
    expect(parsed.location).toEqual({ source: 'bapas', regencyCode: '32.73' });
    expect(parsed.registry).toEqual({ version: 'r1', partners: 4 });
    expect(parsed.matches.map((match) => match.partnerId)).toEqual(['P-001']);
    expect(parsed.matches[0]!.partner).toEqual({
      id: 'P-001',
      name: 'BLK Bandung',
      kind: 'government',
      bapasId: '026',
      pokmasId: 'PK-026-SR',
      contact: { person: 'Ibu Sari', phone: '+62 22 000 0001' },
    });
    // The Jakarta partner offers the service but is inactive: counted, never matched.
    expect(parsed.excluded).toContainEqual({ reason: 'inactive', count: 1 });
    expect(parsed.matches[0]!.reasons[0]!.text).toMatch(/Meets 1 of 1 needs/);
  });

  test('a recommendation is never cached', async () => {
    const { res } = await recommend({ client: client({ bapasId: '026' }) });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  test('coordinates win over the regency and the Bapas; a regency alone locates the client at its point', async () => {
    const withPoint = await recommend({ client: client({ location: { lat: -6.93, lon: 107.62 }, regencyCode: '32.73', bapasId: '026' }) });
    expect(withPoint.body.location).toEqual({ source: 'coordinates', regencyCode: '32.73' });
    expect(withPoint.body.matches[0].distanceKm).toBe(0);

    const withRegency = await recommend({ client: client({ regencyCode: '32.73' }) });
    expect(withRegency.body.location).toEqual({ source: 'regency', regencyCode: '32.73' });
    expect(withRegency.body.matches[0].partnerId).toBe('P-001');
  });

  test('options (limit, lang, weights, explainExclusions) reach the engine', async () => {
    const needs = [{ service: 'job-placement' }, { service: 'legal-aid' }, { service: 'religious-guidance' }];
    const all = await recommend({
      client: client({ bapasId: '026', needs, religion: 'islam' }),
      options: { limit: 2, lang: 'id', explainExclusions: true },
    });
    expect(all.res.status).toBe(200);
    expect(all.body.matches).toHaveLength(2);
    expect(all.body.matches[0].reasons[0].text).toMatch(/^Memenuhi/);
    expect(all.body.excluded).toContainEqual({ reason: 'inactive', count: 1, partnerIds: ['P-004'] });

    const coverageOnly = await recommend({
      client: client({ bapasId: '026', needs, religion: 'islam' }),
      options: { weights: Object.fromEntries(FACTOR_IDS.map((id) => [id, id === 'coverage' ? 1 : 0])) },
    });
    for (const match of coverageOnly.body.matches) {
      const coverage = match.factors.find((factor: { id: string }) => factor.id === 'coverage');
      expect(coverage.weight).toBe(1);
    }
  });

  test('proximity and the default service radius are options too, as in allocations', async () => {
    // P-001 (Bandung, no radius of its own) reaches a client in Jakarta, 120 km off, only with a wider default radius.
    const jakarta = { client: client({ location: { lat: -6.2, lon: 106.82 }, modes: ['in-person'] }) };
    expect((await recommend(jakarta)).body.matches).toEqual([]);
    const wide = await recommend({ ...jakarta, options: { defaultServiceRadiusKm: 5000 } });
    expect(wide.res.status).toBe(200);
    expect(wide.body.matches.map((match: { partnerId: string }) => match.partnerId)).toEqual(['P-001']);

    // About 30 km east of P-001: proximity decays by default, and not within an offset that wide.
    const east = { client: client({ location: { lat: -6.93, lon: 107.9 } }) };
    const proximityOf = (body: Record<string, any>) =>
      body.matches[0].factors.find((factor: { id: string }) => factor.id === 'proximity').value as number;
    expect(proximityOf((await recommend(east)).body)).toBeLessThan(0.6);
    expect(proximityOf((await recommend({ ...east, options: { proximity: { offsetKm: 100 } } })).body)).toBe(1);
  });

  test('options sent at the top level, where they were before, are a 422 naming each and saying where it goes', async () => {
    const moved = { limit: 3, lang: 'en', weights: { coverage: 1 }, explainExclusions: true, proximity: {}, defaultServiceRadiusKm: 10 };
    for (const [key, value] of Object.entries(moved)) {
      const { res, body } = await recommend({ client: client({ bapasId: '026' }), [key]: value });
      expect(res.status, key).toBe(422);
      expect(body.issues, key).toEqual([
        {
          path: [],
          pointer: '',
          code: 'unrecognized_keys',
          message: `Unrecognized key: "${key}": options go under "options", as in { "client": {...}, "options": { "limit": 5 } }`,
        },
      ]);
    }
    // A key that was never an option is only unknown.
    const { body } = await recommend({ client: client({ bapasId: '026' }), pad: 1 });
    expect(body.issues).toEqual([expect.objectContaining({ path: [], message: 'Unrecognized key: "pad"' })]);
  });

  test('a client the directory cannot locate is a 422 naming the client field at fault', async () => {
    const cases = [
      [{ regencyCode: '99.99' }, ['client', 'regencyCode'], 'UNKNOWN_REGENCY'],
      [{ bapasId: 'no-such-bapas' }, ['client', 'bapasId'], 'UNKNOWN_BAPAS'],
      [{}, ['client', 'location'], 'NO_LOCATION'],
    ] as const;
    for (const [fields, path, code] of cases) {
      const { res, body } = await recommend({ client: client(fields) });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(body.issues).toEqual([expect.objectContaining({ path, code, pointer: `/${path.join('/')}` })]);
    }
  });

  test('limit is at most 100 and a client has at most 16 needs, each said plainly', async () => {
    const tooMany = await recommend({ client: client({ bapasId: '026' }), options: { limit: 101 } });
    expect(tooMany.res.status).toBe(422);
    expect(tooMany.body.issues).toEqual([expect.objectContaining({ path: ['options', 'limit'], message: 'limit is at most 100' })]);

    const needs = Array.from({ length: 17 }, (_, index) => ({ service: index % 2 ? 'legal-aid' : 'job-placement' }));
    const manyNeeds = await recommend({ client: client({ bapasId: '026', needs }) });
    expect(manyNeeds.res.status).toBe(422);
    expect(manyNeeds.body.issues).toContainEqual(
      expect.objectContaining({ path: ['client', 'needs'], message: expect.stringMatching(/at most 16 needs/) }),
    );
  });

  test('every schema error is listed with its path, in one 422', async () => {
    const { res, body } = await recommend({
      client: { id: 'has space', needs: [{ service: 'cooking' }] },
      options: { lang: 'fr', limit: 0, extra: true },
      extra: true,
    });
    expect(res.status).toBe(422);
    expect(body).toMatchObject({ type: 'urn:pokmas:problem:validation', title: 'Invalid request', status: 422 });
    const paths = body.issues.map((issue: { path: unknown[] }) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['client.id', 'client.needs.0.service', 'options.lang', 'options.limit', 'options', '']));
    expect(body.detail).toMatch(/^The body is not valid: /);
  });

  test('weights that add up to 0 are refused by the engine and answered as a schema error on weights', async () => {
    const { res, body } = await recommend({
      client: client({ bapasId: '026' }),
      options: { weights: Object.fromEntries(FACTOR_IDS.map((id) => [id, 0])) },
    });
    expect(res.status).toBe(422);
    expect(body.issues).toEqual([
      expect.objectContaining({
        path: ['options', 'weights'],
        pointer: '/options/weights',
        message: 'at least one weight must be above 0',
      }),
    ]);
  });

  test('a body that is not a JSON object: malformed is 400, well-formed but wrong is 422', async () => {
    const { app } = await makeApp();
    for (const text of ['{"client":', '', 'undefined', "{'a':1}"]) {
      const res = await app.request(url, postJson(text));
      expect(res.status, text).toBe(400);
      expect(await res.json()).toMatchObject({ type: 'urn:pokmas:problem:malformed-json', status: 400 });
    }
    for (const text of ['null', '[]', '42', '"client"']) {
      const res = await app.request(url, postJson(text));
      expect(res.status, text).toBe(422);
    }
  });

  test('a body sent as anything but JSON is 415', async () => {
    const { app } = await makeApp();
    const contentTypes: Record<string, string>[] = [
      {},
      { 'Content-Type': 'text/plain' },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of contentTypes) {
      const res = await app.request(url, { method: 'POST', headers, body: JSON.stringify({ client: client({ bapasId: '026' }) }) });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const charset = await app.request(
      url,
      postJson({ client: client({ bapasId: '026' }) }, { 'Content-Type': 'application/json; charset=utf-8' }),
    );
    expect(charset.status).toBe(200);
  });

  test('a body over the limit is 413, whether or not it declares its length', async () => {
    const { app } = await makeApp({ MAX_BODY_BYTES: '2048' });
    const big = JSON.stringify({ client: client({ bapasId: '026', id: 'K'.repeat(100) }), pad: 'x'.repeat(4000) });
    const declared = await app.request(url, postJson(big, { 'Content-Length': String(big.length) }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ status: 413, detail: expect.stringMatching(/2048 bytes/) });

    const streamed = await app.request(url, streamedJson(big));
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('cache-control')).toBe('no-store');
  });

  test('other methods are 405 with Allow', async () => {
    const { app } = await makeApp();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await app.request(url, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
