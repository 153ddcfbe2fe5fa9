import { createRoute, z } from '@hono/zod-openapi';
import { RecommendOptionsSchema } from '@pokmas/matcher';
import { requireJson } from '../../lib/json-body';
import { problemResponses, unrecognizedKeys } from '../../lib/problem';
import { ClientSchema, component, ExclusionSchema, MatchSchema, PartnerSummarySchema, RegistryInfoSchema } from '../../lib/schemas';

/** The most matches one request may ask for. */
export const MAX_LIMIT = 100;

/**
 * The library's options, with `limit` held to {@link MAX_LIMIT}: the same object as
 * `POST /v1/allocations` nests under `options`, and as strict (an unknown option is a 422).
 */
export const RecommendationOptionsSchema = component(
  RecommendOptionsSchema.extend({
    limit: z.number().int().min(1).max(MAX_LIMIT, `limit is at most ${MAX_LIMIT}`).optional().openapi({ default: 10 }),
  }),
  'RecommendationOptions',
);

const OPTION_KEYS: ReadonlySet<string> = new Set(Object.keys(RecommendationOptionsSchema.shape));

export const RecommendationRequestSchema = z
  .strictObject(
    { client: ClientSchema, options: RecommendationOptionsSchema.optional() },
    {
      // Options sent at the top level (the request's shape before 0.2.0) say where they go now.
      error: (issue) => {
        if (issue.code !== 'unrecognized_keys' || !issue.keys.some((key) => OPTION_KEYS.has(key))) return undefined;
        return `${unrecognizedKeys(issue.keys)}: options go under "options", as in { "client": {...}, "options": { "limit": 5 } }`;
      },
    },
  )
  .openapi('RecommendationRequest', {
    example: {
      client: {
        id: 'K-2026-0001',
        bapasId: '026',
        ageGroup: 'adult',
        needs: [{ service: 'job-placement', priority: 3 }, { service: 'religious-guidance' }],
      },
      options: { limit: 5, lang: 'en' },
    },
  });

export const RecommendedMatchSchema = MatchSchema.extend({ partner: PartnerSummarySchema }).openapi('RecommendedMatch');

export const ResolvedLocationSchema = z
  .object({
    source: z.enum(['coordinates', 'regency', 'bapas']).openapi({ description: 'What the client location was taken from' }),
    regencyCode: z.string().optional(),
  })
  .openapi('ResolvedLocation');

export const RecommendationResponseSchema = z
  .object({
    matches: z.array(RecommendedMatchSchema),
    excluded: z.array(ExclusionSchema),
    registry: RegistryInfoSchema,
    location: ResolvedLocationSchema,
  })
  .openapi('RecommendationResponse');

export const recommend = createRoute({
  method: 'post',
  path: '/v1/recommendations',
  operationId: 'recommend',
  tags: ['Recommendations'],
  summary: 'Rank partners for one client',
  description:
    'Resolves the client location (coordinates, else a regency code, else the Bapas seat), then ranks the partners ' +
    'of the current registry. Responses are never cached (`Cache-Control: no-store`).',
  middleware: [requireJson] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: RecommendationRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The best matches, and why the others were left out',
      content: { 'application/json': { schema: RecommendationResponseSchema } },
    },
    ...problemResponses('malformed-json', 'unauthorized', 'forbidden', 'payload-too-large', 'unsupported-media-type', 'validation'),
  },
});
export type RecommendRoute = typeof recommend;
