import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeApp, type TestApp } from './fixtures';

type Doc = Record<string, any>;
let app: TestApp['app'];
let doc: Doc;

beforeAll(async () => {
  ({ app } = await makeApp());
  const res = await app.request('/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, Doc>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
const resolve = (ref: string): unknown =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => node?.[key], doc);

describe('GET /openapi.json', () => {
  test("names the API's version as the package does, so the document changes with each release", () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(doc.info.version).toBe(version);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('every operation has an operationId, each its own', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.filter((id) => typeof id !== 'string')).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'pokmas-match API' });
  });

  test('has every route of the API: everything under /v1, and /healthz', () => {
    const served = app.routes
      .filter((route) => route.method !== 'ALL' && (route.path.startsWith('/v1/') || route.path === '/healthz'))
      .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = operations().map(({ method, path }) => `${method} ${path}`);
    expect(new Set(documented)).toEqual(new Set(served));
    expect(documented).toEqual(
      expect.arrayContaining([
        'post /v1/recommendations',
        'post /v1/allocations',
        'get /v1/partners',
        'get /v1/partners/{id}',
        'get /v1/bapas',
        'get /v1/bapas/{id}',
        'get /v1/taxonomy',
        'get /healthz',
      ]),
    );
  });

  test('every request body and every success response refers to a named schema', () => {
    for (const { path, method, operation } of operations()) {
      if (method === 'post') {
        const body = operation.requestBody;
        expect(body?.required, path).toBe(true);
        expect(body.content['application/json'].schema.$ref, path).toMatch(/^#\/components\/schemas\//);
      }
      const ok = operation.responses['200'] ?? operation.responses['201'];
      expect(ok, `${method} ${path}`).toBeDefined();
      // JSON answers refer to a named schema; others (an SVG image, say) at least declare theirs.
      for (const [mediaType, content] of Object.entries(ok.content as Record<string, Doc>)) {
        if (/json$/.test(mediaType)) expect(String(content.schema?.$ref), `${method} ${path}`).toMatch(/^#\/components\/schemas\//);
        else expect(content.schema, `${method} ${path}`).toBeDefined();
      }
    }
  });

  test('every error response is a problem+json Problem, and 422 is documented wherever input is validated', () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, Doc>)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        expect(response.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
      }
      if (operation.requestBody || operation.parameters?.length) expect(operation.responses['422'], `${method} ${path}`).toBeDefined();
    }
    for (const path of ['/v1/recommendations', '/v1/allocations']) {
      const expected = ['200', '400', '401', '403', '413', '415', '422'];
      // Allocations run in the bounded worker pool: a full queue answers 503; a commit whose places changed, 409.
      if (path === '/v1/allocations') expected.push('409', '503');
      expect(Object.keys(doc.paths[path].post.responses).sort(), path).toEqual(expected.sort());
    }
  });

  test('every $ref resolves', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(resolve(ref.slice(8, -1)), ref).toBeDefined();
  });

  test('the schemas are the library’s: strict objects, the need limit and the API’s own limit', () => {
    const schemas = doc.components.schemas;
    expect(schemas.RecommendationRequest.properties.client.$ref).toBe('#/components/schemas/Client');
    expect(schemas.RecommendationRequest.additionalProperties).toBe(false);
    expect(Object.keys(schemas.RecommendationRequest.properties)).toEqual(['client', 'options']);
    expect(schemas.RecommendationRequest.required).toEqual(['client']);
    expect(schemas.RecommendationRequest.properties.options.$ref).toBe('#/components/schemas/RecommendationOptions');
    expect(schemas.RecommendationOptions.additionalProperties).toBe(false);
    expect(schemas.RecommendationOptions.properties.limit).toMatchObject({ type: 'integer', maximum: 100, default: 10 });
    expect(Object.keys(schemas.RecommendationOptions.properties).sort()).toEqual(
      ['limit', 'weights', 'proximity', 'defaultServiceRadiusKm', 'lang', 'explainExclusions'].sort(),
    );
    expect(schemas.Client.additionalProperties).toBe(false);
    expect(schemas.Client.properties.needs).toMatchObject({ type: 'array', minItems: 1, maxItems: 16 });
    expect(schemas.RecommendedMatch).toBeDefined();
    expect(schemas.AllocationRequest.additionalProperties).toBe(false);
    expect(schemas.AllocationRequest.properties.clients).toMatchObject({
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: { $ref: '#/components/schemas/Client' },
    });
    expect(schemas.AllocationRequest.properties.options.$ref).toBe('#/components/schemas/AllocateOptions');
    expect(schemas.AllocatedAssignment.properties.partner.$ref).toBe('#/components/schemas/PartnerSummary');
    expect(doc.paths['/v1/allocations'].post.description).toMatch(/At most 1000 clients .* 2097152 bytes/);
    expect(schemas.Problem.properties).toHaveProperty('issues');
    const query = doc.paths['/v1/partners'].get.parameters.map((parameter: Doc) => parameter.name);
    expect(query).toEqual(['service', 'bapasId', 'regencyCode', 'near', 'radiusKm', 'page', 'perPage']);
  });
});
